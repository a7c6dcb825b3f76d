"""A bulk write (API bulk upsert, demo loader) racing an interactive edit must not silently undo it.

records_bulk_upsert receives instances read earlier. If someone edited the record in between, writing the
stale copy must fail with ConflictError (as record_update does), not overwrite the edit, reuse the same
version number for two different states, or write a history row that never matched the database.
"""

import pytest

from core.exceptions import ConflictError
from core.services import records_bulk_upsert
from core.testing.factories import IkmUnitFactory
from ikm.models import IkmUnit
from ikm.services import ikm_update

pytestmark = pytest.mark.django_db


def test_fresh_bulk_update_advances_the_version_and_is_audited(alor_staff):
    unit = IkmUnitFactory(product="kain")
    fresh = IkmUnit.objects.get(pk=unit.pk)
    fresh.product = "selendang"
    records_bulk_upsert(user=alor_staff, model=IkmUnit, creates=[], updates=[fresh], update_fields=["product"])
    unit.refresh_from_db()
    assert (unit.product, unit.version) == ("selendang", 2)
    assert unit.history.count() == 2


def test_stale_bulk_update_after_an_edit_conflicts(alor_staff):
    unit = IkmUnitFactory(name="Awal", product="kain")
    stale = IkmUnit.objects.get(pk=unit.pk)  # read by the bulk job before the edit
    ikm_update(user=alor_staff, ikm=unit, data={"name": "Diedit"}, expected_version=unit.version)

    stale.product = "dari-impor"
    with pytest.raises(ConflictError):
        records_bulk_upsert(user=alor_staff, model=IkmUnit, creates=[], updates=[stale], update_fields=["product"])
    unit.refresh_from_db()
    assert (unit.name, unit.product, unit.version) == ("Diedit", "kain", 2)
