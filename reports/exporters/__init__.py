"""The registry of exporters: every list and every dashboard, by identifier."""

from .base import Column, Exporter, Sheet
from .dashboards import DASHBOARD_EXPORTERS
from .lists import LIST_EXPORTERS
from .writers import XlsxWriter, iter_csv, neutralise, write_csv_zip

EXPORTERS = {exporter.identifier: exporter for exporter in (*LIST_EXPORTERS, *DASHBOARD_EXPORTERS)}


def get_exporter(identifier):
    return EXPORTERS.get(identifier)


__all__ = ["EXPORTERS", "Column", "Exporter", "Sheet", "XlsxWriter", "get_exporter", "iter_csv", "neutralise", "write_csv_zip"]


def is_table_per_file(exporter):
    """Dashboards (several tables) download their CSV as a ZIP of one CSV per table; lists as one CSV."""
    return not hasattr(exporter, "csv_body")


def download_name(exporter, export_format):
    return exporter.filename("zip" if export_format == "csv" and is_table_per_file(exporter) else export_format)
