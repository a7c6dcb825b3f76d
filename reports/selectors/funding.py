"""DAK Fisik Bidang IKM: pagu and realisation by year and recipient, activities by menu, reconciliation."""

from django.db.models import Exists, OuterRef

from facilities.filtersets import MachineFilterSet
from facilities.selectors import machine_list
from funding.filtersets import DakActivityFilterSet
from funding.models import DakActivity, DakMenu
from funding.selectors import dak_activity_list
from sentra.models import SentraStatus
from sentra.selectors import sentra_list

from .aggregates import aggregate
from .params import without
from .regions import region_names

RECONCILIATION_SHOWN = 100
INACTIVE_STATUSES = (SentraStatus.TIDAK_AKTIF, SentraStatus.TUTUP)


def absorption(row):
    """Realisation as a share of pagu, in percent with two decimals (as the ministry reports it)."""
    row["absorption_percent"] = round(row["realisation"] * 100 / row["pagu"], 2) if row.get("pagu") else None
    return row


def dak(*, user, drill, params):
    dak_params = without(params, "status", "commodity", "commodity_group", "priority")
    all_years = without(dak_params, "year")
    by_year = [absorption(row) for row in aggregate(user=user, resource="dak", group_by=("year",), params=all_years)]
    year = dak_params.get("year") or (by_year[-1]["year"] if by_year else None)
    year_params = dak_params.copy()
    if year:
        year_params["year"] = str(year)
    recipients = [
        absorption(row) for row in aggregate(user=user, resource="dak", group_by=("region",), level=2, params=year_params)
    ]
    names = region_names(row["region"] for row in recipients)
    for row in recipients:
        row["name"] = names.get(row["region"], row["region"])
    menus = dict(DakMenu.objects.values_list("code", "name"))
    by_menu = [absorption(row) for row in aggregate(user=user, resource="dak_activities", group_by=("menu",), params=year_params)]
    for row in by_menu:
        row["name"] = menus.get(row["menu"], row["menu"])
    totals = absorption(aggregate(user=user, resource="dak", params=year_params)[0]) if year else None
    return {
        "year": int(year) if year else None,
        "by_year": by_year,
        "recipients": recipients,
        "by_menu": by_menu,
        "totals": totals,
        "unlinked_activities": unlinked_activities(user=user, params=year_params),
        "unfunded_machines": unfunded_machines(user=user, params=without(dak_params, "year")),
        "inactive_funded_sentra": inactive_funded_sentra(user=user, params=dak_params),
    }


def activities_without_assets(*, user, params):
    """Activities that paid for something yet have no room or machine recorded against them."""
    queryset = DakActivityFilterSet(data=params, queryset=dak_activity_list(user=user)).qs
    rooms = DakActivity.rooms.through.objects.filter(dakactivity_id=OuterRef("pk"))
    machines = DakActivity.machines.through.objects.filter(dakactivity_id=OuterRef("pk"))
    return queryset.filter(~Exists(rooms), ~Exists(machines)).order_by("-allocation__fiscal_year", "id")


def unlinked_activities(*, user, params, limit=RECONCILIATION_SHOWN):
    queryset = activities_without_assets(user=user, params=params)
    return {"count": queryset.count(), "rows": list(queryset[:limit])}


def machines_without_funding(*, user, params):
    data = params.copy()
    data["funding_source"] = "none"
    return MachineFilterSet(data=data, queryset=machine_list(user=user)).qs.order_by("sentra__code", "id")


def unfunded_machines(*, user, params, limit=RECONCILIATION_SHOWN):
    queryset = machines_without_funding(user=user, params=params)
    return {"count": queryset.count(), "rows": list(queryset[:limit])}


def funded_inactive_sentra(*, user, params):
    """Sentra that received DAK (in the chosen year, if any) and are now not active or closed."""
    activities = DakActivity.objects.filter(sentra_id=OuterRef("pk"))
    if params.get("year"):
        activities = activities.filter(allocation__fiscal_year=params.get("year"))
    queryset = sentra_list(user=user).filter(status__in=INACTIVE_STATUSES)
    if params.get("region"):
        from accounts.scope import region_q

        queryset = queryset.filter(region_q(params.get("region"), "desa"))
    return queryset.filter(Exists(activities)).order_by("code")


def inactive_funded_sentra(*, user, params, limit=RECONCILIATION_SHOWN):
    queryset = funded_inactive_sentra(user=user, params=params)
    return {"count": queryset.count(), "rows": list(queryset[:limit])}
