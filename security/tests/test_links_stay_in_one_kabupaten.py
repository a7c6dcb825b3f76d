"""Links between records stay inside one kabupaten/kota, and a unit leaving a sentra gives its rooms back.

The issue's findings as written: a provincial writer made a Belu IKM a member of an Alor sentra, let an Alor
IKM occupy a Belu room and put a Belu machine in an Alor room (Belu users then read Alor names and NIBs);
DELETE of a membership left its room occupied; a PATCH refused with 400 or 403 still stored `joined_on`.
Each is refused by the service (a clear 400) and by the database itself (a trigger, on both engines);
`manage.py check_links` lists what older data still breaks.
"""

import datetime
from contextlib import contextmanager

import pytest
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import IntegrityError, connection, transaction

from core.api.testing import token_client
from core.testing.factories import (
    DakAllocationFactory, DakMenuFactory, IkmUnitFactory, MachineFactory, MembershipFactory, RoomFactory, SentraFactory,
)
from core.triggers import REFUSALS
from facilities.models import Machine, Room
from funding.models import DakActivity, DakAllocation
from ikm.models import IkmUnit, SentraMembership
from ikm.services import ikm_update
from sentra.models import Sentra
from sentra.services import sentra_update

pytestmark = pytest.mark.django_db


@contextmanager
def legacy_data(*rules):
    """Write as data stored before a rule existed: drop its trigger for this test's transaction only."""
    with connection.cursor() as cursor:
        for name in rules:
            refusal = REFUSALS[name]
            if connection.vendor == "postgresql":
                cursor.execute(f"DROP TRIGGER {name} ON {refusal.table}")
            else:
                for trigger in refusal.sqlite_names():
                    cursor.execute(f"DROP TRIGGER {trigger}")
    yield


@pytest.fixture
def places(alor_desa, belu_desa):
    alor_sentra, belu_sentra = SentraFactory(desa=alor_desa, code="ALR-1"), SentraFactory(desa=belu_desa, code="BLU-1")
    alor_unit, belu_unit = IkmUnitFactory(desa=alor_desa), IkmUnitFactory(desa=belu_desa)
    return {"alor_sentra": alor_sentra, "belu_sentra": belu_sentra, "alor_unit": alor_unit, "belu_unit": belu_unit,
            "province": token_client("53", read_write=True, name="Provinsi NTT rw")}


def errors_of(response):
    assert response.status_code == 400, (response.status_code, response.content[:400])
    return {error["field"]: error["message"] for error in response.json()["errors"]}


# --- through the API, as a provincial writer ----------------------------------------------------------------
def test_a_belu_unit_cannot_join_an_alor_sentra(places):
    response = places["province"].post("/api/v1/memberships/", {"ikm": places["belu_unit"].pk, "sentra": "ALR-1"}, format="json")
    assert errors_of(response)["sentra"] == "Unit IKM hanya dapat menjadi anggota sentra di kabupaten/kota yang sama."
    assert not SentraMembership.objects.exists()


def test_an_alor_unit_cannot_use_a_belu_room(places):
    room = RoomFactory(sentra=places["belu_sentra"])
    response = places["province"].patch(f"/api/v1/rooms/{room.pk}/", {"occupant": places["alor_unit"].pk, "state": "aktif"}, format="json")
    assert "occupant" in errors_of(response)
    assert Room.objects.get(pk=room.pk).occupant_id is None


def test_a_belu_machine_cannot_stand_in_an_alor_room(places):
    machine, alor_room = MachineFactory(sentra=places["belu_sentra"]), RoomFactory(sentra=places["alor_sentra"])
    response = places["province"].patch(f"/api/v1/machines/{machine.pk}/", {"room": alor_room.pk}, format="json")
    assert errors_of(response)["room"] == "Mesin hanya dapat ditempatkan di ruang milik sentranya sendiri."
    assert Machine.objects.get(pk=machine.pk).room_id is None


