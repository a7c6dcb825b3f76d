"""Repeated failed logins lock the account (django-axes) with an Indonesian page, even for the right password."""

import pytest
from django.conf import settings
from django.urls import reverse

pytestmark = pytest.mark.django_db

WRONG = {"username": "alor", "password": "salah-salah-salah"}


def _fail(client, times, **extra):
    return [client.post(reverse("login"), WRONG, **extra) for _ in range(times)]


def test_failures_below_the_limit_show_the_ordinary_error(client, alor_staff):
    responses = _fail(client, settings.AXES_FAILURE_LIMIT - 1)
    assert all(response.status_code == 200 for response in responses)
    assert "Nama pengguna atau kata sandi salah" in responses[-1].content.decode()


def test_limit_reached_locks_out_even_the_right_password(client, alor_staff):
    responses = _fail(client, settings.AXES_FAILURE_LIMIT)
    assert responses[-1].status_code == 429
    page = responses[-1].content.decode()
    assert "Akun dikunci sementara" in page
    assert "15 menit" in page

    right = client.post(reverse("login"), {"username": "alor", "password": "rahasia-uji-123"})
    assert right.status_code == 429
    assert "_auth_user_id" not in client.session


def test_lockout_follows_the_username_across_addresses(client, alor_staff):
    for number in range(settings.AXES_FAILURE_LIMIT):
        client.post(reverse("login"), WRONG, REMOTE_ADDR=f"10.0.0.{number + 1}")
    assert client.post(reverse("login"), {"username": "alor", "password": "rahasia-uji-123"}, REMOTE_ADDR="10.9.9.9").status_code == 429


def test_other_accounts_stay_usable(client, alor_staff, belu_staff):
    _fail(client, settings.AXES_FAILURE_LIMIT, REMOTE_ADDR="10.0.0.1", HTTP_USER_AGENT="browser-a")
    response = client.post(
        reverse("login"), {"username": "belu", "password": "rahasia-uji-123"}, REMOTE_ADDR="10.0.0.2", HTTP_USER_AGENT="browser-b"
    )
    assert response.status_code == 302


def test_admin_login_is_locked_out_too(client, admin_user):
    for _ in range(settings.AXES_FAILURE_LIMIT):
        client.post(reverse("admin:login"), {"username": "admin", "password": "tebakan-salah"})
    response = client.post(reverse("admin:login"), {"username": "admin", "password": "rahasia-uji-123"})
    assert response.status_code == 429


def test_success_resets_the_counter(client, alor_staff):
    _fail(client, settings.AXES_FAILURE_LIMIT - 1)
    assert client.post(reverse("login"), {"username": "alor", "password": "rahasia-uji-123"}).status_code == 302
    client.logout()
    assert all(response.status_code == 200 for response in _fail(client, settings.AXES_FAILURE_LIMIT - 1))
