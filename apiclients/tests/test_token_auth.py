import pytest
from rest_framework.test import APIClient

from apiclients.services import api_client_rotate_key, api_client_update
from core.api.testing import token_client
from core.testing.factories import SentraFactory


@pytest.mark.django_db
def test_read_only_token_reads_but_cannot_write(alor_desa):
    sentra = SentraFactory()
    client = token_client("53.05")
    assert client.get(f"/api/v1/sentra/{sentra.pk}/").status_code == 200
    response = client.patch(f"/api/v1/sentra/{sentra.pk}/", {"name": "X"}, format="json")
    assert response.status_code == 403 and response.json()["status"] == 403
    assert client.delete(f"/api/v1/sentra/{sentra.pk}/").status_code == 403


@pytest.mark.django_db
def test_read_write_token_writes_and_is_audited_under_the_client(alor_desa):
    sentra = SentraFactory()
    client = token_client("53.05", read_write=True, name="Portal Alor")
    assert client.patch(f"/api/v1/sentra/{sentra.pk}/", {"name": "Baru"}, format="json").status_code == 200
    latest = sentra.history.latest()
    assert latest.history_user_id == client.api_client.user_id


@pytest.mark.django_db
def test_deactivated_or_rotated_key_stops_working(alor_desa):
    client = token_client("53.05")
    record = client.api_client
    api_client_rotate_key(client=record)
    assert client.get("/api/v1/sentra/").status_code == 401
    fresh = token_client("53.05", name="Kedua")
    fresh.api_client.is_active = False
    api_client_update(client=fresh.api_client)
    assert fresh.get("/api/v1/sentra/").status_code == 401


@pytest.mark.django_db
def test_wrong_secret_with_a_real_prefix_is_refused(alor_desa):
    client = token_client("53.05")
    forged = APIClient()
    forged.credentials(HTTP_AUTHORIZATION=f"Token {client.api_client.key_prefix}.tebakan")
    assert forged.get("/api/v1/sentra/").status_code == 401


@pytest.mark.django_db
def test_browser_session_works_with_the_user_scope(client, alor_staff, belu_desa):
    SentraFactory()
    SentraFactory(desa=belu_desa)
    client.force_login(alor_staff)
    rows = client.get("/api/v1/sentra/").json()["results"]
    assert [row["region"]["kabupaten_kota"]["code"] for row in rows] == ["53.05"]
