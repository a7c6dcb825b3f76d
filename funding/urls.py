from django.urls import path

from . import views

app_name = "funding"
urlpatterns = [
    path("alokasi/", views.AllocationListView.as_view(), name="allocation_list"),
    path("alokasi/baru/", views.AllocationFormView.as_view(), name="allocation_create"),
    path("alokasi/<int:pk>/", views.AllocationDetailView.as_view(), name="allocation_detail"),
    path("alokasi/<int:pk>/ubah/", views.AllocationFormView.as_view(), name="allocation_update"),
    path("alokasi/<int:pk>/riwayat/", views.AllocationHistoryView.as_view(), name="allocation_history"),
    path("kegiatan/", views.ActivityListView.as_view(), name="activity_list"),
    path("kegiatan/baru/", views.ActivityFormView.as_view(), name="activity_create"),
    path("kegiatan/<int:pk>/", views.ActivityDetailView.as_view(), name="activity_detail"),
    path("kegiatan/<int:pk>/ubah/", views.ActivityFormView.as_view(), name="activity_update"),
    path("kegiatan/<int:pk>/riwayat/", views.ActivityHistoryView.as_view(), name="activity_history"),
]
