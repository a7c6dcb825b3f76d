"""`field__any_of` (core.lookups) selects exactly what `field__in` selects, on PostgreSQL and SQLite."""

import pytest

from core.instances import InstanceFactory
from core.testing.factories import IkmUnitFactory
from ikm.models import IkmUnit


@pytest.mark.django_db
def test_any_of_matches_in_for_texts_ids_and_foreign_keys(alor_desa):
    units = [IkmUnitFactory(nib=f"91200000000{n:02d}", desa=alor_desa) for n in range(3)]
    nibs = [units[0].nib, units[2].nib, "9999999999999"]
    assert set(IkmUnit.objects.filter(nib__any_of=nibs)) == set(IkmUnit.objects.filter(nib__in=nibs)) == {units[0], units[2]}
    ids = [units[1].pk, 10**9]
    assert list(IkmUnit.objects.filter(pk__any_of=ids)) == [units[1]]
    assert IkmUnit.objects.filter(desa_id__any_of=[alor_desa.code]).count() == 3
    assert not IkmUnit.objects.filter(nib__any_of=[]).exists()


@pytest.mark.django_db
def test_instance_factory_builds_what_the_model_constructor_builds(alor_desa):
    data = {"name": "Tenun Ina", "desa_id": alor_desa.code, "commodity_id": IkmUnitFactory(desa=alor_desa).commodity_id, "workers_male": 2}
    built, expected = InstanceFactory(IkmUnit)(data), IkmUnit(**data)
    assert built._state.adding and built.pk is None
    assert {k: v for k, v in vars(built).items() if k != "_state"} == {k: v for k, v in vars(expected).items() if k != "_state"}
    built.save()
    assert IkmUnit.objects.get(pk=built.pk).name == "Tenun Ina"
