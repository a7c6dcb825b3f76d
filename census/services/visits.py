"""Recording a visit from the phone: checked in full, stored once per idempotency key, photos and all.

The phone may send the same visit several times (the connection dropped after the server stored it, a retry
timer, two tabs): the key makes every repeat answer with the visit already stored, never a second one.
"""

import datetime
import uuid

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.dateparse import parse_date
from django.utils.translation import gettext as _

from core.text import normalise_text
from evidence.images import coordinate
from evidence.services import check_count, evidence_store, inspect_upload, stored_files
from facilities.models import Machine, MachineCondition, Room, RoomState
from ikm.models import SentraMembership
from sentra.selectors import sentra_list

from ..models import FoundStatus, ItemState, Transition, Visit, VisitMachine, VisitMember, VisitNewMember, VisitRoom, WorklistItem
from ..permissions import ensure_can_record
from .signals import round_changed

RECORDABLE = (ItemState.OPEN, ItemState.VISITED, ItemState.RETURNED)
MAX_NEW_MEMBERS = 100
MAX_NOTES = 4000


class DuplicateKey(Exception):
    """The key belongs to another officer's or another item's visit: refused without saying whose."""


def _key(payload):
    try:
        return uuid.UUID(str(payload.get("key", "")))
    except ValueError as error:
        raise ValidationError({"key": _("Kunci idempoten tidak valid.")}) from error


def existing_visit(*, user, key, item_id):
    visit = Visit.objects.filter(idempotency_key=key).first()
    if visit is None:
        return None
    if visit.officer_id != user.pk or visit.item_id != item_id:
        raise DuplicateKey()
    return visit


def _date(value, round_):
    visited_on = parse_date(str(value or "")) if value else None
    if visited_on is None:
        raise ValidationError({"visited_on": _("Tanggal kunjungan wajib diisi (TTTT-BB-HH).")})
    if visited_on > timezone.localdate() + datetime.timedelta(days=1):
        raise ValidationError({"visited_on": _("Tanggal kunjungan tidak boleh di masa depan.")})
    if visited_on < round_.start_date:
        raise ValidationError({"visited_on": _("Tanggal kunjungan sebelum putaran dimulai.")})
    return visited_on


def _id(value, field):
    if isinstance(value, bool) or not isinstance(value, int):
        try:
            return int(str(value))
        except (TypeError, ValueError) as error:
            raise ValidationError({field: _("Nomor tidak valid.")}) from error
    return value


def _members(item, payload):
    memberships = {m.pk: m for m in SentraMembership.objects.filter(sentra_id=item.sentra_id, left_on__isnull=True)}
    rows, seen = [], set()
    for entry in payload.get("members") or []:
        pk = _id(entry.get("membership"), "members")
        if pk not in memberships or pk in seen:
            raise ValidationError({"members": _("Anggota tidak dikenal di sentra ini: %(id)s.") % {"id": pk}})
        seen.add(pk)
        rows.append(VisitMember(membership=memberships[pk], producing=bool(entry.get("producing"))))
    return rows


def _new_members(payload):
    rows = []
    entries = payload.get("new_members") or []
    if len(entries) > MAX_NEW_MEMBERS:
        raise ValidationError({"new_members": _("Terlalu banyak anggota baru dalam satu kunjungan.")})
    for entry in entries:
        name = normalise_text(str(entry.get("name") or ""))[:200]
        if not name:
            continue
        rows.append(VisitNewMember(
            name=name, owner_name=normalise_text(str(entry.get("owner_name") or ""))[:200],
            product=normalise_text(str(entry.get("product") or ""))[:200],
        ))
    return rows


def _rooms(item, payload, members):
    rooms = {room.pk: room for room in Room.objects.filter(sentra_id=item.sentra_id)}
    current = set(SentraMembership.objects.filter(sentra_id=item.sentra_id, left_on__isnull=True).values_list("ikm_id", flat=True))
    leaving = {m.membership.ikm_id for m in members if not m.producing}
    rows, seen = [], set()
    for entry in payload.get("rooms") or []:
        pk = _id(entry.get("room"), "rooms")
        if pk not in rooms or pk in seen:
            raise ValidationError({"rooms": _("Ruang tidak dikenal di sentra ini: %(id)s.") % {"id": pk}})
        seen.add(pk)
        state = entry.get("state")
        if state not in RoomState.values:
            raise ValidationError({"rooms": _("Keadaan ruang tidak dikenal: %(value)s.") % {"value": str(state)[:20]}})
        occupant = entry.get("occupant")
        occupant = _id(occupant, "rooms") if occupant not in (None, "") else None
        if state == RoomState.KOSONG:
            occupant = None
        elif occupant is None:
            raise ValidationError({"rooms": _("Ruang %(name)s terisi: pilih IKM penggunanya.") % {"name": rooms[pk].name}})
        elif occupant not in current or occupant in leaving:
            raise ValidationError({"rooms": _("Pengguna ruang %(name)s harus anggota sentra yang masih berproduksi.") % {"name": rooms[pk].name}})
        rows.append(VisitRoom(room=rooms[pk], state=state, occupant_id=occupant))
    return rows


def _machines(item, payload):
    machines = set(Machine.objects.filter(sentra_id=item.sentra_id).values_list("pk", flat=True))
    rows, seen = [], set()
    for entry in payload.get("machines") or []:
        pk = _id(entry.get("machine"), "machines")
        if pk not in machines or pk in seen:
            raise ValidationError({"machines": _("Mesin tidak dikenal di sentra ini: %(id)s.") % {"id": pk}})
        seen.add(pk)
        condition = entry.get("condition")
        if condition not in MachineCondition.values:
            raise ValidationError({"machines": _("Kondisi mesin tidak dikenal: %(value)s.") % {"value": str(condition)[:20]}})
        rows.append(VisitMachine(machine_id=pk, condition=condition))
    return rows


