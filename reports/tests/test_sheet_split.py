"""Past Excel's row limit a sheet continues on "<title> (2)", ... (limit lowered here to keep the test small)."""

import openpyxl
from django.utils.datastructures import MultiValueDict

from reports.exporters import XlsxWriter
from reports.exporters.lists import IkmListExporter


def test_rows_beyond_limit_go_to_further_sheets(demo, analyst, tmp_path, monkeypatch):
    monkeypatch.setattr(XlsxWriter, "max_rows", 10)  # header + 9 rows per sheet
    path = tmp_path / "ikm.xlsx"
    written = XlsxWriter(str(path)).write(IkmListExporter(user=analyst, params=MultiValueDict()))
    book = openpyxl.load_workbook(path, read_only=True)
    assert written == 23
    assert book.sheetnames == ["Keterangan", "Daftar unit IKM", "Daftar unit IKM (2)", "Daftar unit IKM (3)"]
    data_rows = sum(sheet.max_row - 1 for sheet in book.worksheets[1:])
    assert data_rows == 23
