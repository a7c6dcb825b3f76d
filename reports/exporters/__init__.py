"""The registry of exporters: every list and every dashboard, by identifier."""

from .base import Column, Exporter, Sheet
from .dashboards import DASHBOARD_EXPORTERS
from .lists import LIST_EXPORTERS
from .writers import XlsxWriter, iter_csv, neutralise

EXPORTERS = {exporter.identifier: exporter for exporter in (*LIST_EXPORTERS, *DASHBOARD_EXPORTERS)}


def get_exporter(identifier):
    return EXPORTERS.get(identifier)


__all__ = ["EXPORTERS", "Column", "Exporter", "Sheet", "XlsxWriter", "get_exporter", "iter_csv", "neutralise"]
