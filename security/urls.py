from django.urls import path

from . import views

urlpatterns = [
    path("", views.otp_enrol, name="otp_enrol"),
    path("verifikasi/", views.otp_verify, name="otp_verify"),
]
