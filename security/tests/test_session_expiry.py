"""Sessions end at browser close, after the idle timeout, and never live past SESSION_COOKIE_AGE."""

import time

import pytest
from django.conf import settings
from django.urls import reverse

from security.middleware import LAST_SEEN_SESSION_KEY

pytestmark = pytest.mark.django_db


def test_session_cookie_is_a_browser_session_cookie(client, alor_staff):
    response = client.post(reverse("login"), {"username": "alor", "password": "rahasia-uji-123"})
    cookie = response.cookies[settings.SESSION_COOKIE_NAME]
    assert cookie["expires"] == "" and cookie["max-age"] == ""  # dies with the browser
    assert cookie["httponly"]
    assert cookie["samesite"] == "Lax"
    assert settings.SESSION_COOKIE_AGE <= 12 * 3600


def _age_session(client, seconds):
    session = client.session
    session[LAST_SEEN_SESSION_KEY] = int(time.time()) - seconds
    session.save()


def test_idle_session_is_logged_out(client, alor_staff):
    client.force_login(alor_staff)
    _age_session(client, settings.SESSION_IDLE_TIMEOUT + 60)
    response = client.get(reverse("password_change"))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))
    assert "_auth_user_id" not in client.session


def test_idle_api_session_gets_401_json(client, alor_staff):
    client.force_login(alor_staff)
    _age_session(client, settings.SESSION_IDLE_TIMEOUT + 60)
    response = client.get("/api/v1/schema/")
    assert response.status_code == 401
    assert "tidak aktif" in response.json()["message"] and response.json()["code"] == "session_expired"


def test_active_session_stays_and_is_refreshed(client, alor_staff):
    client.force_login(alor_staff)
    _age_session(client, settings.SESSION_IDLE_TIMEOUT - 60)
    assert client.get(reverse("password_change")).status_code == 200
    assert int(time.time()) - client.session[LAST_SEEN_SESSION_KEY] < 5
