"""The freshness roll-up (reports/freshness_rollup.py) answers exactly what counting the units answers, around
the cutoff's own month too, and its triggers follow updates, verifications and deletions (issue 16)."""

from datetime import UTC, timedelta
from importlib import import_module

import pytest
from django.test.utils import CaptureQueriesContext
from django.db import connection
from django.utils import timezone

from core.testing.factories import IkmUnitFactory
from core.verification import verification_cutoff
from ikm.models import IkmUnit
from ikm.selectors import ikm_list
from reports import freshness_rollup
from reports.models import FreshnessRollup

freshness_module = import_module("reports.selectors.freshness")

ALOR = "53.05.03.2001"
BELU = "53.04.22.1004"
LOTENG = "52.02.03.2005"


def counts(user, level, region=None):
    cutoff = verification_cutoff()
    units = ikm_list(user=user)
    if region:
        units = units.filter(desa__code__startswith=region + ".")
    from_rollup = freshness_module._counts_from_rollup(user, level, cutoff, region, units)
    from_units = freshness_module._counts(units, level, cutoff)
    pick = lambda found: {code: (row["total"], row["fresh"]) for code, row in found.items() if row["total"]}  # noqa: E731
    return pick(from_rollup), pick(from_units)


@pytest.fixture
def verified_units(alor_desa, belu_desa, loteng_desa):
    now = timezone.now()
    cutoff = verification_cutoff(now).astimezone(UTC)
    month_start = cutoff.replace(day=1, hour=0, minute=0, second=0, microsecond=0)
    cases = [
        (ALOR, None, None),  # never verified
        (ALOR, now - timedelta(days=10), now - timedelta(days=20)),  # verified recently, unchanged: fresh
        (ALOR, now - timedelta(days=10), now - timedelta(days=5)),  # changed after its verification: awaiting
        (BELU, now - timedelta(days=500), now - timedelta(days=600)),  # verified long ago: overdue
        (BELU, cutoff + timedelta(seconds=30), month_start),  # in the cutoff's month, after the cutoff: fresh
        (LOTENG, month_start + timedelta(seconds=1), month_start), # in the cutoff's month, before the cutoff: overdue
        (LOTENG, now - timedelta(days=40), now - timedelta(days=41)),
    ]
    units = []
    for desa, verified, updated in cases:
        unit = IkmUnitFactory(desa_id=desa)
        IkmUnit.all_objects.filter(pk=unit.pk).update(last_verified_at=verified, updated_at=updated or now)
        units.append(unit)
    return units


def test_rollup_equals_counting_the_units(analyst, ntt_staff, verified_units):
    rollup, units = counts(analyst, 1)
    assert rollup == units == {"52": (2, 1), "53": (5, 2)}
    assert counts(analyst, 2, "53") == ({"53.04": (2, 1), "53.05": (3, 1)},) * 2
    assert counts(ntt_staff, 2)[0] == {"53.04": (2, 1), "53.05": (3, 1)}  # the province's own scope


def test_triggers_follow_edits_verifications_and_deletions(analyst, verified_units):
    never, fresh, awaiting = verified_units[:3]
    IkmUnit.all_objects.filter(pk=never.pk).update(last_verified_at=timezone.now(), updated_at=timezone.now() - timedelta(days=1))
    IkmUnit.all_objects.filter(pk=fresh.pk).update(updated_at=timezone.now() + timedelta(seconds=5))  # edited after
    IkmUnit.all_objects.filter(pk=awaiting.pk).update(deleted_at=timezone.now())  # soft-deleted: not counted
    IkmUnitFactory(desa_id=ALOR)
    rollup, units = counts(analyst, 1)
    assert rollup == units == {"52": (2, 1), "53": (5, 2)}
    IkmUnit.all_objects.filter(pk=never.pk).delete()
    rollup, units = counts(analyst, 1)
    assert rollup == units == {"52": (2, 1), "53": (4, 1)}
    saved = sorted(FreshnessRollup.objects.filter(units__gt=0).values_list("kabupaten_kota_id", "month", "current", "units"))
    freshness_rollup.rebuild()
    assert sorted(FreshnessRollup.objects.values_list("kabupaten_kota_id", "month", "current", "units")) == saved


def test_national_dashboard_reads_the_rollup_not_every_unit(client, analyst, verified_units):
    client.force_login(analyst)
    with CaptureQueriesContext(connection) as queries:
        data = client.get("/laporan/kemutakhiran/").context["data"]
    assert {row["code"]: (row["ikm_total"], row["ikm_fresh"]) for row in data["regions"]} == {"52": (2, 1), "53": (5, 2)}
    sql = " ".join(query["sql"] for query in queries.captured_queries)
    assert "reports_freshnessrollup" in sql
    # with a filter the roll-up does not know (it has no commodity), the units are counted
    commodity = verified_units[1].commodity.code
    with CaptureQueriesContext(connection) as queries:
        filtered = client.get("/laporan/kemutakhiran/", {"commodity": commodity}).context["data"]
    assert [(row["code"], row["ikm_total"], row["ikm_fresh"]) for row in filtered["regions"] if row["ikm_total"]] == [("53", 1, 1)]
    assert "reports_freshnessrollup" not in " ".join(query["sql"] for query in queries.captured_queries)
