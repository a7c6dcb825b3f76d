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


@pytest.mark.parametrize(
    "owner, expected",
    [
        ("=1+1", "'=1+1"), ("+62 812", "'+62 812"), ("-2+3", "'-2+3"), ("@SUM(A1)", "'@SUM(A1)"),
        ("\t=cmd", "'\t=cmd"), ("\r=cmd", "'\r=cmd"),
        # Near misses of the cheap "below A" pre-check: digits, punctuation, "A" itself, non-ASCII.
        ("0812 555", "0812 555"), ("(Bu) Ina", "(Bu) Ina"), ("A", "A"), ("Ábel", "Ábel"), ("a=b", "a=b"), ("~x", "~x"),
    ],
)
def test_csv_export_neutralises_each_formula_start_and_nothing_else(client, analyst, alor_desa, owner, expected):
    import csv

    IkmUnitFactory(name="Usaha Uji", owner_name=owner, desa=alor_desa)
    client.force_login(analyst)
    text = b"".join(client.get("/laporan/ekspor/ikm.csv").streaming_content).decode("utf-8-sig")
    rows = list(csv.reader(io.StringIO(text, newline="")))
    owners = [row[1] for row in rows[1:] if row and row[0] == "Usaha Uji"]
    assert owners == [expected]
