"""Cells starting with = + - @ (and tab/CR) cannot run as formulas in Excel, in XLSX and CSV alike."""

import io

import openpyxl
import pytest

from core.testing.factories import IkmUnitFactory
from reports.exporters import neutralise


@pytest.mark.parametrize("text", ["=1+1", "+62 812", "-2+3", "@SUM(A1)", "\t=cmd", "\r=cmd"])
def test_dangerous_prefixes_are_neutralised(text):
    assert neutralise(text) == "'" + text


def test_plain_text_and_numbers_are_untouched():
    assert neutralise("Tenun ikat") == "Tenun ikat"
    assert neutralise(-5) == -5


def test_exports_neutralise_names(client, analyst, alor_desa):
    IkmUnitFactory(name='=HYPERLINK("http://x","klik")', owner_name="@evil", desa=alor_desa)
    client.force_login(analyst)
    csv_text = b"".join(client.get("/laporan/ekspor/ikm.csv").streaming_content).decode("utf-8-sig")
    assert "'=HYPERLINK" in csv_text and ",'@evil," in csv_text
    book = openpyxl.load_workbook(io.BytesIO(b"".join(client.get("/laporan/ekspor/ikm.xlsx").streaming_content)))
    row = [cell for cell in book.worksheets[1][2]]
    assert row[0].value.startswith("'=HYPERLINK") and row[0].data_type == "s"
    assert row[1].value == "'@evil"
