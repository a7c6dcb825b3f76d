from django.urls import path

from . import views

app_name = "reports"
urlpatterns = [
    path("", views.overview, name="overview"),
    path("fasilitas/", views.facilities, name="facilities"),
    path("dak/", views.dak, name="dak"),
    path("dampak/", views.impact, name="impact"),
    path("kemutakhiran/", views.freshness, name="freshness"),
    path("ekspor/", views.jobs, name="jobs"),
    path("ekspor/<slug:identifier>.<str:extension>", views.export, name="export"),
    path("ekspor/tugas/<uuid:pk>/", views.job, name="job"),
    path("ekspor/tugas/<uuid:pk>/unduh/", views.job_download, name="job_download"),
    path("sentra/<int:pk>/profil/", views.profile, name="profile"),
]
