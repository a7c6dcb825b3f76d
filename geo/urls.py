from django.urls import path

from . import views

app_name = "geo"
urlpatterns = [
    path("", views.MapView.as_view(), name="map"),
    path("data/", views.map_data, name="data"),
    path("sentra/<int:pk>/", views.sentra_popup, name="popup"),
    path("pusat/", views.region_centre, name="centre"),
    path("periksa/", views.point_check, name="check"),
    path("kualitas/", views.QualityView.as_view(), name="quality"),
]
