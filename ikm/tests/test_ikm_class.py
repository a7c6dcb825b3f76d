import pytest

from core.testing.factories import IkmUnitFactory
from ikm.models import IkmClass, IkmUnit
from ikm.models.unit import classify

# Literal figures, not the module's constants: a changed limit (or a changed comparison in the SQL) must fail
# here. Every limit is tried on both sides, and values lie between the small and medium limits (issue 12).
CASES = [
    (19, 999_999_999, IkmClass.KECIL),
    (20, 999_999_999, IkmClass.MENENGAH),
    (19, 1_000_000_000, IkmClass.MENENGAH),
    (19, 5_000_000_000, IkmClass.MENENGAH),
    (20, 5_000_000_000, IkmClass.MENENGAH),
    (19, 14_999_999_999, IkmClass.MENENGAH),
    (99, 14_999_999_999, IkmClass.MENENGAH),
    (99, 15_000_000_000, IkmClass.MENENGAH),
    (19, 15_000_000_000, IkmClass.BESAR),
    (5, 15_000_000_000, IkmClass.BESAR),
    (150, 15_000_000_001, IkmClass.BESAR),
    (5, 15_000_000_001, IkmClass.BESAR),
    (0, 0, IkmClass.KECIL),
]


@pytest.mark.parametrize("workers, investment, expected", CASES)
def test_class_follows_permenperin_64_2016(workers, investment, expected):
    assert classify(workers, investment) == expected


@pytest.mark.django_db
def test_sql_annotation_gives_the_same_classes(alor_desa):
    units = {IkmUnitFactory(workers_male=workers - workers // 2, workers_female=workers // 2, investment=investment).pk: expected
             for workers, investment, expected in CASES}
    annotated = dict(IkmUnit.objects.with_class().filter(pk__in=units).values_list("pk", "ikm_class"))
    assert annotated == units


def test_class_is_not_a_stored_field():
    assert "ikm_class" not in {field.name for field in IkmUnit._meta.get_fields()}


@pytest.mark.django_db
def test_class_filter_on_the_columns_gives_the_same_classes(alor_desa):
    """The list/API/export filter `ikm_class` is written on the columns (so the investment index serves the
    large class); it must select exactly the units the annotation classifies so, unsplit workers included."""
    from ikm.filtersets import IkmUnitFilterSet

    units = {}
    for workers, investment, expected in CASES:
        units[IkmUnitFactory(workers_male=workers - workers // 2, workers_female=workers // 2, investment=investment).pk] = expected
        # the same head count kept as an unsplit total (registers without a male/female split)
        units[IkmUnitFactory(workers_male=0, workers_female=0, workers_unsplit=workers, investment=investment).pk] = expected
    for ikm_class in IkmClass:
        chosen = IkmUnitFilterSet({"ikm_class": ikm_class.value}, queryset=IkmUnit.objects.filter(pk__in=units)).qs
        assert set(chosen.values_list("pk", flat=True)) == {pk for pk, expected in units.items() if expected == ikm_class}
