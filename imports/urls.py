from django.urls import path

from . import views

app_name = "imports"
urlpatterns = [
    path("", views.import_home, name="home"),
    path("templat/<slug:kind>.xlsx", views.template_download, name="template"),
    path("isian/<slug:kind>.xlsx", views.prefilled_download, name="prefilled"),
    path("isian/siap/<uuid:pk>/", views.prefilled_job, name="prefilled_job"),
    path("isian/siap/<uuid:pk>/status.json", views.prefilled_status, name="prefilled_status"),
    path("isian/siap/<uuid:pk>/unduh/", views.prefilled_file, name="prefilled_file"),
    path("<int:pk>/", views.job_detail, name="job"),
    path("<int:pk>/status.json", views.job_status, name="status"),
    path("<int:pk>/atur/", views.job_setup, name="setup"),
    path("<int:pk>/jawab/", views.job_answer, name="answer"),
    path("<int:pk>/simpan/", views.job_commit, name="commit"),
    path("<int:pk>/batal/", views.job_cancel, name="cancel"),
]
