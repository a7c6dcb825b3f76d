"""Rooms and machines carry their sentra's desa code (`sentra_desa`, facilities/region_copy.py) on PostgreSQL,
so a province's rooms are read from their own index (issue 16). The copy must never disagree with the sentra:
whoever writes the room, and after the sentra moves to another desa."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from accounts.scope import region_q
from core.testing.factories import MachineFactory, RoomFactory, SentraFactory, region_tree
from facilities.models import Machine, Room

pytestmark = pytest.mark.skipif(connection.vendor != "postgresql", reason="the copy is kept by PostgreSQL triggers")

OTHER_DESA_ALOR = "53.05.04.2002"


def copies(model):
    return dict(model.objects.values_list("name" if model is Room else "description", "sentra_desa"))


@pytest.fixture
def facilities(alor_desa, belu_desa):
    alor = SentraFactory(desa=alor_desa, code="5305-001")
    belu = SentraFactory(desa=belu_desa, code="5304-001")
    RoomFactory(sentra=alor, name="Ruang Alor")
    RoomFactory(sentra=belu, name="Ruang Belu")
    MachineFactory(sentra=alor, description="Oven Alor")
    return alor, belu


def test_a_new_room_or_machine_carries_its_sentras_desa_whatever_the_writer_put_there(facilities, alor_desa, belu_desa):
    alor, belu = facilities
    assert copies(Room) == {"Ruang Alor": alor_desa.code, "Ruang Belu": belu_desa.code}
    assert copies(Machine) == {"Oven Alor": alor_desa.code}
    Room.objects.bulk_create([Room(sentra=belu, name="Ruang Impor", sentra_desa="99.99.99.9999")])
    assert copies(Room)["Ruang Impor"] == belu_desa.code
    room = Room.objects.get(name="Ruang Alor")  # an ORM save writes every column, the copy included
    room.sentra_desa = ""
    room.save()
    assert copies(Room)["Ruang Alor"] == alor_desa.code


def test_moving_the_sentra_moves_its_rooms_and_machines(facilities, alor_desa):
    alor, _belu = facilities
    other = region_tree(OTHER_DESA_ALOR)
    alor.desa = other
    alor.save()
    assert copies(Room)["Ruang Alor"] == OTHER_DESA_ALOR
    assert copies(Machine)["Oven Alor"] == OTHER_DESA_ALOR
    assert Room.objects.get(name="Ruang Belu").sentra_desa.startswith("53.04.")


@pytest.mark.parametrize("code", ["53", "53.05", "53.05.03", "53.05.03.2001", "53.04", "52"])
def test_region_filters_read_the_copy_and_find_what_the_relation_finds(facilities, code):
    with CaptureQueriesContext(connection) as queries:
        through_copy = sorted(Room.objects.filter(region_q(code, Room.REGION_PATH, Room)).values_list("name", flat=True))
    assert '"sentra_desa"' in queries.captured_queries[-1]["sql"]
    through_relation = sorted(Room.objects.filter(region_q(code, Room.REGION_PATH)).values_list("name", flat=True))
    assert through_copy == through_relation
    machines = sorted(Machine.objects.filter(region_q(code, Machine.REGION_PATH, Machine)).values_list("description", flat=True))
    assert machines == sorted(Machine.objects.filter(region_q(code, Machine.REGION_PATH)).values_list("description", flat=True))


def test_a_province_user_sees_only_their_rooms_through_the_api(client, facilities, django_user_model):
    from accounts.models import Role
    from core.testing.factories import UserFactory
    from regions.models import Region

    user = UserFactory(username="ntt", role=Role.PROVINCE, region=Region.objects.get(code="53"))
    client.force_login(user)
    names = [row["name"] for row in client.get("/api/v1/rooms/").json()["results"]]
    assert sorted(names) == ["Ruang Alor", "Ruang Belu"]
    names = [row["name"] for row in client.get("/api/v1/rooms/", {"region": "53.04"}).json()["results"]]
    assert names == ["Ruang Belu"]
