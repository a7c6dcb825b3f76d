"""A kecamatan-level officer (a district user whose region is one kecamatan) works on the sentra of that
kecamatan only: their phone worklist, the item pages and API, the visits they may record and what they submit."""

import datetime
import uuid

import pytest
from django.core.exceptions import PermissionDenied
from django.utils import timezone

from accounts.models import Role
from census.models import ItemState, WorklistItem
from census.selectors import item_list
from census.selectors.worklist import worklist_items_for_phone
from census.services import kabupaten_submit, round_open, visit_record
from core.testing.factories import SentraFactory, UserFactory, region_tree

from .conftest import payload, photo

pytestmark = pytest.mark.django_db


@pytest.fixture
def kecamatan_officer(alor_desa):
    return UserFactory(username="kec-alor-barat-laut", role=Role.DISTRICT, region_id="53.05.03")


@pytest.fixture
def two_kecamatan_round(admin_user, mali, alor_desa):
    """Mali lies in kecamatan 53.05.03; Pulau Pura in 53.05.04 of the same kabupaten."""
    SentraFactory(code="ALR-PURA", name="Sentra Pulau Pura", desa=region_tree("53.05.04.2001"))
    today = timezone.localdate()
    return round_open(user=admin_user, data={
        "name": "Pendataan kecamatan", "year": today.year, "start_date": today - datetime.timedelta(days=1),
        "deadline": today + datetime.timedelta(days=20),
    })


def bare_payload(item):
    """A visit to a sentra without members, rooms or machines."""
    return {
        "key": str(uuid.uuid4()), "item": item.pk, "visited_on": timezone.localdate().isoformat(), "found_status": "aktif",
        "latitude": "-8.25", "longitude": "124.40", "accuracy": 20, "notes": "", "members": [], "new_members": [],
        "rooms": [], "machines": [], "base_versions": {"sentra": item.sentra.version},
    }


def test_the_officer_sees_only_the_sentra_of_their_kecamatan(client, kecamatan_officer, two_kecamatan_round):
    assert [item.sentra.code for item in worklist_items_for_phone(user=kecamatan_officer)] == ["ALR-MALI"]
    assert [item.sentra.code for item in item_list(user=kecamatan_officer)] == ["ALR-MALI"]
    client.force_login(kecamatan_officer)
    assert [row["sentra"] for row in client.get("/api/v1/census-items/").json()["results"]] == ["ALR-MALI"]
    pura = WorklistItem.objects.get(sentra__code="ALR-PURA")
    assert client.get(f"/pendataan/butir/{pura.pk}/").status_code == 404


def test_the_officer_records_and_submits_their_kecamatan_and_nothing_else(
    kecamatan_officer, alor_staff, two_kecamatan_round, mali,
):
    mali_item = WorklistItem.objects.get(sentra__code="ALR-MALI")
    pura = WorklistItem.objects.get(sentra__code="ALR-PURA")
    with pytest.raises(PermissionDenied):
        visit_record(user=kecamatan_officer, item_id=pura.pk, payload=bare_payload(pura), photos=[photo()])
    assert not pura.visits.exists()
    visit_record(user=kecamatan_officer, item_id=mali_item.pk, payload=payload(mali_item, mali), photos=[photo()])
    visit_record(user=alor_staff, item_id=pura.pk, payload=bare_payload(pura), photos=[photo()])

    kabupaten_submit(user=kecamatan_officer, round=two_kecamatan_round, kabupaten_code="53.05")

    states = dict(WorklistItem.objects.values_list("sentra__code", "state"))
    assert states["ALR-MALI"] == ItemState.SUBMITTED
    assert states["ALR-PURA"] == ItemState.VISITED  # the kabupaten officer's visit waits for the kabupaten's own submission
