"""Concurrent edits: a conflict instead of a lost update, and parallel upserts of one NIB make one record."""

import threading
from collections import Counter

import pytest
from django.db import connection, connections

from core.api.testing import token_client
from core.exceptions import ConflictError
from core.testing.factories import CommodityFactory, IkmUnitFactory
from ikm.models import IkmUnit
from ikm.services import ikm_update

NEEDS_POSTGRESQL = "row locks and parallel connections are what is being tested; SQLite serialises all writers"


@pytest.mark.django_db
def test_second_editor_gets_a_conflict_and_no_edit_is_lost(alor_staff):
    unit = IkmUnitFactory(name="Tenun Ibu Maria", product="kain tenun")
    opened_by_first = IkmUnit.objects.get(pk=unit.pk)
    opened_by_second = IkmUnit.objects.get(pk=unit.pk)

    ikm_update(user=alor_staff, ikm=opened_by_first, data={"name": "Tenun Ikat Ibu Maria"}, expected_version=opened_by_first.version)
    with pytest.raises(ConflictError) as conflict:
        ikm_update(user=alor_staff, ikm=opened_by_second, data={"product": "selendang"}, expected_version=opened_by_second.version)
    assert ("name", "Tenun Ibu Maria", "Tenun Ikat Ibu Maria") in conflict.value.changes
    assert "diubah oleh pengguna lain" in str(conflict.value)

    unit.refresh_from_db()
    assert (unit.name, unit.product) == ("Tenun Ikat Ibu Maria", "kain tenun")  # the first edit stands, untouched

    # The second editor sees the conflict, reloads, and re-applies: both edits survive, both are audited.
    ikm_update(user=alor_staff, ikm=unit, data={"product": "selendang"}, expected_version=unit.version)
    unit.refresh_from_db()
    assert (unit.name, unit.product) == ("Tenun Ikat Ibu Maria", "selendang")
    assert unit.history.count() == 3


def run_in_threads(count, work):
    """Start `count` threads at the same instant; collect each result or exception."""
    barrier = threading.Barrier(count)
    results = [None] * count

    def runner(index):
        try:
            barrier.wait(timeout=30)
            results[index] = work(index)
        except Exception as error:  # noqa: BLE001  (the test inspects every outcome)
            results[index] = error
        finally:
            connections.close_all()

    threads = [threading.Thread(target=runner, args=(index,)) for index in range(count)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    return results


@pytest.mark.django_db(transaction=True)
def test_two_simultaneous_editors_one_wins_one_conflicts(alor_staff):
    if connection.vendor != "postgresql":
        pytest.skip(NEEDS_POSTGRESQL)
    unit = IkmUnitFactory(name="Anyaman Bambu", workers_male=2)
    version = unit.version
    edits = [{"name": "Anyaman Bambu Pantar"}, {"workers_male": 4}]

    def edit(index):
        return ikm_update(user=alor_staff, ikm=IkmUnit.objects.get(pk=unit.pk), data=edits[index], expected_version=version)

    outcomes = run_in_threads(2, edit)
    assert sorted(type(outcome).__name__ for outcome in outcomes) == ["ConflictError", "IkmUnit"]
    unit.refresh_from_db()
    assert unit.version == version + 1
    assert unit.history.count() == 2  # created + the one winning edit; the loser wrote nothing


@pytest.mark.django_db(transaction=True)
def test_fifty_parallel_upserts_of_one_nib_make_exactly_one_record(alor_desa):
    if connection.vendor != "postgresql":
        pytest.skip(NEEDS_POSTGRESQL)
    commodity = CommodityFactory(code="tenun-ikat")
    key = token_client("53.05", read_write=True).key
    nib = "9120000000001"
    url = f"/api/v1/ikm-units/by-nib/{nib}/"

    def upsert(index):
        from rest_framework.test import APIClient

        client = APIClient()
        client.credentials(HTTP_AUTHORIZATION=f"Token {key}")
        body = {"name": f"Tenun Alor {index}", "owner_name": "Maria", "desa": alor_desa.code, "commodity": commodity.code}
        return client.put(url, body, format="json").status_code

    statuses = run_in_threads(50, upsert)
    assert all(isinstance(status, int) for status in statuses), statuses
    assert not [status for status in statuses if status >= 500], Counter(statuses)
    assert IkmUnit.all_objects.filter(nib=nib).count() == 1
    assert Counter(statuses)[201] == 1
    assert set(statuses) == {200, 201}, Counter(statuses)  # the losers of the race update, they are not refused
    unit = IkmUnit.all_objects.get(nib=nib)
    assert unit.history.count() == 1 + sum(1 for status in statuses if status == 200)  # every accepted write audited
