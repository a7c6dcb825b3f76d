from django.urls import path

from .views import GeoSentraView

urlpatterns = [path("geo/sentra/", GeoSentraView.as_view(), name="api-geo-sentra")]
