"""Detail responses carry the record version as ETag; a stale If-Match gets 412 and changes nothing."""

import pytest

from core.api.testing import token_client
from core.testing.factories import RoomFactory, SentraFactory
from facilities.models import Room
from sentra.models import Sentra


@pytest.fixture
def client(alor_desa):
    return token_client("53.05", read_write=True)


@pytest.mark.django_db
def test_detail_carries_the_version_as_etag(client):
    sentra = SentraFactory()
    response = client.get(f"/api/v1/sentra/{sentra.pk}/")
    assert response.headers["ETag"] == '"1"'


@pytest.mark.django_db
def test_matching_if_match_writes_and_returns_the_new_etag(client):
    sentra = SentraFactory()
    response = client.patch(f"/api/v1/sentra/{sentra.pk}/", {"name": "Sentra Tenun Ikat"}, format="json", HTTP_IF_MATCH='"1"')
    assert response.status_code == 200
    assert response.headers["ETag"] == '"2"'
    assert Sentra.objects.get(pk=sentra.pk).name == "Sentra Tenun Ikat"


@pytest.mark.django_db
def test_stale_if_match_is_412_and_nothing_changes(client):
    sentra = SentraFactory(name="Asli")
    client.patch(f"/api/v1/sentra/{sentra.pk}/", {"name": "Perubahan orang lain"}, format="json")
    response = client.put(
        f"/api/v1/sentra/{sentra.pk}/", {"code": sentra.code, "name": "Perubahan saya", "desa": sentra.desa_id},
        format="json", HTTP_IF_MATCH='"1"',
    )
    assert response.status_code == 412
    assert response.json()["code"] == "precondition_failed"
    stored = Sentra.objects.get(pk=sentra.pk)
    assert (stored.name, stored.version) == ("Perubahan orang lain", 2)


@pytest.mark.django_db
def test_stale_if_match_on_delete_keeps_the_record(client):
    room = RoomFactory()
    client.patch(f"/api/v1/rooms/{room.pk}/", {"notes": "dicat ulang"}, format="json")
    assert client.delete(f"/api/v1/rooms/{room.pk}/", HTTP_IF_MATCH='"1"').status_code == 412
    assert Room.objects.filter(pk=room.pk).exists()
    assert client.delete(f"/api/v1/rooms/{room.pk}/", HTTP_IF_MATCH='"2"').status_code == 204
    assert not Room.objects.filter(pk=room.pk).exists()


@pytest.mark.django_db
def test_without_if_match_the_last_write_wins(client):
    # Documented in the schema: If-Match is optional; without it the write is accepted.
    sentra = SentraFactory()
    client.patch(f"/api/v1/sentra/{sentra.pk}/", {"name": "Pertama"}, format="json")
    response = client.patch(f"/api/v1/sentra/{sentra.pk}/", {"name": "Kedua"}, format="json")
    assert response.status_code == 200 and response.json()["version"] == 3


@pytest.mark.django_db
def test_if_match_star_and_lists_are_understood(client):
    sentra = SentraFactory()
    assert client.patch(f"/api/v1/sentra/{sentra.pk}/", {"name": "A"}, format="json", HTTP_IF_MATCH="*").status_code == 200
    response = client.patch(f"/api/v1/sentra/{sentra.pk}/", {"name": "B"}, format="json", HTTP_IF_MATCH='"1", "2"')
    assert response.status_code == 200
