"""Data freshness: the share of sentra and IKM units verified within the last 12 months and not changed since
(core.verification), per region."""

from datetime import UTC, timedelta

from django.db.models import Count, F, Max, Q, Sum
from django.db.models.functions import Substr

from accounts.scope import NATIONAL, region_q, scope_code, scope_queryset
from core.verification import verification_cutoff, verified_q
from ikm.filtersets import IkmUnitFilterSet
from ikm.selectors import ikm_list
from sentra.filtersets import SentraFilterSet
from sentra.selectors import sentra_list

from .aggregates import CODE_LENGTH
from ..models import FreshnessRollup
from .params import without
from .regions import region_names

OVERDUE_SHOWN = 10


def _counts(queryset, level, cutoff):
    rows = (
        queryset.order_by()
        .prefetch_related(None)
        .select_related(None)
        .annotate(g_region=Substr("desa_id", 1, CODE_LENGTH[level]))
        .values("g_region")
        .annotate(total=Count("id"), fresh=Count("id", filter=verified_q()), last=Max("last_verified_at"))
    )
    return {row["g_region"]: row for row in rows}


def freshness(*, user, drill, params):
    level = drill.child_level
    cutoff = verification_cutoff()
    sentra_qs = SentraFilterSet(data=without(params, "year", "verified"), queryset=sentra_list(user=user)).qs
    if sentra_qs.query.distinct:
        sentra_qs = sentra_list(user=user).filter(pk__in=sentra_qs.values("pk"))
    ikm_params = without(params, "year", "status", "verified")
    ikm_filterset = IkmUnitFilterSet(data=ikm_params, queryset=ikm_list(user=user))
    ikm_qs = ikm_filterset.qs
    sentra = _counts(sentra_qs, level, cutoff)
    if _rollup_applies(user, level, ikm_params, ikm_filterset):
        ikm = _counts_from_rollup(user, level, cutoff, ikm_filterset.form.cleaned_data.get("region"), ikm_qs)
    else:
        ikm = _counts(ikm_qs, level, cutoff)
    names = region_names(set(sentra) | set(ikm))
    regions = []
    for code in sorted(set(sentra) | set(ikm)):
        row = {"code": code, "name": names.get(code, code)}
        for prefix, counts in (("sentra", sentra), ("ikm", ikm)):
            item = counts.get(code, {"total": 0, "fresh": 0, "last": None})
            row[f"{prefix}_total"], row[f"{prefix}_fresh"] = item["total"], item["fresh"]
            row[f"{prefix}_stale"] = item["total"] - item["fresh"]
            row[f"{prefix}_percent"] = _percent(item["fresh"], item["total"])
            if prefix == "sentra":  # units' last verification is not shown (and not kept by the roll-up)
                row["sentra_last"] = item["last"]
        row["records"] = row["sentra_total"] + row["ikm_total"]
        row["stale"] = row["sentra_stale"] + row["ikm_stale"]
        row["percent"] = _percent(row["records"] - row["stale"], row["records"])
        regions.append(row)
    totals = {key: sum(row[key] for row in regions) for key in ("sentra_total", "sentra_fresh", "ikm_total", "ikm_fresh", "records", "stale")}
    totals["sentra_percent"] = _percent(totals["sentra_fresh"], totals["sentra_total"])
    totals["ikm_percent"] = _percent(totals["ikm_fresh"], totals["ikm_total"])
    totals["percent"] = _percent(totals["records"] - totals["stale"], totals["records"])
    overdue = sorted((row for row in regions if row["stale"]), key=lambda row: (row["percent"], -row["stale"], row["code"]))
    return {"level": level, "regions": regions, "totals": totals, "overdue": overdue[:OVERDUE_SHOWN], "cutoff": cutoff}


def _rollup_applies(user, level, params, filterset):
    """Provinces or kabupaten/kota as rows, no filter but the region, a scope no smaller than a kabupaten/kota:
    what reports_freshnessrollup (keyed by kabupaten/kota) can answer."""
    scope = scope_code(user)
    return (
        level <= 2 and scope is not None and (scope == NATIONAL or len(scope) <= 5)
        and not {name for name, value in params.items() if value} - {"region"} and filterset.is_valid()
    )


def _counts_from_rollup(user, level, cutoff, region, units):
    """`_counts` from the roll-up: every month after the cutoff's month whole, the cutoff's month from the units
    verified in it (ikm_last_verified index); `last` is not kept there (no page shows it for units)."""
    cutoff_month = cutoff.astimezone(UTC).replace(day=1, hour=0, minute=0, second=0, microsecond=0)
    next_month = (cutoff_month + timedelta(days=32)).replace(day=1)
    rollup = scope_queryset(FreshnessRollup.objects.all(), user)
    if region:
        rollup = rollup.filter(region_q(region, "kabupaten_kota"))
    length = CODE_LENGTH[level]
    rows = (
        rollup.annotate(g_region=Substr("kabupaten_kota_id", 1, length))
        .values("g_region")
        .annotate(total=Sum("units"), fresh=Sum("units", filter=Q(current=True, month__gte=next_month.date())))
    )
    counts = {row["g_region"]: {"total": row["total"], "fresh": row["fresh"] or 0, "last": None} for row in rows if row["total"]}
    boundary = (
        units.order_by().prefetch_related(None).select_related(None)
        .filter(last_verified_at__gte=cutoff, last_verified_at__lt=next_month)
        .filter(last_verified_at__gte=F("updated_at"))
        .annotate(g_region=Substr("desa_id", 1, length)).values("g_region").annotate(fresh=Count("id"))
    )
    for row in boundary:
        if row["g_region"] in counts:
            counts[row["g_region"]]["fresh"] += row["fresh"]
    return counts


def _percent(part, whole):
    return round(part * 100 / whole, 1) if whole else 0.0