def _base_versions(payload):
    raw = payload.get("base_versions") or {}
    if not isinstance(raw, dict):
        return {}
    clean = {}
    if str(raw.get("sentra", "")).isdigit():
        clean["sentra"] = int(raw["sentra"])
    for group in ("rooms", "machines", "memberships"):
        values = raw.get(group) or {}
        if isinstance(values, dict):
            clean[group] = {str(k): int(v) for k, v in list(values.items())[:5000] if str(k).isdigit() and str(v).isdigit()}
    return clean


def _build_visit(*, user, item, payload, key):
    status = payload.get("found_status")
    if status not in FoundStatus.values:
        raise ValidationError({"found_status": _("Pilih status sentra yang ditemukan.")})
    visit = Visit(
        item=item, officer=user, idempotency_key=key, visited_on=_date(payload.get("visited_on"), item.round),
        found_status=status, notes=normalise_text(str(payload.get("notes") or ""), multiline=True)[:MAX_NOTES],
        base_versions=_base_versions(payload),
    )
    latitude, longitude = coordinate(payload.get("latitude"), 90), coordinate(payload.get("longitude"), 180)
    if (payload.get("latitude") not in (None, "") and latitude is None) or (payload.get("longitude") not in (None, "") and longitude is None):
        raise ValidationError({"latitude": _("Titik GPS tidak valid.")})
    if (latitude is None) != (longitude is None):
        raise ValidationError({"latitude": _("Titik GPS tidak lengkap.")})
    visit.latitude, visit.longitude = latitude, longitude
    accuracy = payload.get("accuracy")
    if accuracy not in (None, ""):
        try:
            visit.gps_accuracy_m = max(0, min(int(float(accuracy)), 100_000))
        except (TypeError, ValueError):
            visit.gps_accuracy_m = None
    if status == FoundStatus.MERGED:
        code = normalise_text(str(payload.get("merged_into") or ""))
        target = sentra_list(user=user).filter(code=code).exclude(pk=item.sentra_id).first() if code else None
        if target is None:
            raise ValidationError({"merged_into": _("Sentra tujuan penggabungan tidak ditemukan di wilayah Anda.")})
        visit.merged_into = target
    if status == FoundStatus.MOVED:
        visit.moved_address = normalise_text(str(payload.get("moved_address") or ""), multiline=True)[:1000]
        if not visit.moved_address:
            raise ValidationError({"moved_address": _("Tuliskan alamat baru sentra.")})
    return visit


def visit_record(*, user, item_id, payload, photos=(), photo_exif=()):
    """Store one visit with its photos; returns (visit, created). A repeated key returns the stored visit.

    Everything is checked before anything is written; the visit, its rows, its photos and the item's new
    state are written in one transaction (stored files are removed again if it fails).
    """
    key = _key(payload)
    item_id = _id(item_id, "item")
    item = WorklistItem.objects.select_related("round", "sentra").filter(pk=item_id).first()
    if item is None:
        raise WorklistItem.DoesNotExist()
    ensure_can_record(user, item.sentra.desa_id)
    stored = existing_visit(user=user, key=key, item_id=item_id)
    if stored is not None:
        return stored, False
    if item.state not in RECORDABLE:
        raise ValidationError(_("Butir ini sudah dikirim atau disetujui; kunjungan baru tidak diterima."), code="closed")
    visit = _build_visit(user=user, item=item, payload=payload, key=key)
    members = _members(item, payload)
    new_members = _new_members(payload)
    rooms = _rooms(item, payload, members)
    machines = _machines(item, payload)
    photos = list(photos)
    if not photos:
        raise ValidationError({"photos": _("Lampirkan sedikitnya satu foto.")})
    check_count(len(photos))
    checked = [inspect_upload(photo) for photo in photos]  # every file refused before any is stored
    try:
        with stored_files() as names, transaction.atomic():
            locked = WorklistItem.objects.select_for_update().get(pk=item.pk)
            if locked.state not in RECORDABLE:
                raise ValidationError(_("Butir ini sudah dikirim atau disetujui; kunjungan baru tidak diterima."), code="closed")
            visit.item = locked
            visit.full_clean(validate_unique=False)  # the key's uniqueness is the database's (see below)
            visit.save()
            for group in (members, new_members, rooms, machines):
                for row in group:
                    row.visit = visit
            VisitMember.objects.bulk_create(members)
            VisitNewMember.objects.bulk_create(new_members)
            VisitRoom.objects.bulk_create(rooms)
            VisitMachine.objects.bulk_create(machines)
            exif = list(photo_exif) + [None] * len(photos)
            for position, (photo, (data, inspected)) in enumerate(zip(photos, checked)):
                evidence_store(
                    user=user, attach_to=visit, region_code=item.sentra.desa_id, upload=photo, data=data, inspected=inspected,
                    exif=exif[position] if isinstance(exif[position], dict) else None, position=position, names=names,
                )
            Transition.objects.create(item=locked, visit=visit, from_state=locked.state, to_state=ItemState.VISITED, user=user)
            WorklistItem.objects.filter(pk=locked.pk).update(state=ItemState.VISITED, current_visit=visit, found_status=visit.found_status, updated_at=timezone.now())
            round_changed(item.round_id)
    except IntegrityError:
        # The same key arrived twice at once: the other request stored it first.
        stored = existing_visit(user=user, key=key, item_id=item_id)
        if stored is None:
            raise
        return stored, False
    return visit, True
