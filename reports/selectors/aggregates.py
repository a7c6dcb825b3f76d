"""Counts and sums by region level, commodity, status and year, shared by the dashboards and the API.

Every aggregate starts from the owning app's scoped selector (so a provincial user never sums another
province) and is narrowed by that app's own FilterSet (so a figure equals the total of the list it links
to). Region roll-ups group on a prefix of the region code column (`Substr(desa_id, 1, 5)` is the
kabupaten/kota), one GROUP BY in SQL whatever the number of rows.
"""

from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.db.models import Count, F, FilteredRelation, Q, Sum
from django.db.models.functions import Substr
from django.utils.translation import gettext_lazy as _

from facilities.filtersets import MachineFilterSet, RoomFilterSet
from facilities.selectors import machine_list, room_list
from funding.filtersets import DakActivityFilterSet, DakAllocationFilterSet
from funding.selectors import dak_activity_list, dak_allocation_list
from ikm.filtersets import IkmUnitFilterSet, YearlyFigureFilterSet
from ikm.selectors import ikm_list, yearly_figure_list
from regions.models import Region
from sentra.filtersets import SentraFilterSet
from sentra.selectors import sentra_list

CODE_LENGTH = Region.CODE_LENGTH


@dataclass(frozen=True)
class Resource:
    """One kind of record that can be aggregated: where it starts, how it is filtered, what it can be grouped by."""

    name: str
    label: str
    selector: object
    filterset: type
    region_column: str
    dimensions: dict
    metrics: dict
    prepare: object = None
    default_metric: str = "count"
    extra: dict = field(default_factory=dict)


def _with_primary_commodity(queryset):
    # A sentra counts once, under its primary commodity (a LEFT JOIN, not a row per commodity).
    return queryset.annotate(
        primary_link=FilteredRelation("commodity_links", condition=Q(commodity_links__is_primary=True))
    )


RESOURCES = {
    "sentra": Resource(
        name="sentra",
        label=_("Sentra IKM"),
        selector=sentra_list,
        filterset=SentraFilterSet,
        region_column="desa_id",
        prepare=_with_primary_commodity,
        dimensions={
            "status": "status",
            "commodity": "primary_link__commodity__code",
            "commodity_group": "primary_link__commodity__group__code",
            "priority": "primary_link__commodity__is_priority",
            "year": "founding_year",
        },
        metrics={"count": Count("id")},
    ),
    "ikm": Resource(
        name="ikm",
        label=_("Unit IKM"),
        selector=ikm_list,
        filterset=IkmUnitFilterSet,
        region_column="desa_id",
        dimensions={
            "commodity": "commodity__code",
            "commodity_group": "commodity__group__code",
            "priority": "commodity__is_priority",
            "ikm_class": "ikm_class",
            "production_place": "production_place",
        },
        metrics={
            "count": Count("id"),
            "workers_male": Sum("workers_male"),
            "workers_female": Sum("workers_female"),
            "workers_total": Sum(F("workers_male") + F("workers_female") + F("workers_unsplit")),
            "production_value": Sum("production_value"),
            "sales": Sum("sales"),
            "investment": Sum("investment"),
        },
    ),
    "rooms": Resource(
        name="rooms",
        label=_("Ruang produksi"),
        selector=room_list,
        filterset=RoomFilterSet,
        region_column="sentra__desa_id",
        dimensions={"state": "state", "sentra": "sentra__code"},
        metrics={"count": Count("id")},
    ),
    "machines": Resource(
        name="machines",
        label=_("Mesin/peralatan"),
        selector=machine_list,
        filterset=MachineFilterSet,
        region_column="sentra__desa_id",
        dimensions={
            "condition": "condition",
            "funding_source": "funding_source",
            "equipment_type": "equipment_type__code",
            "year": "year_acquired",
            "sentra": "sentra__code",
        },
        metrics={"count": Count("id"), "quantity": Sum("quantity")},
    ),
    "dak": Resource(
        name="dak",
        label=_("Alokasi DAK Fisik IKM"),
        selector=dak_allocation_list,
        filterset=DakAllocationFilterSet,
        region_column="kabupaten_kota_id",
        dimensions={"year": "fiscal_year"},
        metrics={"count": Count("id"), "pagu": Sum("pagu"), "realisation": Sum("realisation")},
    ),
    "dak_activities": Resource(
        name="dak_activities",
        label=_("Kegiatan DAK Fisik IKM"),
        selector=dak_activity_list,
        filterset=DakActivityFilterSet,
        region_column="allocation__kabupaten_kota_id",
        dimensions={"year": "allocation__fiscal_year", "menu": "menu__code", "sentra": "sentra__code"},
        metrics={"count": Count("id"), "pagu": Sum("pagu"), "realisation": Sum("realisation")},
    ),
    "yearly_figures": Resource(
        name="yearly_figures",
        label=_("Kinerja tahunan"),
        selector=yearly_figure_list,
        filterset=YearlyFigureFilterSet,
        region_column="region_id",
        dimensions={"year": "year", "sentra": "sentra__code"},
        metrics={
            "count": Count("id"),
            "unit_count": Sum("unit_count"),
            "workers_total": Sum("workers_total"),
            "production_value": Sum("production_value"),
            "sales": Sum("sales"),
            "investment": Sum("investment"),
        },
    ),
}


