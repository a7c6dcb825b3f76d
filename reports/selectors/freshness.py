"""Data freshness: the share of sentra and IKM units verified within the last 12 months and not changed since
(core.verification), per region."""

from django.db.models import Count, Max
from django.db.models.functions import Substr

from core.verification import verification_cutoff, verified_q
from ikm.filtersets import IkmUnitFilterSet
from ikm.selectors import ikm_list
from sentra.filtersets import SentraFilterSet
from sentra.selectors import sentra_list

from .aggregates import CODE_LENGTH
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
    ikm_qs = IkmUnitFilterSet(data=ikm_params, queryset=ikm_list(user=user)).qs
    sentra = _counts(sentra_qs, level, cutoff)
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
            row[f"{prefix}_last"] = item["last"]
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


def _percent(part, whole):
    return round(part * 100 / whole, 1) if whole else 0.0
