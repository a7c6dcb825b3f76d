"""The database stops mid-request: clean 503 (HTML or JSON, never a traceback), /healthz says 503, and the
app recovers by itself when the database returns (CONN_HEALTH_CHECKS)."""

import socket
from contextlib import contextmanager
from unittest import mock

import pytest
from django.db import InterfaceError, OperationalError, connection
from django.db.backends.utils import CursorWrapper
from django.test import Client
from django.urls import reverse

pytestmark = pytest.mark.django_db


@contextmanager
def database_down(error=OperationalError):
    """Every query fails as it does when PostgreSQL has stopped or the network to it is cut."""
    with mock.patch.object(CursorWrapper, "execute", side_effect=error("server closed the connection unexpectedly")):
        with mock.patch.object(CursorWrapper, "executemany", side_effect=error("server closed the connection unexpectedly")):
            yield


@pytest.fixture
def quiet_client():
    return Client(raise_request_exception=False)


def assert_clean_503(response, retry_after=True):
    assert response.status_code == 503
    if retry_after:
        assert response["Retry-After"] == "30"
    body = response.content.decode()
    assert "Traceback" not in body and "OperationalError" not in body and "server closed" not in body


def test_logged_in_page_answers_503_html(quiet_client, alor_staff):
    quiet_client.force_login(alor_staff)
    with database_down():
        response = quiet_client.get(reverse("password_change"))
    assert_clean_503(response)
    assert "Basis data sedang tidak dapat dihubungi" in response.content.decode()
    assert response["Content-Type"].startswith("text/html")


def test_login_attempt_answers_503(quiet_client, alor_staff):
    with database_down():
        response = quiet_client.post(reverse("login"), {"username": "alor", "password": "rahasia-uji-123"})
    assert_clean_503(response)


def test_api_answers_503_json(quiet_client, alor_staff):
    quiet_client.force_login(alor_staff)
    with database_down(InterfaceError):
        response = quiet_client.get("/api/v1/schema/", HTTP_ACCEPT="application/json")
    assert_clean_503(response)
    assert response.json()["code"] == "database_unavailable"


# Outside a test transaction, as in production: healthz closes the broken connection and the next
# request must open a fresh one.
@pytest.mark.django_db(transaction=True)
def test_healthz_says_503_then_recovers(quiet_client):
    with database_down():
        assert_clean_503(quiet_client.get("/healthz"), retry_after=False)
    response = quiet_client.get("/healthz")
    assert response.status_code == 200
    assert response.json() == {"status": "ok", "database": "ok"}


# Outside a test transaction, as in production: healthz closes the broken connection and the next
# request must open a fresh one.
@pytest.mark.django_db(transaction=True)
def test_pages_work_again_after_the_outage(quiet_client, alor_staff):
    quiet_client.force_login(alor_staff)
    with database_down():
        assert quiet_client.get(reverse("password_change")).status_code == 503
    assert quiet_client.get(reverse("password_change")).status_code == 200


def unused_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.mark.django_db(transaction=True)
def test_real_connection_loss_and_reconnect_on_postgresql(quiet_client):
    """Point the live connection at a port where nothing listens, as if PostgreSQL stopped, then bring it back."""
    if connection.vendor != "postgresql":
        pytest.skip("an in-memory SQLite test database cannot be stopped; the mocked outage tests cover SQLite")
    original = dict(connection.settings_dict)
    connection.close()
    connection.settings_dict.update(HOST="127.0.0.1", PORT=str(unused_port()))
    try:
        assert_clean_503(quiet_client.get("/healthz"), retry_after=False)
        assert_clean_503(quiet_client.post(reverse("login"), {"username": "x", "password": "y"}))
    finally:
        connection.close()
        connection.settings_dict.update(HOST=original["HOST"], PORT=original["PORT"])
    assert quiet_client.get("/healthz").status_code == 200
