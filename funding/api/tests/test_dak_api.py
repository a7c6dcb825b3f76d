import pytest

from core.api.testing import token_client
from core.testing.factories import DakAllocationFactory, DakMenuFactory, RoomFactory, SentraFactory
from funding.models import DakActivity


@pytest.fixture
def client(alor_desa):
    return token_client("53.05", read_write=True)


@pytest.mark.django_db
def test_allocation_create_and_absorption(client):
    response = client.post(
        "/api/v1/dak-allocations/", {"fiscal_year": 2023, "kabupaten_kota": "53.05", "pagu": 4_000_000_000, "realisation": 3_538_400_000},
        format="json",
    )
    assert response.status_code == 201, response.content
    assert response.json()["absorption_percent"] == 88.46
    assert response.json()["provinsi"]["code"] == "53"


@pytest.mark.django_db
def test_allocation_recipient_must_be_a_kabupaten(client):
    response = client.post("/api/v1/dak-allocations/", {"fiscal_year": 2023, "kabupaten_kota": "53", "pagu": 1}, format="json")
    assert response.status_code == 400 and response.json()["errors"][0]["field"] == "kabupaten_kota"


@pytest.mark.django_db
def test_activity_links_rooms_and_respects_the_pagu(client):
    allocation = DakAllocationFactory(pagu=500_000_000)
    sentra = SentraFactory()
    room = RoomFactory(sentra=sentra)
    DakMenuFactory(code="revitalisasi", name="Revitalisasi sentra")
    body = {"allocation": allocation.pk, "menu": "revitalisasi", "sentra": sentra.code, "description": "Revitalisasi",
            "pagu": 400_000_000, "rooms": [room.pk]}
    response = client.post("/api/v1/dak-activities/", body, format="json")
    assert response.status_code == 201, response.content
    assert response.json()["rooms"] == [room.pk] and response.json()["fiscal_year"] == allocation.fiscal_year
    response = client.post("/api/v1/dak-activities/", {**body, "pagu": 200_000_000, "rooms": []}, format="json")
    assert response.status_code == 400 and response.json()["errors"][0]["field"] == "pagu"
    assert DakActivity.objects.count() == 1


@pytest.mark.django_db
def test_activity_update_replaces_rooms(client):
    allocation = DakAllocationFactory()
    sentra = SentraFactory()
    first, second = RoomFactory(sentra=sentra), RoomFactory(sentra=sentra)
    DakMenuFactory()
    created = client.post(
        "/api/v1/dak-activities/",
        {"allocation": allocation.pk, "menu": "mesin-peralatan", "sentra": sentra.code, "description": "Oven", "pagu": 1, "rooms": [first.pk]},
        format="json",
    ).json()
    response = client.patch(f"/api/v1/dak-activities/{created['id']}/", {"rooms": [second.pk]}, format="json")
    assert response.status_code == 200 and response.json()["rooms"] == [second.pk]
