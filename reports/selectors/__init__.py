"""Read-only aggregate queries behind the dashboards, the exports and the aggregate API."""

from .aggregates import RESOURCES, aggregate
from .facilities import facilities, utilisation_by_sentra
from .freshness import freshness
from .funding import dak
from .impact import impact
from .overview import overview, sentra_status_by_year
from .params import DASHBOARD_FILTERS, dashboard_params
from .regions import drill_context

__all__ = [
    "DASHBOARD_FILTERS",
    "RESOURCES",
    "aggregate",
    "dak",
    "dashboard_params",
    "drill_context",
    "facilities",
    "freshness",
    "impact",
    "overview",
    "sentra_status_by_year",
    "utilisation_by_sentra",
]
