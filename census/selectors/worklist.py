"""Reads of rounds, worklist items and visits, always through accounts.scope."""

from django.db.models import Exists, OuterRef, Prefetch, Q
from django.utils import timezone

from accounts.scope import NATIONAL, region_q, scope_code, scope_queryset
from evidence.selectors import evidence_by_object
from facilities.models import Machine, Room
from ikm.models import SentraMembership
from regions.models import kabupaten_of
from web.display import choice_label, field_label, format_value

from ..models import Decision, ItemState, Round, Transition, Visit, VisitMachine, VisitMember, VisitRoom, WorklistItem
from ..permissions import can_record_in_kabupaten


def round_list(*, user):
    """Rounds the user takes part in: national rounds, and rounds covering the user's province."""
    code = scope_code(user)
    if code is None:
        return Round.objects.none()
    rounds = Round.objects.all()
    if code == NATIONAL:
        return rounds
    through = Round.provinces.through
    covers = through.objects.filter(round_id=OuterRef("pk"))
    return rounds.filter(~Exists(covers) | Exists(covers.filter(region_id=code.split(".")[0])))


def round_get(*, user, pk):
    return round_list(user=user).get(pk=pk)


def item_list(*, user, round=None):
    items = scope_queryset(WorklistItem.objects.all(), user)
    if round is not None:
        items = items.filter(round=round)
    return items.select_related("round", "sentra", "kabupaten", "province", "current_visit__officer")


def item_get(*, user, pk):
    return item_list(user=user).get(pk=pk)


def visit_list(*, user):
    return scope_queryset(Visit.objects.all(), user).select_related(
        "item__round", "item__sentra", "item__kabupaten", "officer", "merged_into"
    ).prefetch_related(
        Prefetch("members", queryset=VisitMember.objects.select_related("membership__ikm")),
        "new_members",
        Prefetch("rooms", queryset=VisitRoom.objects.select_related("room", "occupant")),
        Prefetch("machines", queryset=VisitMachine.objects.select_related("machine__equipment_type")),
    )


def visit_get(*, user, pk):
    return visit_list(user=user).get(pk=pk)


def item_detail(*, user, item):
    """Everything a reviewer or the officer sees about one worklist item: visits with photos, transitions."""
    visits = list(visit_list(user=user).filter(item=item))
    photos = evidence_by_object(user=user, model=Visit, object_ids=[visit.pk for visit in visits])
    for visit in visits:
        visit.photos = photos.get(str(visit.pk), [])
    transitions = list(item.transitions.select_related("user", "visit"))
    current = next((visit for visit in visits if visit.pk == item.current_visit_id), None)
    return {
        "visits": visits,
        "current": current,
        "transitions": transitions,
        "conflicts": visit_conflicts(current) if current is not None and item.state == ItemState.SUBMITTED else [],
        "return_comment": last_return_comment(item, transitions),
    }


def drill_q(drill_code):
    """Items inside the drill-down region: the copied kabupaten column down to kabupaten level; below it (a
    kecamatan officer's own dashboard, a kecamatan row) the sentra's desa, as the scope itself does."""
    return region_q(drill_code, "kabupaten" if drill_code.count(".") <= 1 else WorklistItem.REGION_PATH)


def returned_items(*, user, round=None, region="", limit=20):
    """Items of the user's scope the province returned for correction, oldest return first (the longest
    waiting), each with the return's comment, reviewer and time; and how many there are in all."""
    items = item_list(user=user, round=round).filter(state=ItemState.RETURNED)
    if region:
        items = items.filter(drill_q(region))
    total = items.count()
    if not total:
        return {"items": [], "total": 0}
    chosen = list(items.order_by("updated_at", "pk")[:limit])
    returns = {}
    for transition in (
        Transition.objects.filter(item__in=[item.pk for item in chosen], decision=Decision.RETURN)
        .select_related("user").order_by("at", "id")
    ):
        returns[transition.item_id] = transition  # the latest return wins
    for item in chosen:
        item.last_return = returns.get(item.pk)
    return {"items": chosen, "total": total}


def last_return_comment(item, transitions=None):
    transitions = transitions if transitions is not None else list(item.transitions.all())
    if item.state != ItemState.RETURNED:
        return ""
    returns = [t for t in transitions if t.decision == Decision.RETURN]
    return returns[-1].comment if returns else ""


# --- conflicts -------------------------------------------------------------------------------------------

def _changes(instance, base_version):
    """Field changes between the version the phone showed and now, from the record's history."""
    history = instance.history
    seen = history.filter(version=base_version).order_by("-history_date", "-history_id").first()
    now = history.order_by("-history_date", "-history_id").first()
    if seen is None or now is None:
        return []
    model = type(instance)
    delta = now.diff_against(seen, excluded_fields=["version"])
    return [
        {
            "field": field_label(model, change.field),
            "old": format_value(choice_label(model, change.field, change.old), change.field),
            "new": format_value(choice_label(model, change.field, change.new), change.field),
        }
        for change in delta.changes
    ]


