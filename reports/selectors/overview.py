"""National/regional overview: sentra by status and by year, IKM units, workers and production value."""

from datetime import datetime, time

from django.db.models import Count, OuterRef, Subquery
from django.utils import timezone

from sentra.filtersets import SentraFilterSet
from sentra.models import Sentra, SentraStatus
from sentra.selectors import sentra_list

from .aggregates import aggregate
from .params import as_pairs, without
from .regions import region_names

STATUS_YEARS = 6


def overview(*, user, drill, params):
    level = drill.child_level
    sentra_params = params
    ikm_params = without(params, "status", "year")  # an IKM unit has no status; year is for DAK/impact
    sentra_rows = aggregate(user=user, resource="sentra", group_by=("region", "status"), level=level, params=sentra_params)
    ikm_rows = aggregate(user=user, resource="ikm", group_by=("region",), level=level, params=ikm_params)
    by_region = {}
    for row in sentra_rows:
        entry = by_region.setdefault(row["region"], _empty_region_row(row["region"]))
        entry["sentra"][row["status"]] = row["count"]
        entry["sentra_total"] += row["count"]
    for row in ikm_rows:
        entry = by_region.setdefault(row["region"], _empty_region_row(row["region"]))
        entry.update({key: row[key] for key in ("count", "workers_male", "workers_female", "workers_total", "production_value")})
    names = region_names(by_region)
    regions = sorted(by_region.values(), key=lambda entry: entry["code"])
    for entry in regions:
        entry["name"] = names.get(entry["code"], entry["code"])
    totals = _empty_region_row("")
    for entry in regions:
        totals["sentra_total"] += entry["sentra_total"]
        for status, count in entry["sentra"].items():
            totals["sentra"][status] += count
        for key in ("count", "workers_male", "workers_female", "workers_total", "production_value"):
            totals[key] += entry[key]
    by_group = aggregate(user=user, resource="ikm", group_by=("commodity_group",), params=ikm_params)
    by_priority = aggregate(
        user=user, resource="ikm", group_by=("commodity",), params=_with(ikm_params, "priority", "true")
    )
    _name_commodities(by_group, by_priority)
    return {
        "level": level,
        "regions": regions,
        "totals": totals,
        "statuses": SentraStatus.choices,
        "status_by_year": sentra_status_by_year(user=user, params=without(sentra_params, "status", "year")),
        "by_group": by_group,
        "by_priority": by_priority,
    }


def _with(params, name, value):
    copy = params.copy()
    copy[name] = value
    return copy


def _empty_region_row(code):
    return {
        "code": code,
        "sentra": {status: 0 for status in SentraStatus.values},
        "sentra_total": 0,
        "count": 0,
        "workers_male": 0,
        "workers_female": 0,
        "workers_total": 0,
        "production_value": 0,
    }


def _name_commodities(by_group, by_priority):
    from commodities.models import Commodity, CommodityGroup

    groups = dict(CommodityGroup.objects.values_list("code", "name"))
    commodities = dict(Commodity.objects.values_list("code", "name"))
    for row in by_group:
        row["name"] = groups.get(row["commodity_group"], row["commodity_group"])
    for row in by_priority:
        row["name"] = commodities.get(row["commodity"], row["commodity"])


def sentra_status_by_year(*, user, params, years=STATUS_YEARS):
    """Sentra per status at the end of each of the last `years` years, read from the audit history.

    The registry keeps every change of a sentra (django-simple-history), so the status a sentra had on
    31 December of a year is its latest historical row up to then; a sentra deleted by then, or not yet
    recorded, does not count. Yearly figures carry no status, so they cannot answer this.
    One query per year: the count of queries does not grow with the number of sentra.
    """
    history = Sentra.history.model
    base = SentraFilterSet(data=params, queryset=sentra_list(user=user, include_deleted=True)).qs
    if base.query.distinct:
        base = Sentra.all_objects.filter(pk__in=base.values("pk"))
    base = base.order_by().prefetch_related(None).select_related(None)
    this_year = timezone.localdate().year
    result = []
    for year in range(this_year - years + 1, this_year + 1):
        year_end = timezone.make_aware(datetime.combine(datetime(year, 12, 31), time.max))
        latest = history.objects.filter(id=OuterRef("pk"), history_date__lte=year_end).order_by("-history_date", "-history_id")
        counts = (
            base.annotate(
                past_status=Subquery(latest.values("status")[:1]),
                past_deleted=Subquery(latest.values("deleted_at")[:1]),
                past_type=Subquery(latest.values("history_type")[:1]),
            )
            .filter(past_status__isnull=False, past_deleted__isnull=True)
            .exclude(past_type="-")
            .values("past_status")
            .annotate(n=Count("id"))
        )
        row = {"year": year, **{status: 0 for status in SentraStatus.values}}
        for item in counts:
            row[item["past_status"]] = item["n"]
        row["total"] = sum(row[status] for status in SentraStatus.values)
        result.append(row)
    return result


__all__ = ["overview", "sentra_status_by_year", "as_pairs"]