def test_a_dak_activity_funds_only_a_sentra_of_its_allocations_kabupaten(places):
    allocation = DakAllocationFactory(kabupaten_kota_id="53.05")
    body = {"allocation": allocation.pk, "menu": DakMenuFactory().code, "sentra": "BLU-1", "description": "Promosi", "pagu": 1000}
    response = places["province"].post("/api/v1/dak-activities/", body, format="json")
    assert "sentra" in errors_of(response)
    assert not DakActivity.objects.filter(description="Promosi").exists()


def test_a_member_unit_cannot_move_to_another_kabupaten(places, admin_user, belu_desa):
    MembershipFactory(ikm=places["alor_unit"], sentra=places["alor_sentra"])
    with pytest.raises(ValidationError) as refused:
        ikm_update(user=admin_user, ikm=places["alor_unit"], data={"desa": belu_desa})
    assert "keanggotaan sentra" in str(refused.value)
    assert IkmUnit.objects.get(pk=places["alor_unit"].pk).desa_id == places["alor_unit"].desa_id


def test_a_sentra_with_members_cannot_move_to_another_kabupaten(places, admin_user, belu_desa):
    MembershipFactory(ikm=places["alor_unit"], sentra=places["alor_sentra"])
    with pytest.raises(ValidationError):
        sentra_update(user=admin_user, sentra=places["alor_sentra"], data={"desa": belu_desa})
    assert Sentra.objects.get(pk=places["alor_sentra"].pk).desa_id != belu_desa.code


# --- the database refuses the same, bypassing every service ---------------------------------------------------
def refused_by_database(write):
    with pytest.raises(IntegrityError), transaction.atomic():
        write()


def test_the_database_refuses_every_cross_kabupaten_link(places, belu_desa):
    alor_sentra, belu_sentra, alor_unit, belu_unit = (places[k] for k in ("alor_sentra", "belu_sentra", "alor_unit", "belu_unit"))
    refused_by_database(lambda: SentraMembership.objects.create(ikm=belu_unit, sentra=alor_sentra))
    membership = SentraMembership.objects.create(ikm=alor_unit, sentra=alor_sentra)
    refused_by_database(lambda: SentraMembership.objects.filter(pk=membership.pk).update(sentra=belu_sentra))
    belu_room, alor_room = RoomFactory(sentra=belu_sentra), RoomFactory(sentra=alor_sentra)
    with legacy_data("room_occupant_is_member"):  # isolate the kabupaten rule from the member rule
        refused_by_database(lambda: Room.objects.filter(pk=belu_room.pk).update(occupant=alor_unit, state="aktif"))
    refused_by_database(lambda: Machine.objects.create(sentra=belu_sentra, room=alor_room, equipment_type=MachineFactory().equipment_type))
    allocation = DakAllocationFactory(kabupaten_kota_id="53.05")
    refused_by_database(lambda: DakActivity.objects.create(allocation=allocation, menu=DakMenuFactory(), sentra=belu_sentra,
                                                           description="x", pagu=1))
    # moves that would strand a link
    refused_by_database(lambda: IkmUnit.objects.filter(pk=alor_unit.pk).update(desa=belu_desa))
    refused_by_database(lambda: Sentra.objects.filter(pk=alor_sentra.pk).update(desa=belu_desa))
    DakActivity.objects.create(allocation=allocation, menu=DakMenuFactory(), sentra=alor_sentra, description="y", pagu=1)
    refused_by_database(lambda: DakAllocation.objects.filter(pk=allocation.pk).update(kabupaten_kota_id="53.04"))
    Machine.objects.create(sentra=alor_sentra, room=alor_room, equipment_type=MachineFactory().equipment_type)
    refused_by_database(lambda: Room.objects.filter(pk=alor_room.pk).update(sentra=SentraFactory(desa=alor_room.sentra.desa)))
    # a move inside the kabupaten is fine
    IkmUnit.objects.filter(pk=alor_unit.pk).update(desa=alor_unit.desa)


# --- memberships: one transaction, rooms freed ---------------------------------------------------------------
@pytest.fixture
def alor_client(alor_desa):
    return token_client("53.05", read_write=True)


