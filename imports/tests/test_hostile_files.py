"""Hostile or broken files are refused with an Indonesian reason and nothing is written."""

import io
import zipfile

import openpyxl
import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile

from ikm.models import IkmUnit
from imports.models import ImportJob, ImportStatus
from imports.services import import_job_create, import_job_request_commit

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


def test_a_broken_xls_is_refused_with_what_to_do(alor_staff):
    message = refused_at_upload(alor_staff, SimpleUploadedFile("data.xls", b"\xd0\xcf\x11\xe0 old excel"))
    assert ".xls ini rusak" in message and "simpan sebagai" in message and ".xlsx" in message


def test_other_file_types_are_refused(alor_staff):
    assert "Jenis berkas tidak dikenal" in refused_at_upload(alor_staff, SimpleUploadedFile("data.pdf", b"%PDF-1.4 laporan"))
    message = refused_at_upload(alor_staff, SimpleUploadedFile("data.xls", b"<html><body><table><tr><td>NIB</td></tr></table></body></html>"))
    assert "halaman web (HTML)" in message and "Simpan Sebagai" in message


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


def held_at_check(user, upload, row_number):
    """A formula holds back its own row only; the rest of the file is still read and nothing is stored from it."""
    job = import_job_create(user=user, kind="ikm", upload=upload)
    assert job.status == ImportStatus.PREVIEW
    row = job.rows.get(row_number=row_number)
    assert row.action == "refused"
    return job, " ".join(row.reasons)


def test_a_formula_without_a_saved_value_holds_back_its_row_with_the_cell_named(alor_staff):
    upload = xlsx_upload([HEADER, GOOD_ROW, ["9120001234568", "=HYPERLINK(\"http://x\")", "Alor", None, "Kuneman", "Tenun ikat"]])
    job, message = held_at_check(alor_staff, upload, 3)
    assert "rumus" in message and "B3" in message and job.created_count == 1
    import_job_request_commit(user=alor_staff, job=job)
    assert list(IkmUnit.objects.values_list("nib", flat=True)) == ["9120001234567"]


def test_formulas_in_csv_hold_back_their_row(alor_staff):
    upload = csv_upload([HEADER, GOOD_ROW, ["9120001234568", "=cmd|' /C calc'!A0", "Alor", None, "Kuneman", "Tenun ikat"]])
    job, message = held_at_check(alor_staff, upload, 3)
    assert "rumus" in message and "B3" in message and "=cmd" in message
    import_job_request_commit(user=alor_staff, job=job)
    assert not IkmUnit.objects.filter(name__startswith="=").exists()


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
    assert "NUL" in refused_at_upload(alor_staff, SimpleUploadedFile("data.csv", content))


def test_a_headerless_file_asks_for_the_header_and_mapping_and_writes_nothing(alor_staff):
    job = import_job_create(user=alor_staff, kind="ikm", upload=xlsx_upload([["apa", "ini"], [1, 2]]))
    assert job.status == ImportStatus.SETUP and job.rows.count() == 0 and IkmUnit.objects.count() == 0
    assert "Baris judul tidak dikenali" in " ".join(job.messages)
    assert [entry["header"] for entry in job.mapping] == ["apa", "ini"] and not any(entry["target"] for entry in job.mapping)


def test_an_empty_file_is_refused(alor_staff):
    assert "kosong" in refused_at_upload(alor_staff, SimpleUploadedFile("data.csv", b""))
