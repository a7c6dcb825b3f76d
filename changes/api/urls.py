from django.urls import path

from .views import ChangeFeedView, ChangeHeadView

urlpatterns = [
    path("changes/", ChangeFeedView.as_view(), name="api-changes"),
    path("changes/head/", ChangeHeadView.as_view(), name="api-changes-head"),
]
