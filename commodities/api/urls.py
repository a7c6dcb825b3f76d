from rest_framework.routers import SimpleRouter

from .views import CommodityViewSet

router = SimpleRouter()
router.register("commodities", CommodityViewSet, basename="api-commodity")
urlpatterns = router.urls
