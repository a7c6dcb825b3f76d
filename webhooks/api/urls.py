from rest_framework.routers import SimpleRouter

from .views import SubscriptionViewSet

router = SimpleRouter()
router.register("webhooks", SubscriptionViewSet, basename="api-webhook")
urlpatterns = router.urls
