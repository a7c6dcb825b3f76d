from django.urls import path

from . import views

app_name = "ikm"
urlpatterns = [
    path("", views.IkmListView.as_view(), name="list"),
    path("baru/", views.IkmFormView.as_view(), name="create"),
    path("terhapus/", views.IkmDeletedListView.as_view(), name="deleted"),
    path("<int:pk>/", views.IkmDetailView.as_view(), name="detail"),
    path("<int:pk>/ubah/", views.IkmFormView.as_view(), name="update"),
    path("<int:pk>/riwayat/", views.IkmHistoryView.as_view(), name="history"),
    path("<int:pk>/verifikasi/", views.IkmVerifyView.as_view(), name="verify"),
    path("<int:pk>/hapus/", views.IkmDeleteView.as_view(), name="delete"),
    path("<int:pk>/pulihkan/", views.IkmRestoreView.as_view(), name="restore"),
    path("sertifikasi/baru/", views.CertificationFormView.as_view(), name="certification_create"),
    path("sertifikasi/<int:pk>/ubah/", views.CertificationFormView.as_view(), name="certification_update"),
    path("program/baru/", views.ParticipationFormView.as_view(), name="participation_create"),
    path("keanggotaan/baru/", views.MembershipFormView.as_view(), name="membership_create"),
    path("keanggotaan/tambah/", views.SentraMemberAddView.as_view(), name="member_add"),
    path("keanggotaan/<int:pk>/keluar/", views.MembershipEndView.as_view(), name="membership_end"),
    path("kinerja/", views.FigureListView.as_view(), name="figure_list"),
    path("kinerja/baru/", views.FigureFormView.as_view(), name="figure_create"),
    path("kinerja/<int:pk>/", views.FigureDetailView.as_view(), name="figure_detail"),
    path("kinerja/<int:pk>/ubah/", views.FigureFormView.as_view(), name="figure_update"),
    path("kinerja/<int:pk>/riwayat/", views.FigureHistoryView.as_view(), name="figure_history"),
]
