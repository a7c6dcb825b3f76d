"""XLSX (XlsxWriter, constant memory) and CSV (streamed) output of an exporter's sheets."""

import csv
import io
import itertools
from decimal import Decimal

import xlsxwriter
from django.utils.translation import gettext as _

from .base import DATE, DECIMAL, INT, MONEY, PERCENT

EXCEL_MAX_ROWS = 1_048_576
NUMERIC = (INT, MONEY, PERCENT, DECIMAL)
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def neutralise(value):
    """Text that Excel or LibreOffice would read as a formula is prefixed with an apostrophe (CSV injection)."""
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


class XlsxWriter:
    """Writes each Sheet, splitting into "<title> (2)", ... past Excel's row limit."""

    max_rows = EXCEL_MAX_ROWS

    def __init__(self, path):
        self.book = xlsxwriter.Workbook(path, {"constant_memory": True, "strings_to_formulas": False, "strings_to_urls": False})
        self.formats = {
            INT: self.book.add_format({"num_format": "#,##0"}),
            MONEY: self.book.add_format({"num_format": '"Rp"\\ #,##0'}),
            PERCENT: self.book.add_format({"num_format": "0.00"}),
            DECIMAL: self.book.add_format({"num_format": "#,##0.00"}),
            DATE: self.book.add_format({"num_format": "dd-mm-yyyy"}),
            "header": self.book.add_format({"bold": True, "bg_color": "#E9EEF3", "text_wrap": True, "valign": "top"}),
            "bold": self.book.add_format({"bold": True}),
        }
        self.used_titles = set()

    def write(self, exporter, progress=None):
        self._metadata(exporter.metadata())
        written = 0
        for sheet in exporter.build():
            rows = iter(sheet.rows)
            part = 1
            while True:
                title = sheet.title if part == 1 else f"{sheet.title} ({part})"
                worksheet, row_index = self._start(title, sheet.columns), 1
                limit = self.max_rows - 1 - (1 if sheet.totals else 0)
                for row in itertools.islice(rows, limit):
                    self._row(worksheet, row_index, sheet.columns, row)
                    row_index += 1
                    written += 1
                    if progress and written % 5000 == 0:
                        progress(written)
                exhausted = row_index - 1 < limit
                if exhausted:
                    if sheet.totals:
                        self._row(worksheet, row_index, sheet.columns, sheet.totals, bold=True)
                    break
                part += 1
        self.book.close()
        if progress:
            progress(written)
        return written

    def _title(self, title):
        # Excel: at most 31 characters, no []:*?/\ and unique per workbook.
        clean = "".join("_" if ch in "[]:*?/\\" else ch for ch in str(title))[:31]
        candidate, n = clean, 2
        while candidate.lower() in self.used_titles:
            suffix = f"~{n}"
            candidate, n = clean[: 31 - len(suffix)] + suffix, n + 1
        self.used_titles.add(candidate.lower())
        return candidate

    def _start(self, title, columns):
        worksheet = self.book.add_worksheet(self._title(title))
        for index, column in enumerate(columns):
            worksheet.set_column(index, index, column.width)
            worksheet.write_string(0, index, str(column.label), self.formats["header"])
        worksheet.freeze_panes(1, 0)
        return worksheet

    def _row(self, worksheet, row_index, columns, row, bold=False):
        for index, (column, value) in enumerate(zip(columns, row)):
            if value is None or value == "":
                continue
            if column.kind in NUMERIC and isinstance(value, (int, float, Decimal)) and not isinstance(value, bool):
                number = float(value) if isinstance(value, Decimal) else value
                worksheet.write_number(row_index, index, number, self.formats[column.kind])
            elif column.kind == DATE and hasattr(value, "year"):
                worksheet.write_datetime(row_index, index, _naive(value), self.formats[DATE])
            else:
                cell = neutralise(str(value))
                worksheet.write_string(row_index, index, cell, self.formats["bold"] if bold else None)

    def _metadata(self, pairs):
        worksheet = self.book.add_worksheet(self._title(_("Keterangan")))
        worksheet.set_column(0, 0, 28)
        worksheet.set_column(1, 1, 70)
        for row_index, (label, value) in enumerate(pairs):
            worksheet.write_string(row_index, 0, str(label), self.formats["bold"])
            worksheet.write_string(row_index, 1, neutralise(str(value)))


def _naive(value):
    if getattr(value, "tzinfo", None) is not None:
        from django.utils import timezone

        value = timezone.localtime(value).replace(tzinfo=None)
    return value


CSV_FLUSH_BYTES = 64 * 1024


def _csv_converter(kind):
    """Per column, not per cell: numbers pass through, dates become ISO text, text is neutralised."""
    if kind in NUMERIC:
        return lambda value: "" if value is None else value
    if kind == DATE:
        return lambda value: "" if value is None else (_naive(value).isoformat() if hasattr(value, "hour") else value.isoformat())
    return lambda value: "" if value is None else neutralise(value if isinstance(value, str) else str(value))


def iter_csv(exporter):
    """Yields the CSV bytes in ~64 KB pieces: a BOM so Excel reads UTF-8, then each sheet after its title."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    buffer.write("\ufeff")
    if hasattr(exporter, "csv_body"):  # list exports: one sheet, rows formatted by the database
        [sheet] = exporter.build()
        writer.writerow([neutralise(str(column.label)) for column in sheet.columns])
        yield buffer.getvalue().encode()
        yield from exporter.csv_body()
        return
    for sheet_index, sheet in enumerate(exporter.build()):
        if sheet_index:
            writer.writerow([])
            writer.writerow([neutralise(f"# {sheet.title}")])
        writer.writerow([neutralise(str(column.label)) for column in sheet.columns])
        converters = [_csv_converter(column.kind) for column in sheet.columns]
        for row in itertools.chain(sheet.rows, [sheet.totals] if sheet.totals else []):
            writer.writerow([convert(value) for convert, value in zip(converters, row)])
            if buffer.tell() > CSV_FLUSH_BYTES:
                yield buffer.getvalue().encode()
                buffer.seek(0)
                buffer.truncate()
    yield buffer.getvalue().encode()
