from rest_framework.routers import SimpleRouter

from .views import DakActivityViewSet, DakAllocationViewSet

router = SimpleRouter()
router.register("dak-allocations", DakAllocationViewSet, basename="api-dak-allocation")
router.register("dak-activities", DakActivityViewSet, basename="api-dak-activity")
urlpatterns = router.urls