def filtered_queryset(resource, *, user, params):
    """The resource's scoped rows narrowed by its FilterSet; bad filter values raise ValidationError."""
    queryset = resource.selector(user=user)
    filterset = resource.filterset(data=params, queryset=queryset)
    if not filterset.is_valid():
        raise ValidationError(_flatten_errors(filterset.errors))
    queryset = filterset.qs
    if queryset.query.distinct:
        # Filters across to-many joins ask for DISTINCT; counting must see each row once, so re-select by key.
        queryset = resource.selector(user=user).filter(pk__in=queryset.values("pk"))
    return queryset


def _flatten_errors(errors):
    return {name: [str(message) for message in messages] for name, messages in errors.items()}


def aggregate(*, user, resource, group_by=(), level=None, params=None, metrics=None):
    """Rows of {dimension: value, ..., metric: number} for the user's visible records of `resource`.

    `group_by` names dimensions of the resource plus "region"; `level` (1-4) says which region level
    "region" rolls up to. Metrics default to all of the resource's metrics. Ordered by the dimensions.
    """
    resource = RESOURCES[resource] if isinstance(resource, str) else resource
    queryset = filtered_queryset(resource, user=user, params=params or {})
    if resource.prepare:
        queryset = resource.prepare(queryset)
    # Aliases carry a prefix because "status" or "year" may also be a model field, which annotate() refuses.
    annotations = {}
    for dimension in group_by:
        if dimension == "region":
            annotations["g_region"] = Substr(resource.region_column, 1, CODE_LENGTH[int(level or 1)])
        elif dimension in resource.dimensions:
            annotations[f"g_{dimension}"] = F(resource.dimensions[dimension])
        else:
            raise ValidationError({"group_by": [_("Pengelompokan '%(name)s' tidak tersedia.") % {"name": dimension}]})
    # Metrics too: Sum("workers_male") named "workers_male" would shadow the column for the next metric.
    wanted = {f"m_{name}": resource.metrics[name] for name in (metrics or resource.metrics)}
    queryset = queryset.order_by().prefetch_related(None).select_related(None)
    if not annotations:
        return [_clean(queryset.aggregate(**wanted))]
    aliases = list(annotations)
    rows = queryset.annotate(**annotations).values(*aliases).annotate(**wanted).order_by(*aliases)
    return [_clean(row) for row in rows]


def _clean(row):
    # SUM over no rows is NULL; a dashboard shows 0.
    return {
        key[2:]: (0 if value is None and key.startswith("m_") else value) for key, value in row.items()
    }

