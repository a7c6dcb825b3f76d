from rest_framework.routers import SimpleRouter

from .views import SentraViewSet

router = SimpleRouter()
router.register("sentra", SentraViewSet, basename="api-sentra")
urlpatterns = router.urls
