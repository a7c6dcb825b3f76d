"""The change feed tells each client every create, update and deletion in its region, and nothing else."""

from django.utils import timezone

from core.testing.factories import (
    CertificationFactory, DakActivityFactory, DakAllocationFactory, IkmUnitFactory, MachineFactory, MembershipFactory,
    RoomFactory, SentraFactory, YearlyFigureFactory,
)
from facilities.models import Room
from ikm.models import IkmUnit
from sentra.models import Sentra

from .conftest import read_feed, wait_for_horizon


def events(items):
    return [(item["resource"], item["id"], item["event"], item["reason"]) for item in items]


def test_create_update_delete_of_a_sentra_reach_its_region_only(alor_client, belu_client, alor_desa):
    start = alor_client.get("/api/v1/changes/head/").json()["position"]
    sentra = SentraFactory(desa=alor_desa, name="Sentra Tenun Moramam")
    items, position = read_feed(alor_client, start)
    assert events(items) == [("sentra", sentra.pk, "created", None)]
    assert items[0]["data"]["name"] == "Sentra Tenun Moramam"
    assert items[0]["data"]["commodities"][0]["is_primary"] is True  # the link written after the sentra is in the body

    Sentra.objects.filter(pk=sentra.pk).update(name="Sentra Tenun Ikat Moramam", version=2)  # queryset.update, no service
    items, position = read_feed(alor_client, position)
    assert events(items) == [("sentra", sentra.pk, "updated", None)]
    assert items[0]["data"]["name"] == "Sentra Tenun Ikat Moramam" and items[0]["version"] == 2

    Sentra.objects.filter(pk=sentra.pk).update(deleted_at=timezone.now())  # soft delete
    items, position = read_feed(alor_client, position)
    assert events(items) == [("sentra", sentra.pk, "deleted", "deleted")]
    assert items[0]["data"] is None

    assert read_feed(belu_client, start)[0] == []  # Kab. Belu never hears of an Alor sentra


def test_hard_deletes_and_bulk_writes_of_every_resource_are_in_the_feed(alor_client, alor_desa):
    start = alor_client.get("/api/v1/changes/head/").json()["position"]
    sentra = SentraFactory(desa=alor_desa)
    unit = IkmUnitFactory(desa=alor_desa)
    membership = MembershipFactory(ikm=unit, sentra=sentra)
    certification = CertificationFactory(ikm=unit)
    room = RoomFactory(sentra=sentra)
    machine = MachineFactory(sentra=sentra, room=room)
    allocation = DakAllocationFactory(kabupaten_kota=alor_desa.parent.parent)
    activity = DakActivityFactory(allocation=allocation, sentra=sentra)
    figure = YearlyFigureFactory(sentra=sentra)
    bulk = IkmUnit.objects.bulk_create([IkmUnit(name=f"Usaha {n}", desa=alor_desa, commodity=unit.commodity) for n in range(30)])
    items, position = read_feed(alor_client, start)
    created = {(item["resource"], item["id"]) for item in items if item["event"] == "created"}
    expected = {
        ("sentra", sentra.pk), ("ikm-units", unit.pk), ("memberships", membership.pk), ("certifications", certification.pk),
        ("rooms", room.pk), ("machines", machine.pk), ("dak-allocations", allocation.pk), ("dak-activities", activity.pk),
        ("yearly-figures", figure.pk), *(("ikm-units", u.pk) for u in bulk),
    }
    assert created == expected

    Room.objects.filter(pk=room.pk).delete()  # the machine's room is set null, the activity's room link goes too
    items, _ = read_feed(alor_client, position)
    assert ("rooms", room.pk, "deleted", "deleted") in events(items)
    assert ("machines", machine.pk, "updated", None) in events(items)


def test_a_sentra_moved_to_belu_leaves_alor_with_its_rooms_and_enters_belu(alor_client, belu_client, ntt_client, alor_desa, belu_desa):
    sentra = SentraFactory(desa=alor_desa)
    room = RoomFactory(sentra=sentra)
    machine = MachineFactory(sentra=sentra, room=room)
    start = {client: client.get("/api/v1/changes/head/").json()["position"] for client in (alor_client, belu_client, ntt_client)}

    Sentra.objects.filter(pk=sentra.pk).update(desa=belu_desa)

    moved = {("sentra", sentra.pk), ("rooms", room.pk), ("machines", machine.pk)}
    alor = events(read_feed(alor_client, start[alor_client])[0])
    assert set(alor) == {(resource, pk, "deleted", "out_of_scope") for resource, pk in moved}
    belu = read_feed(belu_client, start[belu_client])[0]
    assert set(events(belu)) == {(resource, pk, "created", None) for resource, pk in moved}
    assert all(item["data"]["region"] for item in belu)
    ntt = events(read_feed(ntt_client, start[ntt_client])[0])  # both kabupaten are in NTT: it only moved
    assert set(ntt) == {(resource, pk, "updated", None) for resource, pk in moved}

    # updated_since clients learn it too: a deletion with reason out_of_scope, for Alor only.
    alor_deletions = alor_client.get("/api/v1/deletions/").json()["results"]
    assert {(d["resource"], d["object_id"], d["reason"]) for d in alor_deletions} == {
        (resource, str(pk), "out_of_scope") for resource, pk in moved
    }
    assert ntt_client.get("/api/v1/deletions/").json()["results"] == []


