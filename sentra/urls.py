from django.urls import path

from . import views

app_name = "sentra"
urlpatterns = [
    path("", views.SentraListView.as_view(), name="list"),
    path("baru/", views.SentraFormView.as_view(), name="create"),
    path("terhapus/", views.SentraDeletedListView.as_view(), name="deleted"),
    path("<int:pk>/", views.SentraDetailView.as_view(), name="detail"),
    path("<int:pk>/ubah/", views.SentraFormView.as_view(), name="update"),
    path("<int:pk>/riwayat/", views.SentraHistoryView.as_view(), name="history"),
    path("<int:pk>/verifikasi/", views.SentraVerifyView.as_view(), name="verify"),
    path("<int:pk>/hapus/", views.SentraDeleteView.as_view(), name="delete"),
    path("<int:pk>/pulihkan/", views.SentraRestoreView.as_view(), name="restore"),
]
