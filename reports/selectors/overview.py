"""National/regional overview: sentra by status and by year, IKM units, workers and production value."""

from datetime import datetime, time

from django.utils import timezone

from commodities.models import Commodity, CommodityGroup
from sentra.filtersets import SentraFilterSet
from sentra.models import Sentra, SentraStatus
from sentra.selectors import sentra_list

from .aggregates import aggregate
from .params import as_pairs, without
from .regions import region_names
from .rollup import ikm_cells_from_rollup, rollup_applies

STATUS_YEARS = 6
IKM_METRICS = ("count", "workers_male", "workers_female", "workers_total", "production_value", "sales")


def overview(*, user, drill, params):
    level = drill.child_level
    sentra_params = params
    ikm_params = without(params, "status", "year")  # an IKM unit has no status; year is for DAK/impact
    sentra_rows = aggregate(user=user, resource="sentra", group_by=("region", "status"), level=level, params=sentra_params)
    # One scan of the IKM table, by region and commodity; the commodity-group and priority tables are
    # roll-ups of it in Python (a few thousand rows at most), not two more scans of a million units.
    # Above a kabupaten/kota the trigger-maintained rollup answers without touching the units at all.
    if rollup_applies(level=level, params=ikm_params):
        ikm_cells = ikm_cells_from_rollup(user=user, level=level, params=ikm_params)
    else:
        ikm_cells = aggregate(
            user=user, resource="ikm", group_by=("region", "commodity"), level=level, params=ikm_params, metrics=IKM_METRICS
        )
    ikm_rows = _roll_up(ikm_cells, lambda row: row["region"], "region")
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
    commodities = {code: (name, group_code, is_priority) for code, name, group_code, is_priority in
                   Commodity.objects.values_list("code", "name", "group__code", "is_priority")}
    groups = dict(CommodityGroup.objects.values_list("code", "name"))
    group_order = list(groups)
    by_group = _roll_up(ikm_cells, lambda row: commodities.get(row["commodity"], ("", "", False))[1], "commodity_group")
    by_group.sort(key=lambda row: group_order.index(row["commodity_group"]) if row["commodity_group"] in group_order else 999)
    for row in by_group:
        row["name"] = groups.get(row["commodity_group"], row["commodity_group"])
    priority_cells = [row for row in ikm_cells if commodities.get(row["commodity"], ("", "", False))[2]]
    by_priority = _roll_up(priority_cells, lambda row: row["commodity"], "commodity")
    for row in by_priority:
        row["name"] = commodities[row["commodity"]][0]
    by_priority.sort(key=lambda row: row["name"])
    return {
        "level": level,
        "regions": regions,
        "totals": totals,
        "statuses": SentraStatus.choices,
        "status_by_year": sentra_status_by_year(user=user, params=without(sentra_params, "status", "year")),
        "by_group": by_group,
        "by_priority": by_priority,
    }


def _roll_up(cells, key, name):
    """Sum the metric columns of `cells` by `key(row)`, as rows {name: key, metric: total}."""
    totals = {}
    for row in cells:
        entry = totals.setdefault(key(row), {name: key(row), **{metric: 0 for metric in IKM_METRICS}})
        for metric in IKM_METRICS:
            entry[metric] += row[metric]
    return [totals[k] for k in sorted(totals, key=str)]


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


def sentra_status_by_year(*, user, params, years=STATUS_YEARS):
    """Sentra per status at the end of each of the last `years` years (the rule is stated on the dashboard).

    1. From its first record in the registry on, a sentra counts with the last status its audit history
       (django-simple-history) holds up to 31 December of the year: a change to "tutup" is its closing date.
       A sentra deleted by then does not count.
    2. Before its first record, a sentra counts from its founding year (where known) with the first status
       recorded for it: sentra are mostly entered years after they were founded (Moramam 2008, entered
       2026), and leaving them out made every year before the data entry look empty. A sentra first
       recorded as "tutup" is not counted before its record, since when it closed is unknown.
    3. Without a founding year a sentra counts from its first record only.
    One query over the history rows of the visible sentra (a few per sentra, never per IKM unit), walked
    once in date order: cheaper than one correlated lookup per sentra and year.
    """
    history = Sentra.history.model
    base = SentraFilterSet(data=params, queryset=sentra_list(user=user, include_deleted=True)).qs
    base = base.order_by().prefetch_related(None).select_related(None)
    this_year = timezone.localdate().year
    year_list = list(range(this_year - years + 1, this_year + 1))
    ends = [timezone.make_aware(datetime.combine(datetime(year, 12, 31), time.max)) for year in year_list]
    counts = {year: {status: 0 for status in SentraStatus.values} for year in year_list}
    rows = (
        history.objects.filter(id__in=base.values("pk"), history_date__lte=ends[-1])
        .order_by("id", "history_date", "history_id")
        .values_list("id", "history_date", "status", "deleted_at", "history_type", "founding_year")
    )

    def close(sentra):
        for index, year in enumerate(year_list):
            state = sentra["states"][index]
            if not sentra["recorded"][index]:
                founded, first = sentra["founding_year"], sentra["first"]
                state = first if founded is not None and founded <= year and first != SentraStatus.TUTUP else None
            if state is not None:
                counts[year][state] = counts[year].get(state, 0) + 1

    sentra = None
    for sentra_id, when, status, deleted_at, kind, founding_year in rows.iterator(chunk_size=5000):
        alive = status if deleted_at is None and kind != "-" else None
        if sentra is None or sentra_id != sentra["id"]:
            if sentra is not None:
                close(sentra)
            sentra = {"id": sentra_id, "first": alive, "states": [None] * len(year_list), "recorded": [False] * len(year_list)}
        sentra["founding_year"] = founding_year  # the latest row's value: the founding year as known today
        for index, end in enumerate(ends):
            if when <= end:
                sentra["states"][index] = alive
                sentra["recorded"][index] = True
    if sentra is not None:
        close(sentra)
    result = []
    for year in year_list:
        row = {"year": year, **counts[year]}
        row["total"] = sum(counts[year].values())
        result.append(row)
    return result


__all__ = ["overview", "sentra_status_by_year", "as_pairs"]