def visit_conflicts(visit):
    """Records this visit would change that someone changed after the worklist was downloaded.

    Never merged silently: the reviewer sees each one (what changed meanwhile) and decides.
    """
    if visit is None:
        return []
    base = visit.base_versions or {}
    conflicts = []

    def check(instance, base_version, label):
        if base_version is None or instance is None:
            return
        try:
            base_version = int(base_version)
        except (TypeError, ValueError):
            return
        if instance.version != base_version:
            conflicts.append({"label": label, "base": base_version, "current": instance.version, "changes": _changes(instance, base_version)})

    item = visit.item
    sentra = type(item.sentra).all_objects.get(pk=item.sentra_id)
    check(sentra, base.get("sentra", item.sentra_version), str(sentra))
    rooms = {room.pk: room for room in Room.objects.filter(pk__in=[r.room_id for r in visit.rooms.all()])}
    for visit_room in visit.rooms.all():
        room = rooms.get(visit_room.room_id)
        check(room, (base.get("rooms") or {}).get(str(visit_room.room_id)), f"{field_label(Room, 'name')}: {room.name if room else ''}")
    machines = {m.pk: m for m in Machine.objects.select_related("equipment_type").filter(pk__in=[m.machine_id for m in visit.machines.all()])}
    for visit_machine in visit.machines.all():
        machine = machines.get(visit_machine.machine_id)
        check(machine, (base.get("machines") or {}).get(str(visit_machine.machine_id)), str(machine) if machine else "")
    memberships = {m.pk: m for m in SentraMembership.objects.select_related("ikm").filter(pk__in=[m.membership_id for m in visit.members.all()])}
    for visit_member in visit.members.all():
        membership = memberships.get(visit_member.membership_id)
        check(membership, (base.get("memberships") or {}).get(str(visit_member.membership_id)), membership.ikm.name if membership else "")
    return conflicts


# --- the phone's worklist ---------------------------------------------------------------------------------

def worklist_items_for_phone(*, user, kabupaten=None):
    """Items the user may record visits for, in rounds that have started."""
    code = scope_code(user)
    if code is None:
        return WorklistItem.objects.none()
    if kabupaten is None:
        if code == NATIONAL or code.count(".") < 1:
            return WorklistItem.objects.none()  # administrators name a kabupaten; a national worklist is no phone's
        kabupaten = kabupaten_of(code)
    if not can_record_in_kabupaten(user, kabupaten):
        return WorklistItem.objects.none()
    today = timezone.localdate()
    return (
        item_list(user=user).filter(kabupaten_id=kabupaten, round__start_date__lte=today)
        .select_related("sentra__desa").order_by("round_id", "sentra__name", "pk")
    )


def worklist_payload(*, user, kabupaten=None):
    """The officer's worklist as the phone stores it (IndexedDB): each sentra with the members, rooms and
    machines to verify and the version of every record, so a later change can be told apart."""
    items = list(worklist_items_for_phone(user=user, kabupaten=kabupaten))
    sentra_ids = [item.sentra_id for item in items]
    members, rooms, machines = {}, {}, {}
    for membership in SentraMembership.objects.filter(sentra_id__in=sentra_ids, left_on__isnull=True).select_related("ikm").order_by("ikm__name", "pk"):
        members.setdefault(membership.sentra_id, []).append(
            {"membership": membership.pk, "ikm": membership.ikm_id, "name": membership.ikm.name, "version": membership.version}
        )
    for room in Room.objects.filter(sentra_id__in=sentra_ids).select_related("occupant").order_by("name", "pk"):
        rooms.setdefault(room.sentra_id, []).append({
            "id": room.pk, "name": room.name, "state": room.state, "occupant": room.occupant_id,
            "occupant_name": room.occupant.name if room.occupant else "", "version": room.version,
        })
    for machine in Machine.objects.filter(sentra_id__in=sentra_ids).select_related("equipment_type").order_by("equipment_type__name", "pk"):
        machines.setdefault(machine.sentra_id, []).append({
            "id": machine.pk, "type": machine.equipment_type.name, "description": machine.description,
            "quantity": machine.quantity, "condition": machine.condition, "version": machine.version,
        })
    returned = {}
    for transition in (
        Transition.objects.filter(item__in=[i.pk for i in items if i.state == ItemState.RETURNED], decision=Decision.RETURN)
        .order_by("at", "id")
    ):
        returned[transition.item_id] = transition.comment
    result = []
    for item in items:
        sentra, round_ = item.sentra, item.round
        result.append({
            "item": item.pk,
            "state": item.state,
            "state_label": str(item.get_state_display()),
            "return_comment": returned.get(item.pk, ""),
            "round": {"id": round_.pk, "name": round_.name, "deadline": round_.deadline.isoformat(), "start": round_.start_date.isoformat(),
                      "verify": {"status": round_.verify_status, "members": round_.verify_members, "rooms": round_.verify_rooms, "machines": round_.verify_machines}},
            "sentra": {
                "id": sentra.pk, "code": sentra.code, "name": sentra.name, "desa": sentra.desa.name, "address": sentra.address,
                "status": sentra.status, "version": sentra.version,
                "latitude": str(sentra.latitude) if sentra.latitude is not None else None,
                "longitude": str(sentra.longitude) if sentra.longitude is not None else None,
            },
            "members": members.get(sentra.pk, []),
            "rooms": rooms.get(sentra.pk, []),
            "machines": machines.get(sentra.pk, []),
        })
    return result
