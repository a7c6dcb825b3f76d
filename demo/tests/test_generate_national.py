"""generate_national fills a consistent, marked, repeatable synthetic registry (small sizes here)."""

import pytest
from django.core.management import CommandError
from django.db.models import F, Sum

from demo.tests.national_fixtures import generate, national_reference  # noqa: F401 (fixture)
from facilities.models import Room
from funding.models import DakActivity, DakAllocation
from ikm.models import IkmUnit, SentraMembership, YearlyFigure
from sentra.models import Sentra, SentraCommodity

pytestmark = pytest.mark.django_db


def test_fills_every_kabupaten_with_marked_rows(national_reference):
    generate(sentra=12, ikm=300, seed=7)

    assert Sentra.objects.count() == 12
    assert IkmUnit.objects.count() == 300
    assert set(Sentra.objects.values_list("desa__parent__parent_id", flat=True)) == {"53.05", "53.04", "52.02"}
    assert all(code.startswith("SYN-") for code in Sentra.objects.values_list("code", flat=True))
    assert not IkmUnit.objects.exclude(address__startswith="SYN-").exists()
    # Each sentra has exactly one primary commodity and at least five current members (PP 29/2018).
    assert SentraCommodity.objects.filter(is_primary=True).count() == 12
    for sentra in Sentra.objects.all():
        assert SentraMembership.objects.filter(sentra=sentra, left_on__isnull=True).count() >= 5


def test_rooms_are_used_only_by_current_members(national_reference):
    generate(sentra=12, ikm=300, seed=7)

    occupied = Room.objects.exclude(state="kosong")
    assert occupied.exists()
    for room in occupied:
        assert SentraMembership.objects.filter(ikm_id=room.occupant_id, sentra_id=room.sentra_id, left_on__isnull=True).exists()
    assert not Room.objects.filter(state="kosong", occupant__isnull=False).exists()


def test_dak_realisation_within_pagu_and_adds_up(national_reference):
    generate(sentra=12, ikm=300, seed=7)

    years = set(DakAllocation.objects.values_list("fiscal_year", flat=True))
    assert years == set(range(2016, 2026))
    assert not DakAllocation.objects.filter(realisation__gt=F("pagu")).exists()
    for allocation in DakAllocation.objects.all():
        sums = DakActivity.objects.filter(allocation=allocation).aggregate(pagu=Sum("pagu"), realisation=Sum("realisation"))
        assert sums == {"pagu": allocation.pagu, "realisation": allocation.realisation}
    assert YearlyFigure.objects.filter(sentra__isnull=False).exists()


def test_same_seed_gives_same_registry(national_reference):
    generate(sentra=6, ikm=100, seed=3)
    first = list(IkmUnit.objects.order_by("id").values_list("name", "owner_name", "workers_male", "investment"))
    generate(sentra=6, ikm=100, seed=3, clear=True)
    second = list(IkmUnit.objects.order_by("id").values_list("name", "owner_name", "workers_male", "investment"))

    assert len(first) == 100
    assert first == second


def test_refuses_without_regions(db):
    with pytest.raises(CommandError, match="load_regions"):
        generate(sentra=2, ikm=10, seed=1)


def test_dashboard_rollup_counts_generated_units(national_reference):
    # The bulk path bypasses the services but not the database: the reports' roll-up triggers still fire.
    from reports.models import IkmRollup

    generate(sentra=12, ikm=300, seed=7)

    assert IkmRollup.objects.aggregate(units=Sum("units"))["units"] == 300
