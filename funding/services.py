from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Sum
from django.utils.translation import gettext as _

from accounts.scope import code_within
from core.formatting import id_number
from core.services import record_create, record_update

from .models import DakActivity, DakAllocation


def _check_recipient(kabupaten_kota):
    if kabupaten_kota is not None and kabupaten_kota.level != 2:
        raise ValidationError({"kabupaten_kota": _("Penerima DAK harus kabupaten/kota.")})


def dak_allocation_create(*, user, data):
    _check_recipient(data.get("kabupaten_kota"))
    return record_create(user=user, model=DakAllocation, data=data)


def dak_allocation_update(*, user, allocation, data, expected_version=None):
    _check_recipient(data.get("kabupaten_kota"))
    return record_update(user=user, instance=allocation, data=data, expected_version=expected_version)


def _check_activity(activity_pagu, allocation, sentra, rooms, machines, exclude_pk=None):
    errors = {}
    others = allocation.activities.exclude(pk=exclude_pk).aggregate(total=Sum("pagu"))["total"] or 0
    if others + activity_pagu > allocation.pagu:
        errors["pagu"] = _("Jumlah pagu kegiatan melebihi pagu alokasi DAK (sisa Rp%(left)s).") % {"left": id_number(allocation.pagu - others)}
    if sentra is not None and not code_within(allocation.kabupaten_kota_id, sentra.desa_id):
        errors["sentra"] = _("Sentra harus berada di kabupaten/kota penerima DAK.")
    if any(room.sentra_id != getattr(sentra, "pk", None) for room in rooms):
        errors["rooms"] = _("Ruang yang dibiayai harus milik sentra kegiatan ini.")
    if any(machine.sentra_id != getattr(sentra, "pk", None) for machine in machines):
        errors["machines"] = _("Mesin yang dibiayai harus milik sentra kegiatan ini.")
    if errors:
        raise ValidationError(errors)


@transaction.atomic
def dak_activity_create(*, user, data, rooms=(), machines=()):
    _check_activity(data["pagu"], data["allocation"], data.get("sentra"), rooms, machines)
    activity = record_create(user=user, model=DakActivity, data=data)
    activity.rooms.set(rooms)
    activity.machines.set(machines)
    return activity


@transaction.atomic
def dak_activity_update(*, user, activity, data, rooms=None, machines=None, expected_version=None):
    merged = {"pagu": activity.pagu, "allocation": activity.allocation, "sentra": activity.sentra, **data}
    _check_activity(
        merged["pagu"], merged["allocation"], merged["sentra"],
        activity.rooms.all() if rooms is None else rooms, activity.machines.all() if machines is None else machines,
        exclude_pk=activity.pk,
    )
    activity = record_update(user=user, instance=activity, data=data, expected_version=expected_version)
    if rooms is not None:
        activity.rooms.set(rooms)
    if machines is not None:
        activity.machines.set(machines)
    return activity
