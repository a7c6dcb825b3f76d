"""The streaming XLSX writer yields a workbook that openpyxl and calamine read back with types and formats intact."""

import datetime
from decimal import Decimal

import openpyxl
import python_calamine
from django.utils.datastructures import MultiValueDict

from reports.exporters import Column, Exporter, Sheet, XlsxWriter
from reports.exporters.base import DATE, DECIMAL, INT, MONEY, PERCENT
from reports.exporters.xlsxstream import column_letters

COLUMNS = [
    Column("Nama <usaha> & \"pemilik\""),
    Column("Tenaga kerja", INT),
    Column("Investasi (Rp)", MONEY),
    Column("Persen", PERCENT),
    Column("Luas", DECIMAL),
    Column("Diverifikasi", DATE),
]
ROWS = [
    ["Tenun <ikat> & songket", 12, 1_250_000, Decimal("12.50"), 3.25, datetime.date(2024, 2, 29)],
    ["=HYPERLINK(\"http://x\")", None, "", None, None, datetime.datetime(2023, 1, 2, 12, 0)],
    ["  spasi ", "bukan angka", 0, None, Decimal("0.1"), None],
    ["kontrol\x01\x1f\tteks\r\nbaris", True, None, None, None, "bukan tanggal"],
]


class DemoExporter(Exporter):
    identifier = "demo"
    label = "Demo"

    def metadata(self):
        return [("Laporan", "Demo"), ("Filter: nama", "-abc")]

    def build(self):
        return [Sheet("Data: [uji]/1", COLUMNS, iter(ROWS), count=lambda: len(ROWS), totals=["Jumlah", 12, 1_250_000, None, None, None])]


def write(tmp_path, max_rows=None):
    path = tmp_path / "demo.xlsx"
    writer = XlsxWriter(str(path))
    if max_rows:
        writer.max_rows = max_rows
    written = writer.write(DemoExporter(user=None, params=MultiValueDict()))
    return path, written


def test_openpyxl_reads_values_types_and_formats(tmp_path):
    path, written = write(tmp_path)
    assert written == 4
    book = openpyxl.load_workbook(path)
    assert book.sheetnames == ["Keterangan", "Data_ _uji__1"]
    meta, data = book.worksheets
    assert [[c.value for c in row] for row in meta.iter_rows()] == [["Laporan", "Demo"], ["Filter: nama", "'-abc"]]
    assert meta["A1"].font.b
    assert [c.value for c in data[1]] == [c.label for c in COLUMNS]
    assert data["A1"].font.b and data.freeze_panes == "A2"
    first = data[2]
    assert first[0].value == "Tenun <ikat> & songket"
    assert (first[1].value, first[1].number_format) == (12, "#,##0")
    assert (first[2].value, first[2].number_format) == (1_250_000, '"Rp"\\ #,##0')
    assert (first[3].value, first[3].number_format) == (12.5, "0.00")
    assert (first[4].value, first[4].number_format) == (3.25, "#,##0.00")
    assert first[5].value == datetime.datetime(2024, 2, 29) and first[5].is_date
    second = data[3]
    assert second[0].value == "'=HYPERLINK(\"http://x\")" and second[0].data_type == "s"
    assert second[1].value is None and second[2].value is None
    assert second[5].value == datetime.datetime(2023, 1, 2, 12, 0)
    third = data[4]
    assert third[0].value == "  spasi " and third[1].value == "bukan angka" and third[2].value == 0
    fourth = data[5]
    assert fourth[0].value == "kontrol\tteks\r\nbaris"  # forbidden XML control characters dropped
    assert fourth[1].value == "True" and fourth[5].value == "bukan tanggal"
    totals = data[6]
    assert totals[0].value == "Jumlah" and totals[0].font.b and totals[2].value == 1_250_000
    assert data.column_dimensions["A"].width == 16


def test_calamine_reads_the_same_workbook(tmp_path):
    path, _written = write(tmp_path)
    book = python_calamine.CalamineWorkbook.from_path(str(path))
    assert book.sheet_names == ["Keterangan", "Data_ _uji__1"]
    rows = book.get_sheet_by_index(1).to_python()
    assert rows[1][:3] == ["Tenun <ikat> & songket", 12, 1_250_000]
    assert rows[2][0].startswith("'=HYPERLINK")
    assert len(rows) == 6


def test_split_parts_each_have_header_and_totals_only_at_the_end(tmp_path):
    path, written = write(tmp_path, max_rows=4)  # header + 2 data rows per part (room kept for the totals row)
    book = openpyxl.load_workbook(path, read_only=True)
    assert written == 4
    assert book.sheetnames == ["Keterangan", "Data_ _uji__1", "Data_ _uji__1 (2)"]  # no empty third part
    parts = [[[c.value for c in row] for row in sheet.iter_rows()] for sheet in book.worksheets[1:]]
    assert [len(part) for part in parts] == [3, 4]
    assert all(part[0][0] == COLUMNS[0].label for part in parts)
    assert parts[-1][-1][0] == "Jumlah"


def test_aware_datetimes_are_written_in_local_time(tmp_path, settings):
    settings.TIME_ZONE = "Asia/Makassar"  # UTC+8, no daylight saving

    class AwareExporter(DemoExporter):
        def build(self):
            moment = datetime.datetime(2023, 1, 2, 4, 30, tzinfo=datetime.timezone.utc)
            return [Sheet("Data", [Column("Diverifikasi", DATE)], iter([[moment]]))]

    path = tmp_path / "aware.xlsx"
    XlsxWriter(str(path)).write(AwareExporter(user=None, params=MultiValueDict()))
    assert openpyxl.load_workbook(path).worksheets[1]["A2"].value == datetime.datetime(2023, 1, 2, 12, 30)


def test_column_letters():
    assert [column_letters(i) for i in (0, 25, 26, 701, 702)] == ["A", "Z", "AA", "ZZ", "AAA"]
