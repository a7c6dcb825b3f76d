from rest_framework.routers import SimpleRouter

from .views import CensusItemViewSet, CensusRoundViewSet, CensusVisitViewSet

router = SimpleRouter()
router.register("census-rounds", CensusRoundViewSet, basename="api-census-round")
router.register("census-items", CensusItemViewSet, basename="api-census-item")
router.register("census-visits", CensusVisitViewSet, basename="api-census-visit")
urlpatterns = router.urls