def test_deleting_an_ikm_unit_hides_its_memberships_and_certifications(alor_client, alor_desa):
    sentra = SentraFactory(desa=alor_desa)
    unit = IkmUnitFactory(desa=alor_desa)
    membership = MembershipFactory(ikm=unit, sentra=sentra)
    certification = CertificationFactory(ikm=unit)
    start = alor_client.get("/api/v1/changes/head/").json()["position"]
    IkmUnit.all_objects.filter(pk=unit.pk).update(deleted_at=timezone.now())
    assert set(events(read_feed(alor_client, start)[0])) == {
        ("ikm-units", unit.pk, "deleted", "deleted"),
        ("memberships", membership.pk, "deleted", "deleted"),
        ("certifications", certification.pk, "deleted", "deleted"),
    }


def test_filter_by_resource_and_resume_from_any_position(alor_client, alor_desa):
    start = alor_client.get("/api/v1/changes/head/").json()["position"]
    units = IkmUnitFactory.create_batch(5, desa=alor_desa)
    SentraFactory(desa=alor_desa)
    only_units, _ = read_feed(alor_client, start, resource="ikm-units")
    assert [item["id"] for item in only_units] == [unit.pk for unit in units]
    # Resuming from the third item's position gives exactly the items after it.
    rest, _ = read_feed(alor_client, only_units[2]["position"], resource="ikm-units")
    assert [item["id"] for item in rest] == [unit.pk for unit in units[3:]]


def test_a_page_scans_a_bounded_stretch_of_the_feed(alor_client, alor_desa, loteng_desa, monkeypatch):
    from changes import selectors

    monkeypatch.setattr(selectors, "SCAN_LIMIT", 50)
    start = alor_client.get("/api/v1/changes/head/").json()["position"]
    IkmUnitFactory.create_batch(120, desa=loteng_desa)  # out of Alor's scope
    mine = IkmUnitFactory(desa=alor_desa)
    wait_for_horizon()
    pages, position, items = 0, start, []
    while True:
        body = alor_client.get("/api/v1/changes/", {"after": position}).json()
        pages, position, items = pages + 1, body["next_position"], items + body["results"]
        if not body["has_more"]:
            break
    assert [item["id"] for item in items] == [mine.pk]
    assert pages >= 3  # 121+ rows at 50 per page: several short pages, never one long scan


def test_bad_parameters_are_refused_in_the_users_language(alor_client):
    assert alor_client.get("/api/v1/changes/", {"after": "kemarin"}).status_code == 400
    response = alor_client.get("/api/v1/changes/", {"resource": "gaji"})
    assert response.status_code == 400 and "gaji" in response.json()["errors"][0]["message"]
    assert alor_client.get("/api/v1/changes/", {"page_size": "5000"}).status_code == 400
    response = alor_client.get("/api/v1/changes/", {"regoin": "53.05"}, HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 400
    assert response.json()["errors"][0]["field"] == "regoin"
    assert alor_client.get("/api/v1/changes/head/", {"x": "1"}).status_code == 400


def test_anonymous_gets_401(db):
    from rest_framework.test import APIClient

    assert APIClient().get("/api/v1/changes/").status_code == 401


def test_pruned_positions_are_gone_and_the_rest_stays(alor_client, alor_desa):
    from datetime import timedelta

    from django.core.management import call_command

    from changes.models import Change
    from webhooks.models import DispatchState

    start = alor_client.get("/api/v1/changes/head/").json()["position"]
    old = IkmUnitFactory(desa=alor_desa)
    Change.objects.update(changed_at=timezone.now() - timedelta(days=400))
    middle = alor_client.get("/api/v1/changes/head/").json()["position"]
    new = IkmUnitFactory(desa=alor_desa)
    DispatchState.objects.create(pk=1, txid=0, change=0)  # the webhook dispatcher has read nothing yet
    call_command("prune_changes", "--days", "180")
    assert Change.objects.filter(object_id=old.pk).exists()  # kept for the dispatcher
    DispatchState.objects.filter(pk=1).update(txid=2**62)
    call_command("prune_changes", "--days", "180")
    assert not Change.objects.filter(object_id=old.pk).exists()
    response = alor_client.get("/api/v1/changes/", {"after": start})
    assert response.status_code == 410 and response.json()["code"] == "position_gone"
    items, _ = read_feed(alor_client, middle)
    assert [item["id"] for item in items] == [new.pk]
