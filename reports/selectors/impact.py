"""Impact of DAK funding: figures of sentra funded in year Y before (Y-1) and after (latest year > Y).

Beside them, comparable sentra that never received DAK and share the funded sentra's primary commodity,
measured over the same years, so growth everywhere is not mistaken for the effect of funding.
"""

import pandas as pd
from django.db.models import Exists, OuterRef

from accounts.scope import region_q
from funding.models import DakActivity
from funding.selectors import dak_activity_list
from ikm.selectors import yearly_figure_list
from sentra.models import SentraCommodity
from sentra.selectors import sentra_list

MEASURES = ("workers_total", "production_value", "production_volume", "sales")


def funded_years(*, user, region_code=""):
    queryset = dak_activity_list(user=user).filter(sentra__isnull=False)
    if region_code:
        queryset = queryset.filter(region_q(region_code, "allocation__kabupaten_kota"))
    return sorted(set(queryset.order_by().values_list("allocation__fiscal_year", flat=True)))


def impact(*, user, drill, params):
    years = funded_years(user=user, region_code=drill.code)
    year = params.get("year")
    year = int(year) if year and str(year).isdigit() else (years[-1] if years else None)
    result = {"year": year, "years": years, "funded": [], "comparison": [], "totals": None}
    if year is None:
        return result
    activities = dak_activity_list(user=user).filter(allocation__fiscal_year=year, sentra__isnull=False)
    if drill.code:
        activities = activities.filter(region_q(drill.code, "sentra__desa"))
    funded_ids = set(activities.order_by().values_list("sentra_id", flat=True))
    primary = dict(
        SentraCommodity.objects.filter(sentra_id__in=funded_ids, is_primary=True).values_list("sentra_id", "commodity_id")
    )
    comparable = sentra_list(user=user).filter(
        commodity_links__is_primary=True, commodity_links__commodity_id__in=set(primary.values())
    ).exclude(Exists(DakActivity.objects.filter(sentra_id=OuterRef("pk"))))
    if drill.code:
        comparable = comparable.filter(region_q(drill.code, "desa"))
    comparable_ids = set(comparable.order_by().values_list("id", flat=True))
    figures = pd.DataFrame.from_records(
        yearly_figure_list(user=user)
        .filter(sentra_id__in=funded_ids | comparable_ids, year__gte=year - 1)
        .order_by()
        .values("sentra_id", "year", *MEASURES, "volume_unit"),
        columns=["sentra_id", "year", *MEASURES, "volume_unit"],
    )
    before = _records(figures[figures["year"] == year - 1])
    later = figures[figures["year"] > year].sort_values("year")
    after = _records(later.groupby("sentra_id").tail(1))
    info = {
        row["id"]: row
        for row in sentra_list(user=user)
        .filter(id__in=funded_ids | comparable_ids)
        .order_by()
        .values("id", "code", "name", "status", "commodity_links__commodity__name", "commodity_links__is_primary")
        if row["commodity_links__is_primary"]
    }
    for sentra_id in sorted(funded_ids, key=lambda pk: info.get(pk, {}).get("code", "")):
        result["funded"].append(_pair(sentra_id, info, before, after))
    comparable_pairs = [_pair(pk, info, before, after) for pk in comparable_ids]
    result["comparison"] = _compare(result["funded"], comparable_pairs)
    result["totals"] = _totals(result["funded"])
    return result


def _records(frame):
    """{sentra_id: {column: value}} with plain Python values (numpy scalars and NaN do not survive JSON)."""
    out = {}
    for record in frame.to_dict("records"):
        clean = {}
        for column, value in record.items():
            if value is not None and not isinstance(value, str) and pd.isna(value):
                value = None
            elif hasattr(value, "item"):
                value = value.item()
            # Whole-number measures come back as floats once a column holds a gap; Rupiah and people are integers.
            if isinstance(value, float) and column != "production_volume":
                value = int(value)
            clean[column] = value
        out[clean["sentra_id"]] = clean
    return out


def _value(records, sentra_id, column):
    return records.get(sentra_id, {}).get(column)


def _pair(sentra_id, info, before, after):
    meta = info.get(sentra_id, {})
    row = {
        "sentra_id": sentra_id,
        "code": meta.get("code", ""),
        "name": meta.get("name", ""),
        "commodity": meta.get("commodity_links__commodity__name", ""),
        "before_year": _value(before, sentra_id, "year"),
        "after_year": _value(after, sentra_id, "year"),
        "volume_unit": _value(after, sentra_id, "volume_unit") or _value(before, sentra_id, "volume_unit") or "",
    }
    for measure in MEASURES:
        row[f"{measure}_before"] = _value(before, sentra_id, measure)
        row[f"{measure}_after"] = _value(after, sentra_id, measure)
    row["workers_change"] = _change(row["workers_total_before"], row["workers_total_after"])
    row["complete"] = row["before_year"] is not None and row["after_year"] is not None
    return row


def _change(before, after):
    if before in (None, 0) or after is None:
        return None
    return round((float(after) - float(before)) * 100 / float(before), 1)


def _sum(rows, key):
    values = [row[key] for row in rows if row[key] is not None]
    return sum(values) if values else None


def _totals(rows):
    complete = [row for row in rows if row["complete"]]
    totals = {"sentra": len(rows), "complete": len(complete)}
    for measure in ("workers_total", "production_value", "sales"):
        totals[f"{measure}_before"] = _sum(complete, f"{measure}_before")
        totals[f"{measure}_after"] = _sum(complete, f"{measure}_after")
        totals[f"{measure}_change"] = _change(totals[f"{measure}_before"], totals[f"{measure}_after"])
    return totals


def _compare(funded, comparable):
    """Per commodity: funded vs comparable unfunded sentra, counting only sentra with both years known."""
    out = []
    for commodity in sorted({row["commodity"] for row in funded}):
        groups = {
            "funded": [row for row in funded if row["commodity"] == commodity and row["complete"]],
            "unfunded": [row for row in comparable if row["commodity"] == commodity and row["complete"]],
        }
        entry = {"commodity": commodity}
        for name, rows in groups.items():
            entry[f"{name}_count"] = len(rows)
            for measure in ("workers_total", "production_value", "sales"):
                before, after = _sum(rows, f"{measure}_before"), _sum(rows, f"{measure}_after")
                entry[f"{name}_{measure}_change"] = _change(before, after)
        out.append(entry)
    return out
