"""Facility utilisation: rooms total / occupied / actively used and machines by condition.

Occupied means state `terisi` or `aktif` (someone holds the room); actively used means `aktif`. The
sentra listed first are those whose rooms mostly stand empty or are held without production: the
"20 rooms, 18 occupied, 4 used" pattern at Mali, Kab. Alor.
"""

from django.db.models import Count, F, FloatField, Q, Sum
from django.db.models.functions import Cast, Substr

from facilities.filtersets import RoomFilterSet
from facilities.models import MachineCondition, RoomState
from facilities.selectors import room_list

from .aggregates import CODE_LENGTH, aggregate
from .params import without
from .regions import region_names

WORST_SENTRA_SHOWN = 50


def _room_counts():
    return {
        "rooms": Count("id"),
        "occupied": Count("id", filter=Q(state__in=[RoomState.TERISI, RoomState.AKTIF])),
        "active": Count("id", filter=Q(state=RoomState.AKTIF)),
        "empty": Count("id", filter=Q(state=RoomState.KOSONG)),
    }


def _derive(row):
    row["idle_occupied"] = row["occupied"] - row["active"]
    row["active_percent"] = round(row["active"] * 100 / row["rooms"], 1) if row["rooms"] else None
    return row


def room_queryset(*, user, params):
    queryset = RoomFilterSet(data=params, queryset=room_list(user=user)).qs
    return queryset.order_by().select_related(None)


def utilisation_by_sentra(*, user, params, limit=WORST_SENTRA_SHOWN):
    """Per sentra with rooms, the least actively used first (share of rooms in production, then size)."""
    rows = (
        room_queryset(user=user, params=params)
        .values("sentra_id", "sentra__code", "sentra__name", "sentra__status", "sentra__desa_id")
        .annotate(**_room_counts())
        .annotate(active_share=Cast(F("active"), FloatField()) / Cast(F("rooms"), FloatField()))
        .order_by("active_share", "-rooms", "sentra__code")
    )
    if limit:
        rows = rows[:limit]
    return [_derive(dict(row)) for row in rows]


def facilities(*, user, drill, params):
    level = drill.child_level
    room_params = without(params, "status", "year", "commodity", "commodity_group", "priority")
    room_params = _room_filters(room_params)
    by_region = list(
        room_queryset(user=user, params=room_params)
        .annotate(g_region=Substr("sentra__desa_id", 1, CODE_LENGTH[level]))
        .values("g_region")
        .annotate(**_room_counts())
        .order_by("g_region")
    )
    machines = aggregate(
        user=user, resource="machines", group_by=("region", "condition"), level=level, params=room_params, metrics=("count", "quantity")
    )
    names = region_names(row["g_region"] for row in by_region)
    names.update(region_names(row["region"] for row in machines))
    regions = {}
    for row in by_region:
        code = row.pop("g_region")
        regions[code] = _derive({"code": code, **row, "machines": {c: 0 for c in MachineCondition.values}})
    for row in machines:
        entry = regions.setdefault(
            row["region"],
            _derive({"code": row["region"], "rooms": 0, "occupied": 0, "active": 0, "empty": 0, "machines": {c: 0 for c in MachineCondition.values}}),
        )
        entry["machines"][row["condition"]] += row["quantity"]
    ordered = sorted(regions.values(), key=lambda entry: entry["code"])
    for entry in ordered:
        entry["name"] = names.get(entry["code"], entry["code"])
        entry["machines_total"] = sum(entry["machines"].values())
    totals = {"rooms": 0, "occupied": 0, "active": 0, "empty": 0, "machines": {c: 0 for c in MachineCondition.values}}
    for entry in ordered:
        for key in ("rooms", "occupied", "active", "empty"):
            totals[key] += entry[key]
        for condition, quantity in entry["machines"].items():
            totals["machines"][condition] += quantity
    totals["machines_total"] = sum(totals["machines"].values())
    return {
        "level": level,
        "regions": ordered,
        "totals": _derive(totals),
        "worst": utilisation_by_sentra(user=user, params=room_params),
        "conditions": MachineCondition.choices,
    }


def _room_filters(params):
    # The rooms list filters on `region`, `sentra` and `state`; only region applies to a roll-up of every state.
    copy = params.copy()
    copy.pop("state", None)
    return copy
