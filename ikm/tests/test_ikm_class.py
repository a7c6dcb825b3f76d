import pytest

from core.testing.factories import IkmUnitFactory
from ikm.models import IkmClass, IkmUnit
from ikm.models.unit import classify


@pytest.mark.parametrize(
    "workers, investment, expected",
    [
        (19, 999_999_999, IkmClass.KECIL),
        (20, 999_999_999, IkmClass.MENENGAH),
        (19, 1_000_000_000, IkmClass.MENENGAH),
        (99, 15_000_000_000, IkmClass.MENENGAH),
        (5, 15_000_000_000, IkmClass.BESAR),
        (150, 15_000_000_001, IkmClass.BESAR),
        (0, 0, IkmClass.KECIL),
    ],
)
def test_class_follows_permenperin_64_2016(workers, investment, expected):
    assert classify(workers, investment) == expected


@pytest.mark.django_db
@pytest.mark.parametrize("male, female, investment", [(10, 9, 500_000_000), (10, 10, 500_000_000), (1, 1, 2_000_000_000), (3, 2, 16_000_000_000)])
def test_sql_annotation_agrees_with_python_rule(alor_desa, male, female, investment):
    unit = IkmUnitFactory(workers_male=male, workers_female=female, investment=investment)
    annotated = IkmUnit.objects.with_class().get(pk=unit.pk)
    assert annotated.ikm_class == unit.computed_class == classify(male + female, investment)


def test_class_is_not_a_stored_field():
    assert "ikm_class" not in {field.name for field in IkmUnit._meta.get_fields()}
