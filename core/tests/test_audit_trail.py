"""Every create, update and delete, bulk ones included, records who, when, and the values before and after."""

import pytest

from core.services import record_create, record_delete, record_update, records_bulk_upsert
from core.testing.factories import CommodityFactory, EquipmentTypeFactory, MachineFactory, SentraFactory
from facilities.models import Machine
from ikm.models import IkmUnit

pytestmark = pytest.mark.django_db


def test_update_records_before_and_after_with_the_author(alor_staff, alor_desa):
    sentra = SentraFactory(desa=alor_desa)
    oven = EquipmentTypeFactory()
    machine = record_create(user=alor_staff, model=Machine, data={"sentra": sentra, "equipment_type": oven, "quantity": 2})
    record_update(user=alor_staff, instance=machine, data={"quantity": 5, "condition": "rusak_ringan"})
    latest, previous = machine.history.order_by("-history_date")[:2]
    changes = {change.field: (change.old, change.new) for change in latest.diff_against(previous).changes}
    assert changes["quantity"] == (2, 5) and changes["condition"] == ("baik", "rusak_ringan")
    assert latest.history_user == alor_staff and latest.history_date is not None


def test_hard_delete_leaves_a_record_of_the_last_values(alor_staff, alor_desa):
    machine = MachineFactory(sentra=SentraFactory(desa=alor_desa), quantity=7)
    machine_id = machine.pk
    record_delete(user=alor_staff, instance=machine)
    assert not Machine.objects.filter(pk=machine_id).exists()
    last = Machine.history.filter(id=machine_id).latest("history_date")
    assert (last.history_type, last.quantity, last.history_user) == ("-", 7, alor_staff)


def test_bulk_write_leaves_an_audit_record_per_row(alor_staff, alor_desa):
    commodity = CommodityFactory()
    units = [IkmUnit(name=f"U{n}", desa=alor_desa, commodity=commodity) for n in range(3)]
    records_bulk_upsert(user=alor_staff, model=IkmUnit, creates=units, updates=[], update_fields=[])
    stored = list(IkmUnit.objects.order_by("name"))
    for unit in stored:
        unit.workers_male = 4
    records_bulk_upsert(user=alor_staff, model=IkmUnit, creates=[], updates=stored, update_fields=["workers_male"])
    history = IkmUnit.history.order_by("history_date")
    assert history.filter(history_type="+").count() == 3
    assert history.filter(history_type="~", workers_male=4).count() == 3
    assert set(history.values_list("history_user", flat=True)) == {alor_staff.pk}
    assert set(IkmUnit.objects.values_list("version", flat=True)) == {2}


def test_bulk_write_outside_scope_writes_nothing(alor_staff, belu_desa):
    from django.core.exceptions import PermissionDenied

    units = [IkmUnit(name="Belu", desa=belu_desa, commodity=CommodityFactory())]
    with pytest.raises(PermissionDenied):
        records_bulk_upsert(user=alor_staff, model=IkmUnit, creates=units, updates=[], update_fields=[])
    assert not IkmUnit.all_objects.exists() and not IkmUnit.history.exists()
