from django.urls import path

from . import views

app_name = "imports"
urlpatterns = [
    path("", views.import_home, name="home"),
    path("templat/<slug:kind>.xlsx", views.template_download, name="template"),
    path("isian/<slug:kind>.xlsx", views.prefilled_download, name="prefilled"),
    path("<int:pk>/", views.job_detail, name="job"),
    path("<int:pk>/status.json", views.job_status, name="status"),
    path("<int:pk>/simpan/", views.job_commit, name="commit"),
    path("<int:pk>/batal/", views.job_cancel, name="cancel"),
]
