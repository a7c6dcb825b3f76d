"""National and provincial IKM roll-ups from reports_ikmrollup (kept current by triggers, see reports/rollup.py)."""

from django.core.exceptions import ValidationError
from django.db.models import F, Sum
from django.db.models.functions import Substr

from accounts.scope import region_q, scope_queryset
from ikm.filtersets import IkmUnitFilterSet

from ..models import IkmRollup
from .aggregates import CODE_LENGTH

# Filters the rollup can answer (it is keyed by kabupaten/kota and commodity); anything else needs the units.
ROLLUP_FILTERS = {"region", "commodity", "commodity_group", "priority"}


def rollup_applies(*, level, params):
    """Region level 1-2 (what lies at or above a kabupaten/kota) and only filters the rollup knows."""
    return level <= 2 and set(params) <= ROLLUP_FILTERS


def ikm_cells_from_rollup(*, user, level, params):
    """Same rows as aggregate(resource="ikm", group_by=("region", "commodity")) for the rollup's filters."""
    filterset = IkmUnitFilterSet(data=params)
    if not filterset.is_valid():
        raise ValidationError({name: [str(m) for m in messages] for name, messages in filterset.errors.items()})
    cleaned = filterset.form.cleaned_data
    queryset = scope_queryset(IkmRollup.objects.all(), user)
    if cleaned.get("region"):
        queryset = queryset.filter(region_q(cleaned["region"], "kabupaten_kota"))
    if cleaned.get("commodity"):
        queryset = queryset.filter(commodity__code=cleaned["commodity"])
    if cleaned.get("commodity_group"):
        queryset = queryset.filter(commodity__group__code=cleaned["commodity_group"])
    if cleaned.get("priority") is not None:
        queryset = queryset.filter(commodity__is_priority=cleaned["priority"])
    rows = (
        queryset.annotate(g_region=Substr("kabupaten_kota_id", 1, CODE_LENGTH[level]), g_commodity=F("commodity__code"))
        .values("g_region", "g_commodity")
        .annotate(
            m_count=Sum("units"),
            m_workers_male=Sum("workers_male"),
            m_workers_female=Sum("workers_female"),
            m_workers_unsplit=Sum("workers_unsplit"),
            m_production_value=Sum("production_value"),
            m_sales=Sum("sales"),
        )
        .filter(m_count__gt=0)
        .order_by("g_region", "g_commodity")
    )
    return [
        {
            "region": row["g_region"],
            "commodity": row["g_commodity"],
            "count": row["m_count"],
            "workers_male": row["m_workers_male"],
            "workers_female": row["m_workers_female"],
            "workers_total": row["m_workers_male"] + row["m_workers_female"] + row["m_workers_unsplit"],
            "production_value": row["m_production_value"],
            "sales": row["m_sales"],
        }
        for row in rows
    ]
