from django.urls import path, re_path

from . import views

app_name = "opendata"

urlpatterns = [
    path("", views.region_page, name="home"),
    path("katalog.jsonld", views.catalogue, name="catalogue"),
    path("dataset/<slug:slug>/", views.dataset_page, name="dataset"),
    path("unduh/<slug:slug>.<str:fmt>", views.download, name="download"),
    re_path(r"^wilayah/(?P<code>[0-9]{2}(?:\.[0-9]{2})?)/$", views.region_page, name="region"),
]
