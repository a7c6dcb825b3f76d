"""The import pages: templates per record type, upload form errors, preview paging without a COUNT per page."""

import io

import openpyxl
import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from imports.kinds import KINDS
from imports.services import import_job_create

from .conftest import xlsx_upload


@pytest.mark.parametrize("kind", list(KINDS))
def test_each_record_type_has_a_template_with_indonesian_headers_and_instructions(client, alor_staff, kind):
    client.force_login(alor_staff)
    response = client.get(f"/impor/templat/{kind}.xlsx")
    assert response.status_code == 200
    book = openpyxl.load_workbook(io.BytesIO(response.content))
    assert book.sheetnames[:2] == ["Data", "Petunjuk"]
    assert all(book[name].sheet_state == "hidden" for name in book.sheetnames[2:])  # the drop-downs' list sheet
    headers = [cell.value for cell in book["Data"][1]]
    assert headers == [column.header + (" *" if column.required else "") for column in KINDS[kind].columns]
    instructions = " ".join(str(cell.value) for row in book["Petunjuk"].iter_rows() for cell in row if cell.value)
    assert "Sel kosong" in instructions and "Kunci data" in instructions


def test_a_template_filled_in_imports_straight_back(client, alor_staff, named_regions, tenun):
    client.force_login(alor_staff)
    book = openpyxl.load_workbook(io.BytesIO(client.get("/impor/templat/sentra.xlsx").content))
    book["Data"].append(["SNT-9", "Sentra Baru", None, "Alor", "Alor Barat Daya", "Kuneman", None, None, None, None, "Tenun ikat"])
    out = io.BytesIO()
    book.save(out)
    response = client.post("/impor/", {"kind": "sentra", "file": _named(out.getvalue())})
    job = alor_staff_job(alor_staff)
    assert response.status_code == 302 and response["Location"] == f"/impor/{job.pk}/"
    assert job.created_count == 1


def _named(content):
    from django.core.files.uploadedfile import SimpleUploadedFile

    return SimpleUploadedFile("templat-sentra.xlsx", content)


def alor_staff_job(user):
    from imports.models import ImportJob

    return ImportJob.objects.get(user=user)


def test_a_refused_upload_shows_the_reason_on_the_form(client, alor_staff, named_regions):
    client.force_login(alor_staff)
    from django.core.files.uploadedfile import SimpleUploadedFile

    response = client.post("/impor/", {"kind": "ikm", "file": SimpleUploadedFile("laporan.xlsx", b"%PDF-1.4 bukan excel")})
    assert response.status_code == 200
    assert "bukan berkas Excel .xlsx yang sah" in response.content.decode()


def test_the_preview_page_costs_the_same_queries_for_10_and_250_rows(client, alor_staff, named_regions, tenun, django_assert_num_queries):
    header = ["NIB", "Nama Usaha", "Kabupaten/Kota", "Kecamatan", "Desa/Kelurahan", "Komoditas"]

    def job_with(n):
        rows = [header] + [[f"{9120000000000 + i}", f"U{i}", "Alor", "Alor Barat Daya", "Kuneman", "Tenun ikat"] for i in range(n)]
        return import_job_create(user=alor_staff, kind="ikm", upload=xlsx_upload(rows))

    small, large = job_with(10), job_with(250)
    client.force_login(alor_staff)
    client.get(f"/impor/{small.pk}/")
    with CaptureQueriesContext(connection) as small_page:
        client.get(f"/impor/{small.pk}/")
    assert len(small_page) <= 8  # session, user (+ region), job, one page of rows, names of its regions and commodities
    with django_assert_num_queries(len(small_page)):
        response = client.get(f"/impor/{large.pk}/?halaman=2")
    assert "Halaman 2 dari 3" in response.content.decode()
