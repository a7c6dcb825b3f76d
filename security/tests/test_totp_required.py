"""TOTP_REQUIRED_ROLES: people in those roles must set up an authenticator before anything else and cannot
switch it off; other roles may use it if they wish."""

import pytest
from django.urls import reverse
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice

pytestmark = pytest.mark.django_db


def code_for(device):
    return f"{totp(device.bin_key, device.step, device.t0, device.digits):06d}"


@pytest.fixture(autouse=True)
def required_for_privileged(settings):
    settings.TOTP_REQUIRED_ROLES = ["admin", "analyst"]


def login(client, username):
    return client.post(reverse("login"), {"username": username, "password": "rahasia-uji-123"})


def test_a_privileged_role_must_enrol_before_anything_else(client, analyst):
    login(client, "analis")
    for url in ("/", "/laporan/", reverse("password_change")):
        response = client.get(url)
        assert response.status_code == 302 and response["Location"] == reverse("otp_enrol")
    assert client.get("/api/v1/sentra/", HTTP_ACCEPT="application/json").status_code == 403
    page = client.get(reverse("otp_enrol")).content.decode()
    assert "wajib memakai verifikasi dua langkah" in page

    device = TOTPDevice.objects.get(user=analyst)
    client.post(reverse("otp_enrol"), {"token": code_for(device)})
    assert client.get("/laporan/").status_code == 200


def test_the_required_factor_cannot_be_switched_off(client, analyst):
    device = TOTPDevice.objects.create(user=analyst, name="ponsel", confirmed=True)
    login(client, "analis")
    client.post(reverse("otp_verify"), {"token": code_for(device), "next": "/"})
    page = client.get(reverse("otp_enrol")).content.decode()
    assert "tidak dapat dinonaktifkan" in page and "Nonaktifkan</button>" not in page
    client.post(reverse("otp_enrol"), {"token": code_for(device)})
    assert TOTPDevice.objects.filter(user=analyst, confirmed=True).exists()


def test_the_superuser_counts_as_an_administrator(client, admin_user):
    login(client, "admin")
    assert client.get("/").status_code == 302


def test_other_roles_are_not_asked(client, alor_staff):
    login(client, "alor")
    assert client.get("/").status_code == 200
