"""Records that belong to a sentra or an IKM unit: created from the parent, refused inline when wrong."""

from django.urls import reverse

from core.testing.factories import (
    DakAllocationFactory, DakMenuFactory, IkmUnitFactory, MembershipFactory, RoomFactory, SentraFactory,
)
from facilities.models import Room
from funding.models import DakActivity
from ikm.models import Certification, SentraMembership


def test_room_occupant_must_be_a_current_member(client, alor_staff):
    sentra = SentraFactory()
    member = MembershipFactory(sentra=sentra).ikm
    outsider = IkmUnitFactory()
    client.force_login(alor_staff)
    url = reverse("facilities:room_create") + f"?sentra={sentra.pk}"
    refused = client.post(url, {"name": "R1", "state": "aktif", "occupant": outsider.pk})
    assert "occupant" in refused.context["form"].errors
    accepted = client.post(url, {"name": "R1", "state": "aktif", "occupant": member.pk})
    room = Room.objects.get()
    assert accepted["Location"] == reverse("facilities:room_detail", args=[room.pk])
    assert room.occupant == member and room.history.get().history_user == alor_staff


def test_empty_room_with_occupant_is_explained(client, alor_staff):
    sentra = SentraFactory()
    member = MembershipFactory(sentra=sentra).ikm
    client.force_login(alor_staff)
    response = client.post(reverse("facilities:room_create") + f"?sentra={sentra.pk}", {"name": "R1", "state": "kosong", "occupant": member.pk})
    assert "Ruang kosong tidak memiliki pengguna" in response.content.decode()
    assert not Room.objects.exists()


def test_pirt_number_is_checked_inline(client, alor_staff):
    unit = IkmUnitFactory()
    client.force_login(alor_staff)
    url = reverse("ikm:certification_create") + f"?ikm={unit.pk}"
    response = client.post(url, {"kind": "pirt", "number": "123"})
    assert "Nomor PIRT harus terdiri dari 15 digit angka." in response.content.decode()
    client.post(url, {"kind": "pirt", "number": "123456789012345"})
    assert Certification.objects.get().ikm == unit


def test_join_a_sentra_by_code_then_leave_it_vacating_rooms(client, alor_staff):
    unit = IkmUnitFactory()
    sentra = SentraFactory(code="ALR-009")
    client.force_login(alor_staff)
    client.post(reverse("ikm:membership_create") + f"?ikm={unit.pk}", {"sentra": "ALR-009", "joined_on": "2024-01-02"})
    membership = SentraMembership.objects.get(ikm=unit)
    room = RoomFactory(sentra=sentra, state="aktif", occupant=unit)
    response = client.post(reverse("ikm:membership_end", args=[membership.pk]), {"left_on": "2025-06-30", "version": membership.version})
    assert response.status_code == 302
    membership.refresh_from_db()
    room.refresh_from_db()
    assert str(membership.left_on) == "2025-06-30" and room.occupant is None and room.state == "kosong"


def test_sentra_code_outside_scope_is_not_found_when_joining(client, alor_staff, belu_desa):
    unit = IkmUnitFactory()
    SentraFactory(code="BLU-001", desa=belu_desa)
    client.force_login(alor_staff)
    response = client.post(reverse("ikm:membership_create") + f"?ikm={unit.pk}", {"sentra": "BLU-001"})
    assert "tidak ditemukan di wilayah kerja Anda" in response.content.decode()


def test_dak_activity_over_the_allocation_is_refused_next_to_pagu(client, alor_staff):
    allocation = DakAllocationFactory(pagu=100_000_000)
    menu = DakMenuFactory()
    client.force_login(alor_staff)
    url = reverse("funding:activity_create") + f"?allocation={allocation.pk}"
    response = client.post(url, {"menu": menu.pk, "description": "Oven", "pagu": 150_000_000, "realisation": 0})
    assert "melebihi pagu alokasi DAK (sisa Rp100.000.000)" in response.content.decode()
    assert "pagu" in response.context["form"].errors
    assert not DakActivity.objects.exists()


def test_dak_activity_links_the_sentra_rooms_and_machines(client, alor_staff):
    allocation = DakAllocationFactory()
    sentra = SentraFactory(code="ALR-010")
    room = RoomFactory(sentra=sentra)
    client.force_login(alor_staff)
    client.post(reverse("funding:activity_create") + f"?allocation={allocation.pk}",
                {"menu": DakMenuFactory().pk, "description": "Rumah produksi", "sentra": "ALR-010", "pagu": 1000, "realisation": 0})
    activity = DakActivity.objects.get()
    response = client.post(reverse("funding:activity_update", args=[activity.pk]),
                           {"menu": activity.menu_id, "description": "Rumah produksi", "sentra": "ALR-010", "pagu": 1000,
                            "realisation": 500, "rooms": [room.pk], "version": activity.version})
    assert response.status_code == 302
    assert list(activity.rooms.all()) == [room]


def test_dak_allocation_recipient_must_be_a_kabupaten_in_scope(client, alor_staff, belu_desa):
    client.force_login(alor_staff)
    response = client.post(reverse("funding:allocation_create"), {"fiscal_year": 2024, "kabupaten_kota": "53.04", "pagu": 1000, "realisation": 0})
    assert "Kabupaten/kota tidak ditemukan di wilayah kerja Anda" in response.content.decode()
    ok = client.post(reverse("funding:allocation_create"), {"fiscal_year": 2024, "kabupaten_kota": "53.05", "pagu": 1000, "realisation": 0})
    assert ok.status_code == 302
