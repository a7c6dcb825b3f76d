from django.urls import path

from . import views

app_name = "facilities"
urlpatterns = [
    path("ruang/", views.RoomListView.as_view(), name="room_list"),
    path("ruang/baru/", views.RoomFormView.as_view(), name="room_create"),
    path("ruang/<int:pk>/", views.RoomDetailView.as_view(), name="room_detail"),
    path("ruang/<int:pk>/ubah/", views.RoomFormView.as_view(), name="room_update"),
    path("ruang/<int:pk>/riwayat/", views.RoomHistoryView.as_view(), name="room_history"),
    path("mesin/", views.MachineListView.as_view(), name="machine_list"),
    path("mesin/baru/", views.MachineFormView.as_view(), name="machine_create"),
    path("mesin/<int:pk>/", views.MachineDetailView.as_view(), name="machine_detail"),
    path("mesin/<int:pk>/ubah/", views.MachineFormView.as_view(), name="machine_update"),
    path("mesin/<int:pk>/riwayat/", views.MachineHistoryView.as_view(), name="machine_history"),
]
