from rest_framework.routers import SimpleRouter

from .views import MachineViewSet, RoomViewSet

router = SimpleRouter()
router.register("rooms", RoomViewSet, basename="api-room")
router.register("machines", MachineViewSet, basename="api-machine")
urlpatterns = router.urls
