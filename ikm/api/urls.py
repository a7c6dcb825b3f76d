from rest_framework.routers import SimpleRouter

from .views import CertificationViewSet, IkmUnitViewSet, SentraMembershipViewSet, YearlyFigureViewSet

router = SimpleRouter()
router.register("ikm-units", IkmUnitViewSet, basename="api-ikm-unit")
router.register("memberships", SentraMembershipViewSet, basename="api-membership")
router.register("certifications", CertificationViewSet, basename="api-certification")
router.register("yearly-figures", YearlyFigureViewSet, basename="api-yearly-figure")
urlpatterns = router.urls