def test_a_refused_membership_patch_stores_nothing(alor_client, places):
    membership = MembershipFactory(ikm=places["alor_unit"], sentra=places["alor_sentra"], joined_on=datetime.date(2020, 1, 1))
    history = membership.history.count()
    response = alor_client.patch(f"/api/v1/memberships/{membership.pk}/", {"joined_on": "2024-01-01", "left_on": "2023-01-01"}, format="json")
    assert response.status_code == 400
    stored = SentraMembership.objects.get(pk=membership.pk)
    assert (stored.joined_on, stored.left_on, stored.version) == (datetime.date(2020, 1, 1), None, 1)
    assert stored.history.count() == history


def test_a_403_on_a_legacy_cross_kabupaten_membership_stores_nothing(alor_desa, belu_desa, places):
    with legacy_data("membership_same_kabupaten", "room_occupant_same_kabupaten"):
        membership = SentraMembership.objects.create(ikm=places["belu_unit"], sentra=places["alor_sentra"], joined_on=datetime.date(2020, 1, 1))
        room = RoomFactory(sentra=places["alor_sentra"], occupant=places["belu_unit"], state="aktif")
    belu = token_client("53.04", read_write=True)
    response = belu.patch(f"/api/v1/memberships/{membership.pk}/", {"joined_on": "2021-01-01", "left_on": "2024-01-01"}, format="json")
    assert response.status_code == 403
    stored = SentraMembership.objects.get(pk=membership.pk)
    assert (stored.joined_on, stored.left_on, stored.version) == (datetime.date(2020, 1, 1), None, 1)
    assert Room.objects.get(pk=room.pk).occupant_id == places["belu_unit"].pk


def test_deleting_a_membership_frees_its_rooms_with_history(alor_client, places):
    membership = MembershipFactory(ikm=places["alor_unit"], sentra=places["alor_sentra"])
    room = RoomFactory(sentra=places["alor_sentra"], occupant=places["alor_unit"], state="aktif")
    response = alor_client.delete(f"/api/v1/memberships/{membership.pk}/")
    assert response.status_code == 204
    stored = Room.objects.get(pk=room.pk)
    assert (stored.occupant_id, stored.state, stored.version) == (None, "kosong", 2)
    assert stored.history.count() == 2 and stored.history.first().history_user_id is not None  # audited
    assert not SentraMembership.objects.filter(pk=membership.pk).exists()


def test_ending_a_membership_through_the_page_frees_its_rooms(client, alor_staff, places):
    from django.urls import reverse

    membership = MembershipFactory(ikm=places["alor_unit"], sentra=places["alor_sentra"], joined_on=datetime.date(2020, 1, 1))
    room = RoomFactory(sentra=places["alor_sentra"], occupant=places["alor_unit"], state="terisi")
    client.force_login(alor_staff)
    response = client.post(reverse("ikm:membership_end", args=[membership.pk]), {"left_on": "2025-06-30", "version": 1})
    assert response.status_code == 302
    assert Room.objects.get(pk=room.pk).occupant_id is None
    assert Room.objects.get(pk=room.pk).history.first().history_user == alor_staff


# --- what is already stored ----------------------------------------------------------------------------------
def test_check_links_lists_what_older_data_still_breaks(places, capsys):
    call_command("check_links")
    assert "Tidak ada tautan" in capsys.readouterr().out
    with legacy_data("membership_same_kabupaten", "machine_room_same_sentra"):
        SentraMembership.objects.create(ikm=places["belu_unit"], sentra=places["alor_sentra"])
        Machine.objects.create(sentra=places["belu_sentra"], room=RoomFactory(sentra=places["alor_sentra"]),
                               equipment_type=MachineFactory().equipment_type)
    with pytest.raises(CommandError):
        call_command("check_links")
    out = capsys.readouterr().out
    assert "ikm.SentraMembership: 1" in out and "53.04 53.05" in out
    assert "facilities.Machine: 1 - machine in a room of another sentra" in out
