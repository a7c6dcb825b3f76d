import pytest

from core.api.testing import token_client
from core.testing.factories import EquipmentTypeFactory, IkmUnitFactory, MembershipFactory, RoomFactory, SentraFactory
from facilities.models import Room


@pytest.fixture
def client(alor_desa):
    return token_client("53.05", read_write=True)


@pytest.mark.django_db
def test_room_given_to_a_member_and_freed(client):
    membership = MembershipFactory()
    room = RoomFactory(sentra=membership.sentra)
    response = client.patch(f"/api/v1/rooms/{room.pk}/", {"occupant": membership.ikm_id, "state": "aktif"}, format="json")
    assert response.status_code == 200 and response.json()["occupant_name"] == membership.ikm.name
    response = client.patch(f"/api/v1/rooms/{room.pk}/", {"occupant": None, "state": "kosong"}, format="json")
    assert response.status_code == 200 and Room.objects.get(pk=room.pk).occupant is None


@pytest.mark.django_db
def test_room_cannot_go_to_a_non_member(client):
    room = RoomFactory()
    outsider = IkmUnitFactory()
    response = client.patch(f"/api/v1/rooms/{room.pk}/", {"occupant": outsider.pk, "state": "terisi"}, format="json")
    assert response.status_code == 400 and response.json()["errors"][0]["field"] == "occupant"
    assert Room.objects.get(pk=room.pk).version == 1


@pytest.mark.django_db
def test_room_state_filter(client):
    membership = MembershipFactory()
    RoomFactory(sentra=membership.sentra)
    RoomFactory(sentra=membership.sentra, occupant=membership.ikm, state="aktif")
    rows = client.get(f"/api/v1/rooms/?sentra={membership.sentra.code}&state=aktif").json()["results"]
    assert [row["state"] for row in rows] == ["aktif"]


@pytest.mark.django_db
def test_machine_create_in_a_room_of_the_sentra(client):
    sentra = SentraFactory()
    room = RoomFactory(sentra=sentra)
    EquipmentTypeFactory(code="gedogan", name="Alat tenun gedogan")
    response = client.post(
        "/api/v1/machines/",
        {"sentra": sentra.code, "room": room.pk, "equipment_type": "gedogan", "quantity": 12, "funding_source": "dak"},
        format="json",
    )
    assert response.status_code == 201, response.content
    assert response.json()["equipment_type_name"] == "Alat tenun gedogan"
    assert client.get("/api/v1/machines/?equipment_type=gedogan").json()["results"][0]["quantity"] == 12
