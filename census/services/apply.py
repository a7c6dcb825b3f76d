"""Applying an approved visit to the registry, through the registry's own write path.

Every write is `core.services.record_update` (scope, full_clean, version, django-simple-history), with the
change reason naming the round and the visit (`change_reason`), so each history row says where the change
came from. Only what the visit found different is written, except the sentra, whose verification stamp
(last_verified_*) is renewed by every approval.

Who authors the history rows: the officer who made the visit, never the reviewer. The findings are the
officer's (the same person goes into last_verified_by), and the writes pass the registry's permission rules
unchanged (provincial staff verify but do not edit records). The reviewer who approved is not lost: the
approving Transition names them, and every history page shows the source of such a row as "round, visit
<date> by <officer>, approved by <reviewer>" with a link to the worklist item (census.selectors.history, read
from the visit in the change reason). An officer who may no longer write there (moved to another region, no
longer district staff) cannot author the changes: the approval is refused with a message saying so, and the
reviewer returns the visit to be recorded again by the region's current officer.
"""

import re

from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.scope import region_in_scope
from core.services import record_update
from facilities.models import Room, RoomState
from ikm.models import SentraMembership
from sentra.models import Sentra

from ..models import FoundStatus

REASON_PREFIX = "pendataan ulang"
REASON_PATTERN = re.compile(r"^pendataan ulang: putaran (?P<round>\d+), kunjungan (?P<visit>\d+)$")

# Status written to the sentra for each status found; None keeps the registry's status (moved: still alive).
STATUS_WRITTEN = {
    FoundStatus.AKTIF: "aktif", FoundStatus.KURANG_AKTIF: "kurang_aktif", FoundStatus.TIDAK_AKTIF: "tidak_aktif",
    FoundStatus.TUTUP: "tutup", FoundStatus.MERGED: "tutup", FoundStatus.MOVED: None,
}


def change_reason(visit):
    return f"{REASON_PREFIX}: putaran {visit.item.round_id}, kunjungan {visit.pk}"


def visit_apply(*, visit, reviewer):
    """Write the visit's findings (call inside the review's transaction)."""
    item, round_ = visit.item, visit.item.round
    actor, reason = visit.officer, change_reason(visit)
    desa = Sentra.all_objects.filter(pk=item.sentra_id).values_list("desa_id", flat=True).get()
    if not (getattr(actor, "can_edit_records", False) and region_in_scope(actor, desa)):
        raise ValidationError(
            _("Petugas kunjungan ini (%(officer)s) tidak lagi berwenang mengubah data wilayah ini, jadi temuannya tidak "
              "dapat ditulis atas namanya. Kembalikan kunjungan agar dicatat ulang oleh petugas wilayah ini.")
            % {"officer": actor.get_full_name() or actor.get_username()},
            code="officer",
        )

    def write(instance, data):
        return record_update(user=actor, instance=instance, data=data, reason=reason)

    if round_.verify_rooms:
        rooms = {room.pk: room for room in Room.objects.filter(pk__in=[r.room_id for r in visit.rooms.all()])}
        for found in visit.rooms.all():
            room = rooms[found.room_id]
            if room.state != found.state or room.occupant_id != found.occupant_id:
                write(room, {"state": found.state, "occupant_id": found.occupant_id})
    if round_.verify_members:
        for found in visit.members.select_related("membership"):
            membership = SentraMembership.objects.get(pk=found.membership_id)
            if found.producing or membership.left_on is not None:
                continue
            # Rooms the unit still holds are freed first (the database refuses a room held by a non-member).
            for room in Room.objects.filter(sentra_id=membership.sentra_id, occupant_id=membership.ikm_id):
                write(room, {"state": RoomState.KOSONG, "occupant_id": None})
            left_on = visit.visited_on if membership.joined_on is None else max(visit.visited_on, membership.joined_on)
            write(membership, {"left_on": left_on})
    if round_.verify_machines:
        for found in visit.machines.select_related("machine"):
            if found.machine.condition != found.condition:
                write(found.machine, {"condition": found.condition})
    sentra = Sentra.all_objects.get(pk=item.sentra_id)
    data = {"last_verified_at": timezone.now(), "last_verified_by": actor}
    if round_.verify_status:
        status = STATUS_WRITTEN[visit.found_status]
        if status:
            data["status"] = status
        if visit.found_status == FoundStatus.MERGED and visit.merged_into_id:
            data["notes"] = _append(sentra.notes, _("Bergabung dengan sentra %(code)s (pendataan %(round)s).") % {
                "code": visit.merged_into.code, "round": round_.name})
        if visit.found_status == FoundStatus.MOVED:
            data["address"] = visit.moved_address
            if visit.latitude is not None:
                data["latitude"], data["longitude"] = visit.latitude, visit.longitude
    if visit.latitude is not None and sentra.latitude is None and visit.found_status not in (FoundStatus.TUTUP, FoundStatus.MERGED):
        data["latitude"], data["longitude"] = visit.latitude, visit.longitude  # the sentra had no point yet
    write(sentra, data)


def _append(notes, line):
    return f"{notes}\n{line}".strip() if notes else line
