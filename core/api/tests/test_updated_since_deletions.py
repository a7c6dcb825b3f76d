"""An incremental sync (`updated_since`) learns of deletions: soft-deleted rows come back flagged,
hard-deleted ones leave a tombstone in /api/v1/deletions/."""

from datetime import timedelta

import pytest
from django.utils import timezone

from core.api.testing import token_client
from core.models import Tombstone
from core.testing.factories import DakActivityFactory, IkmUnitFactory, RoomFactory, SentraFactory


@pytest.fixture
def client(alor_desa):
    return token_client("53.05", read_write=True)


def since(moment):
    return moment.isoformat().replace("+00:00", "Z")


@pytest.mark.django_db
def test_soft_deleted_unit_returns_with_deleted_at_in_updated_since(client):
    unit = IkmUnitFactory()
    mark = timezone.now() - timedelta(seconds=1)
    assert client.delete(f"/api/v1/ikm-units/{unit.pk}/").status_code == 204
    assert client.get("/api/v1/ikm-units/").json()["results"] == []
    assert client.get(f"/api/v1/ikm-units/{unit.pk}/").status_code == 404
    rows = client.get(f"/api/v1/ikm-units/?updated_since={since(mark)}").json()["results"]
    assert [(row["id"], row["is_deleted"], row["deleted_at"] is not None) for row in rows] == [(unit.pk, True, True)]


@pytest.mark.django_db
def test_updated_since_leaves_out_older_changes(client):
    SentraFactory()
    later = timezone.now() + timedelta(seconds=1)
    assert client.get(f"/api/v1/sentra/?updated_since={since(later)}").json()["results"] == []


@pytest.mark.django_db
def test_hard_delete_leaves_a_tombstone(client):
    room = RoomFactory()
    mark = timezone.now() - timedelta(seconds=1)
    assert client.delete(f"/api/v1/rooms/{room.pk}/").status_code == 204
    rows = client.get(f"/api/v1/deletions/?updated_since={since(mark)}").json()["results"]
    assert [(row["resource"], row["object_id"], row["region"]) for row in rows] == [("rooms", str(room.pk), room.sentra.desa_id)]


@pytest.mark.django_db
def test_cascaded_deletions_leave_tombstones_too(client):
    activity = DakActivityFactory()
    assert client.delete(f"/api/v1/dak-allocations/{activity.allocation_id}/").status_code == 204
    models = set(Tombstone.objects.values_list("model", "object_id"))
    assert models == {("funding.dakallocation", str(activity.allocation_id)), ("funding.dakactivity", str(activity.pk))}
    rows = client.get("/api/v1/deletions/?model=funding.dakactivity").json()["results"]
    assert [row["object_id"] for row in rows] == [str(activity.pk)]


@pytest.mark.django_db
def test_tombstones_are_scoped(client, belu_desa):
    room = RoomFactory()
    client.delete(f"/api/v1/rooms/{room.pk}/")
    belu = token_client("53.04")
    assert belu.get("/api/v1/deletions/").json()["results"] == []
