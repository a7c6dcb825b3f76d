"""Hostile or broken files are refused with an Indonesian reason and nothing is written."""

import io
import zipfile

import openpyxl
import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile

from ikm.models import IkmUnit
from imports.models import ImportJob, ImportStatus
from imports.services import import_job_create

from .conftest import csv_upload, xlsx_bytes, xlsx_upload

HEADER = ["NIB", "Nama Usaha", "Kabupaten/Kota", "Kecamatan", "Desa/Kelurahan", "Komoditas"]
GOOD_ROW = ["9120001234567", "Tenun Ina", "Alor", "Alor Barat Daya", "Kuneman", "Tenun ikat"]


@pytest.fixture(autouse=True)
def _reference(named_regions, tenun):
    pass


def refused_at_upload(user, upload, kind="ikm"):
    with pytest.raises(ValidationError) as caught:
        import_job_create(user=user, kind=kind, upload=upload)
    assert ImportJob.objects.count() == 0 and IkmUnit.objects.count() == 0
    return " ".join(caught.value.messages)


def refused_at_check(user, upload, kind="ikm"):
    job = import_job_create(user=user, kind=kind, upload=upload)
    assert job.status == ImportStatus.REFUSED
    assert job.rows.count() == 0 and IkmUnit.objects.count() == 0
    return " ".join(job.messages)


def rewrite_part(content, name, new_bytes, extra=None):
    source = zipfile.ZipFile(io.BytesIO(content))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for item in source.infolist():
            target.writestr(item.filename, new_bytes if item.filename == name else source.read(item.filename))
        for extra_name, data in (extra or {}).items():
            target.writestr(extra_name, data)
    return out.getvalue()


def test_a_renamed_non_excel_file_is_refused(alor_staff):
    message = refused_at_upload(alor_staff, SimpleUploadedFile("data.xlsx", b"MZ\x90\x00 program, bukan Excel" * 20))
    assert "bukan berkas Excel .xlsx yang sah" in message


def test_a_renamed_zip_that_is_not_a_workbook_is_refused(alor_staff):
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as package:
        package.writestr("catatan.txt", "halo")
    assert "bukan berkas Excel" in refused_at_upload(alor_staff, SimpleUploadedFile("data.xlsx", out.getvalue()))


def test_other_file_types_are_refused(alor_staff):
    assert ".xlsx" in refused_at_upload(alor_staff, SimpleUploadedFile("data.xls", b"\xd0\xcf\x11\xe0 old excel"))


def test_a_zip_bomb_is_refused_before_it_is_opened(alor_staff):
    bomb = rewrite_part(xlsx_bytes([HEADER, GOOD_ROW]), None, b"", extra={"xl/media/padding.bin": b"\0" * (30 * 1024 * 1024)})
    assert len(bomb) < 200_000
    assert "zip bomb" in refused_at_upload(alor_staff, SimpleUploadedFile("data.xlsx", bomb))


def test_a_file_over_the_size_limit_is_refused(alor_staff, settings):
    settings.IMPORT_MAX_BYTES = 2000
    assert "terlalu besar" in refused_at_upload(alor_staff, xlsx_upload([HEADER, GOOD_ROW]))


def test_a_file_over_the_row_limit_is_refused(alor_staff, settings):
    settings.IMPORT_MAX_ROWS = 3
    rows = [HEADER] + [[f"912000123456{i}", f"Usaha {i}", "Alor", "Alor Barat Daya", "Kuneman", "Tenun ikat"] for i in range(4)]
    assert "lebih dari 3 baris" in refused_at_check(alor_staff, xlsx_upload(rows))


def test_formulas_are_refused_with_the_cell_named(alor_staff):
    message = refused_at_check(alor_staff, xlsx_upload([HEADER, GOOD_ROW, ["9120001234568", "=HYPERLINK(\"http://x\")", "Alor", None, "Kuneman", "Tenun ikat"]]))
    assert "rumus" in message and "B3" in message


def test_formulas_in_csv_are_refused(alor_staff):
    assert "rumus" in refused_at_check(alor_staff, csv_upload([HEADER, ["9120001234567", "=cmd|' /C calc'!A0", "Alor", None, "Kuneman", "Tenun ikat"]]))


def test_an_xml_entity_bomb_is_refused(alor_staff):
    lol = (
        b'<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;">]>'
        b'<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData><row r="1">'
        b'<c r="A1" t="inlineStr"><is><t>&lol2;</t></is></c></row></sheetData></worksheet>'
    )
    bomb = rewrite_part(xlsx_bytes([HEADER, GOOD_ROW]), "xl/worksheets/sheet1.xml", lol)
    assert "DTD" in refused_at_upload(alor_staff, SimpleUploadedFile("data.xlsx", bomb))


def test_openpyxl_parses_through_defusedxml():
    assert openpyxl.DEFUSEDXML is True


def test_nul_bytes_are_refused(alor_staff):
    content = ("NIB;Nama Usaha\n9120001234567;Tenun\x00Ina\n").encode()
    assert "NUL" in refused_at_check(alor_staff, SimpleUploadedFile("data.csv", content))


def test_an_empty_or_headerless_file_is_refused(alor_staff):
    assert "Baris judul tidak dikenali" in refused_at_check(alor_staff, xlsx_upload([["apa", "ini"], [1, 2]]))
