from django.urls import path

from . import views

app_name = "evidence"
urlpatterns = [
    path("<uuid:pk>/", views.evidence_file, name="file"),
    path("<uuid:pk>/kecil/", views.evidence_thumbnail, name="thumbnail"),
]
