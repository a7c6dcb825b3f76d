"""XLSX (streamed worksheet XML, see xlsxstream) and CSV (streamed) output of an exporter's sheets."""

import csv
import io
import itertools

from django.utils import timezone
from django.utils.translation import gettext as _

from .base import DATE, DECIMAL, INT, MONEY, PERCENT
from .xlsxstream import (
    BOLD_STYLE, DECIMAL_STYLE, HEADER_STYLE, INT_STYLE, MONEY_STYLE, PLAIN, TWO_DECIMALS_STYLE, StreamingWorkbook, date_cell,
    number_cell, text_cell,
)

EXCEL_MAX_ROWS = 1_048_576
NUMERIC = (INT, MONEY, PERCENT, DECIMAL)
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def neutralise(value):
    """Text that Excel or LibreOffice would read as a formula is prefixed with an apostrophe (CSV injection)."""
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


class XlsxWriter:
    """Writes each Sheet, splitting into "<title> (2)", ... past Excel's row limit (streamed, see xlsxstream)."""

    max_rows = EXCEL_MAX_ROWS

    def __init__(self, path):
        self.book = StreamingWorkbook(path)
        self.used_titles = set()

    def write(self, exporter, progress=None):
        self._metadata(exporter.metadata())
        written = 0
        for sheet in exporter.build():
            cells = self.book.cells(_cell_function(column.kind) for column in sheet.columns)
            bold_cells = self.book.cells(_cell_function(column.kind, bold=True) for column in sheet.columns)
            rows = iter(sheet.rows)
            # The row count (one COUNT query) sizes each part's <dimension>; a hint only, not trusted for the split.
            remaining = sheet.count() if sheet.count else None
            part = 1
            while True:
                title = sheet.title if part == 1 else f"{sheet.title} ({part})"
                limit = self.max_rows - 1 - (1 if sheet.totals else 0)
                expected = None if remaining is None else min(remaining, limit) + 1 + (1 if sheet.totals else 0)
                worksheet = self._start(title, sheet.columns, expected)
                in_part, following = 0, None
                write_row = worksheet.write_row
                for row in itertools.islice(rows, limit):
                    write_row(cells, row)
                    in_part += 1
                    if progress and (written + in_part) % 5000 == 0:
                        progress(written + in_part)
                written += in_part
                if remaining is not None:
                    remaining = max(remaining - in_part, 0)
                if in_part == limit:  # full part: only start another one if a row is left (no empty last part)
                    following = next(rows, None)
                    if following is not None:
                        rows = itertools.chain([following], rows)
                if in_part < limit or following is None:
                    if sheet.totals:
                        worksheet.write_row(bold_cells, sheet.totals)
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

    def _start(self, title, columns, rows=None):
        widths = [column.width for column in columns]
        dimension = (rows, len(columns)) if rows is not None else None
        worksheet = self.book.add_sheet(self._title(title), widths, frozen_header=True, dimension=dimension)
        header = text_cell(HEADER_STYLE)
        worksheet.write_row(self.book.cells(header for _column in columns), [str(column.label) for column in columns])
        return worksheet

    def _metadata(self, pairs):
        pairs = list(pairs)
        worksheet = self.book.add_sheet(self._title(_("Keterangan")), [28, 70], dimension=(len(pairs), 2))
        cells = self.book.cells([text_cell(BOLD_STYLE), text_cell()])
        for label, value in pairs:
            worksheet.write_row(cells, [str(label), str(value)])


NUMBER_STYLES = {INT: INT_STYLE, MONEY: MONEY_STYLE, PERCENT: TWO_DECIMALS_STYLE, DECIMAL: DECIMAL_STYLE}


def _cell_function(kind, bold=False):
    """Chosen once per column: numbers keep their format, dates become Excel dates, the rest is neutralised text."""
    text = text_cell(BOLD_STYLE if bold else PLAIN)
    if kind in NUMBER_STYLES:
        return number_cell(NUMBER_STYLES[kind], text)
    if kind == DATE:
        return date_cell(text, zone=timezone.get_current_timezone())
    return text


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


def csv_writer(buffer):
    # CRLF (RFC 4180, as Excel writes): Python's csv module quotes a field holding a lone CR only when CR is
    # part of the line terminator; with "\n" such a cell would break its row. PostgreSQL's COPY quotes it itself.
    return csv.writer(buffer, lineterminator="\r\n")


def iter_csv(exporter):
    """Yields the CSV bytes in ~64 KB pieces: a BOM so Excel reads UTF-8, then each sheet after its title."""
    buffer = io.StringIO()
    writer = csv_writer(buffer)
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


# -- Dashboard CSV: one file per table, for Excel -------------------------------------------------------------
# A dashboard has several tables; stacked in one CSV they broke Excel's columns. Each table becomes its own CSV
# in a ZIP, written for a double click in Excel: UTF-8 with a BOM, and the list separator and decimal mark of
# the user's language (Indonesian regional settings: ";" and ","; English: "," and "."). List exports keep
# their RFC 4180 comma CSV (one table, read by other systems; see docs/api.md and README).
EXCEL_DIALECT = {"id": (";", ","), "en": (",", ".")}


def excel_dialect():
    from django.utils.translation import get_language

    return EXCEL_DIALECT.get((get_language() or "id")[:2], EXCEL_DIALECT["id"])


def _excel_converter(kind, decimal_mark):
    if kind in NUMERIC:
        def number(value):
            if value is None:
                return ""
            text = str(value)
            return text.replace(".", decimal_mark) if decimal_mark != "." else text
        return number
    return _csv_converter(kind)


def _table_csv(columns, rows, separator, decimal_mark):
    buffer = io.StringIO()
    buffer.write("\ufeff")
    writer = csv.writer(buffer, delimiter=separator, lineterminator="\r\n")
    writer.writerow([neutralise(str(column.label)) for column in columns])
    converters = [_excel_converter(column.kind, decimal_mark) for column in columns]
    for row in rows:
        writer.writerow([convert(value) for convert, value in zip(converters, row)])
    return buffer.getvalue().encode("utf-8")


def _file_name(index, title):
    from django.utils.text import slugify

    return f"{index:02d}-{slugify(str(title)) or 'tabel'}.csv"


def write_csv_zip(exporter, handle):
    """The exporter's sheets as a ZIP of CSV files (00-keterangan.csv first, then one per table); returns rows."""
    import zipfile

    separator, decimal_mark = excel_dialect()
    written = 0
    with zipfile.ZipFile(handle, "w", zipfile.ZIP_DEFLATED) as archive:
        metadata = [(str(label), str(value)) for label, value in exporter.metadata()]
        archive.writestr(_file_name(0, _("Keterangan")), _table_csv([_Label(_("Keterangan")), _Label(_("Nilai"))], metadata, separator, decimal_mark))
        for index, sheet in enumerate(exporter.build(), start=1):
            rows = list(itertools.chain(sheet.rows, [sheet.totals] if sheet.totals else []))
            written += len(rows)
            archive.writestr(_file_name(index, sheet.title), _table_csv(sheet.columns, rows, separator, decimal_mark))
    return written


class _Label:
    """A text column of the metadata file."""

    kind = "text"

    def __init__(self, label):
        self.label = label
