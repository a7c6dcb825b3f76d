"""The round dashboard: completion per province and kabupaten against the deadline, and the national answer
(sentra alive / inactive / closed as verified in this round, by region and commodity, beside those not yet
verified), and the DAK-built rooms found actively used. Counted in SQL over the worklist items (one row per
sentra: 11,000 at national scale), grouped by kabupaten and rolled up to provinces in Python."""

from django.db.models import Count, OuterRef, Q, Subquery
from django.db.models.functions import Substr
from django.utils import timezone

from accounts.scope import scope_queryset
from facilities.models import Room, RoomState
from reports.selectors.cache import cached
from reports.selectors.regions import region_names
from sentra.models import SentraCommodity

from ..models import ANSWER, FoundStatus, ItemState, VisitRoom, WorklistItem
from ..services.signals import round_generation
from .worklist import drill_q

DONE = (ItemState.SUBMITTED, ItemState.APPROVED)
COUNTS = ("total", "open", "visited", "submitted", "returned", "pending", "approved", "alive", "inactive", "closed")


def _counts():
    approved = Q(state=ItemState.APPROVED)
    counts = {
        "total": Count("id"),
        "open": Count("id", filter=Q(state=ItemState.OPEN)),
        "visited": Count("id", filter=~Q(state=ItemState.OPEN)),
        "submitted": Count("id", filter=Q(state__in=DONE)),
        "returned": Count("id", filter=Q(state=ItemState.RETURNED)),
        # Never sent for review (a returned item was sent once: its correction is the province's request).
        "pending": Count("id", filter=Q(state__in=[ItemState.OPEN, ItemState.VISITED])),
        "approved": Count("id", filter=approved),
    }
    for answer, statuses in ANSWER.items():
        counts[answer] = Count("id", filter=approved & Q(found_status__in=statuses))
    return counts


def _derive(row, overdue_possible):
    row["not_verified"] = row["total"] - row["approved"]
    row["rate"] = round(row["approved"] * 100 / row["total"], 1) if row["total"] else None
    row["overdue"] = overdue_possible and row["pending"] > 0
    return row


def scoped_items(*, user, round, drill_code=""):
    items = scope_queryset(WorklistItem.objects.filter(round=round), user)
    if drill_code:
        items = items.filter(drill_q(drill_code))
    return items.order_by()


def completion(*, user, round, drill):
    """Rows per province (national view) or kabupaten (province view) and the totals; kabupaten rows say
    whether they are overdue (deadline passed with items never sent for review), province rows how many are."""
    overdue_possible = timezone.localdate() > round.deadline
    per_kabupaten = [
        _derive(dict(row), overdue_possible)
        for row in scoped_items(user=user, round=round, drill_code=drill.code).values("kabupaten_id", "province_id").annotate(**_counts())
    ]
    if drill.child_level == 1:
        grouped = {}
        for row in per_kabupaten:
            target = grouped.setdefault(row["province_id"], {"code": row["province_id"], **{name: 0 for name in COUNTS}, "overdue_kabupaten": 0})
            for name in COUNTS:
                target[name] += row[name]
            target["overdue_kabupaten"] += 1 if row["overdue"] else 0
        rows = [_derive(row, overdue_possible) for row in grouped.values()]
    else:
        rows = [{**row, "code": row["kabupaten_id"], "overdue_kabupaten": 1 if row["overdue"] else 0} for row in per_kabupaten]
    names = region_names(row["code"] for row in rows)
    for row in rows:
        row["name"] = names.get(row["code"], row["code"])
    rows.sort(key=lambda row: row["code"])
    totals = {name: sum(row[name] for row in rows) for name in COUNTS}
    totals = _derive(totals, overdue_possible)
    totals["overdue_kabupaten"] = sum(1 for row in per_kabupaten if row["overdue"])
    return {"rows": rows, "totals": totals, "overdue_possible": overdue_possible}


def answer(*, user, round, drill):
    """Approved findings by status found, per primary commodity (with the count not yet verified)."""
    primary = SentraCommodity.objects.filter(sentra_id=OuterRef("sentra_id"), is_primary=True).values("commodity__name")[:1]
    counts = _counts()
    rows = (
        scoped_items(user=user, round=round, drill_code=drill.code)
        .annotate(commodity=Subquery(primary)).values("commodity").annotate(**{k: counts[k] for k in ("total", "approved", "alive", "inactive", "closed")})
    )
    result = []
    for row in rows:
        row = dict(row)
        row["commodity"] = row["commodity"] or ""
        row["not_verified"] = row["total"] - row["approved"]
        result.append(row)
    result.sort(key=lambda row: (-row["total"], row["commodity"]))
    statuses = (
        scoped_items(user=user, round=round, drill_code=drill.code).filter(state=ItemState.APPROVED)
        .values("found_status").annotate(n=Count("id"))
    )
    by_status = {value: 0 for value in FoundStatus.values}
    for row in statuses:
        by_status[row["found_status"]] = row["n"]
    return {"by_commodity": result, "by_status": [(value, label, by_status[value]) for value, label in FoundStatus.choices]}


def dak_rooms(*, user, round, drill):
    """Rooms paid for by DAK in the round's sentra: how many were verified in approved visits, how many of
    those were found actively used, per region row of the dashboard."""
    items = scoped_items(user=user, round=round, drill_code=drill.code)
    approved_visits = items.filter(state=ItemState.APPROVED).values("current_visit_id")
    group = "province_id" if drill.child_level == 1 else "kabupaten_id"
    verified = (
        VisitRoom.objects.filter(visit_id__in=approved_visits, room__dak_activities__isnull=False)
        .values(f"visit__item__{group}").annotate(verified=Count("room_id", distinct=True),
                                                   active=Count("room_id", distinct=True, filter=Q(state=RoomState.AKTIF)))
    )
    registry = (
        Room.objects.filter(sentra_id__in=items.values("sentra_id"), dak_activities__isnull=False)
        .annotate(code=Substr("sentra__desa_id", 1, 2 if group == "province_id" else 5)).values("code")
        .annotate(rooms=Count("id", distinct=True))
    )
    rows = {}
    for row in registry:
        code = row["code"]
        rows[code] = {"code": code, "rooms": row["rooms"], "verified": 0, "active": 0}
    for row in verified:
        code = row[f"visit__item__{group}"]
        target = rows.setdefault(code, {"code": code, "rooms": 0, "verified": 0, "active": 0})
        target["verified"], target["active"] = row["verified"], row["active"]
    names = region_names(rows)
    result = sorted(({**row, "name": names.get(row["code"], row["code"])} for row in rows.values()), key=lambda row: row["code"])
    totals = {name: sum(row[name] for row in result) for name in ("rooms", "verified", "active")}
    return {"rows": result, "totals": totals}


def round_dashboard(*, user, round, drill):
    """All figures of the dashboard page, cached per scope, region and the round's latest change."""

    def build():
        return {
            "completion": completion(user=user, round=round, drill=drill),
            "answer": answer(user=user, round=round, drill=drill),
            "dak_rooms": dak_rooms(user=user, round=round, drill=drill),
        }

    pairs = [("region", drill.code), ("generation", round_generation(round.pk))]
    return cached(f"census-{round.pk}", user=user, pairs=pairs, build=build)
