"""Optional TOTP second factor (django-otp) for every role (required for some roles: test_totp_required.py)."""

import pytest
from django.urls import reverse
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice


pytestmark = pytest.mark.django_db


def code_for(device, offset=0):
    return f"{totp(device.bin_key, device.step, device.t0, device.digits, offset):06d}"


@pytest.fixture
def enrolled_analyst(analyst):
    device = TOTPDevice.objects.create(user=analyst, name="ponsel", confirmed=True)
    return analyst, device


def _login(client, username):
    return client.post(reverse("login"), {"username": username, "password": "rahasia-uji-123"})


def test_enrolment_shows_a_qr_code_and_confirms_with_a_valid_code(client, analyst):
    client.force_login(analyst)
    page = client.get(reverse("otp_enrol"))
    assert page.status_code == 200
    assert "<svg" in page.content.decode()
    device = TOTPDevice.objects.get(user=analyst)
    assert not device.confirmed

    wrong = client.post(reverse("otp_enrol"), {"token": "000000" if code_for(device) != "000000" else "111111"})
    assert "Kode tidak cocok" in wrong.content.decode()
    device.refresh_from_db()
    assert not device.confirmed

    client.post(reverse("otp_enrol"), {"token": code_for(device)})
    device.refresh_from_db()
    assert device.confirmed


def test_district_staff_can_enrol_too(client, alor_staff):
    client.force_login(alor_staff)
    page = client.get(reverse("otp_enrol"))
    assert page.status_code == 200 and "<svg" in page.content.decode()
    device = TOTPDevice.objects.get(user=alor_staff)
    client.post(reverse("otp_enrol"), {"token": code_for(device)})
    device.refresh_from_db()
    assert device.confirmed


def test_login_with_a_device_requires_the_code_before_any_page(client, enrolled_analyst):
    analyst, device = enrolled_analyst
    response = _login(client, analyst.username)
    assert response.status_code == 302

    blocked = client.get(reverse("password_change"))
    assert blocked.status_code == 302
    assert blocked["Location"].startswith(reverse("otp_verify"))
    assert client.get("/api/v1/schema/").status_code == 403

    bad = client.post(reverse("otp_verify"), {"token": "12345", "next": reverse("password_change")})
    assert bad.status_code == 200
    assert client.get(reverse("password_change")).status_code == 302

    good = client.post(reverse("otp_verify"), {"token": code_for(device), "next": reverse("password_change")})
    assert good.status_code == 302 and good["Location"] == reverse("password_change")
    assert client.get(reverse("password_change")).status_code == 200


def test_verify_refuses_an_offsite_next(client, enrolled_analyst):
    analyst, device = enrolled_analyst
    _login(client, analyst.username)
    response = client.post(reverse("otp_verify"), {"token": code_for(device), "next": "https://jahat.example/"})
    assert response["Location"] == "/"


def test_admin_site_requires_the_code_for_users_with_a_device(client, admin_user):
    device = TOTPDevice.objects.create(user=admin_user, name="ponsel", confirmed=True)
    client.post(reverse("admin:login"), {"username": "admin", "password": "rahasia-uji-123"})
    response = client.get(reverse("admin:index"))
    assert response.status_code == 302 and response["Location"].startswith(reverse("otp_verify"))
    client.post(reverse("otp_verify"), {"token": code_for(device)})
    assert client.get(reverse("admin:index")).status_code == 200


def test_users_without_a_device_log_in_with_the_password_alone(client, analyst):
    _login(client, analyst.username)
    assert client.get(reverse("password_change")).status_code == 200


def test_disabling_needs_a_current_code(client, enrolled_analyst):
    analyst, device = enrolled_analyst
    _login(client, analyst.username)
    client.post(reverse("otp_verify"), {"token": code_for(device)})
    client.post(reverse("otp_enrol"), {"token": "999999" if code_for(device) != "999999" else "888888"})
    assert TOTPDevice.objects.filter(user=analyst).exists()
    client.post(reverse("otp_enrol"), {"token": code_for(device, offset=1)})
    assert not TOTPDevice.objects.filter(user=analyst).exists()


