from django.urls import path

from .views import app, pages

app_name = "census"
urlpatterns = [
    path("", pages.home, name="home"),
    path("baru/", pages.round_create, name="round_create"),
    path("<int:pk>/", pages.round_detail, name="round"),
    path("<int:pk>/peta.json", pages.round_map, name="round_map"),
    path("<int:pk>/daftar/", pages.worklist, name="worklist"),
    path("<int:pk>/kirim/", pages.submit, name="submit"),
    path("<int:pk>/ekspor.xlsx", pages.export, name="export"),
    path("butir/<int:pk>/", pages.item, name="item"),
    path("butir/<int:pk>/periksa/", pages.review, name="review"),
    path("lapangan/", app.app_shell, name="app"),
    path("lapangan/daftar.json", app.app_worklist, name="app_worklist"),
    path("lapangan/kirim/", app.app_sync, name="sync"),
    path("sw.js", app.service_worker, name="service_worker"),
    path("manifest.webmanifest", app.manifest, name="manifest"),
]
