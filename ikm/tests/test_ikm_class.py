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
