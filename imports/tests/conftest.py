"""Named regions and reference data for import tests, plus helpers that build sheets in memory."""

import csv
import io

import openpyxl
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from core.testing.factories import CommodityFactory, region_tree
from regions.models import Region

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _name(code, name):
    Region.objects.filter(code=code).update(name=name)


def _add(code, name, kind="desa"):
    parent = ".".join(code.split(".")[:-1])
    level = len(code.split("."))
    Region.objects.get_or_create(code=code, defaults={"name": name, "level": level, "kind": kind, "parent_id": parent})


@pytest.fixture
def named_regions(alor_desa, belu_desa):
    """Kab. Alor with two kecamatan that both have a desa 'Moru', Kab. Belu, and Kota Balikpapan."""
    _name("53.05.03", "Alor Barat Daya")
    _name("53.05.03.2001", "Kuneman")
    _add("53.05.03.2002", "Moru")
    _add("53.05.04", "Alor Selatan", "kecamatan")
    _add("53.05.04.2003", "Moru")
    _name("53.04.22", "Atambua Selatan")
    _name("53.04.22.1004", "Fatukbot")
    region_tree("64.71.01.1001", {"64": "Kalimantan Timur", "64.71": "Kota Balikpapan", "64.71.01": "Balikpapan Selatan", "64.71.01.1001": "Sepinggan"})
    Region.objects.filter(code="64.71").update(kind="kota")
    Region.objects.filter(code="64.71.01.1001").update(kind="kelurahan")
    return Region.objects.get(code="53.05.03.2001")


@pytest.fixture
def tenun(db):
    return CommodityFactory(code="tenun-ikat", name="Tenun ikat", kbli_code="13122")


@pytest.fixture
def kerupuk(db):
    return CommodityFactory(code="kerupuk-keripik-amplang", name="Kerupuk, keripik dan amplang", kbli_code="10794")


def xlsx_bytes(rows, sheet="Data"):
    book = openpyxl.Workbook()
    ws = book.active
    ws.title = sheet
    for row in rows:
        ws.append(list(row))
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def xlsx_upload(rows, name="data.xlsx"):
    return SimpleUploadedFile(name, xlsx_bytes(rows), content_type=XLSX)


def csv_upload(rows, name="data.csv", delimiter=";"):
    out = io.StringIO()
    csv.writer(out, delimiter=delimiter).writerows(rows)
    return SimpleUploadedFile(name, out.getvalue().encode("utf-8"), content_type="text/csv")


def read_xlsx(content):
    book = openpyxl.load_workbook(io.BytesIO(content))
    return book


@pytest.fixture(autouse=True)
def media_in_tmp(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
