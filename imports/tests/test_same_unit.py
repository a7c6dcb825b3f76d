"""A row that may be a unit already registered (no NIB, same desa, the same or a similar name) is held with
"maybe the same as ..." and the choice to update that unit; the pre-filled workbook's ID column makes adding
a NIB update the unit instead of creating a copy (the bug reported)."""

import io

import openpyxl
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from core.testing.factories import IkmUnitFactory
from ikm.models import IkmUnit
from imports.models import RowAction
from imports.services import import_job_answer, import_job_create, import_job_request_commit

from .conftest import XLSX, xlsx_upload

HEADER = ["NIB", "Nama Usaha", "Kabupaten/Kota", "Kecamatan", "Desa/Kelurahan", "Komoditas", "Tenaga Kerja Perempuan"]


@pytest.fixture
def nameless(named_regions, tenun):
    return IkmUnitFactory(nib=None, name="Tenun Ibu Ina", desa=named_regions, commodity=tenun, workers_female=2)


def test_a_new_nib_for_a_unit_without_one_is_held_then_updates_that_unit(alor_staff, nameless):
    rows = [HEADER, ["9120001234567", "TENUN IBU  INA", "Alor", "Alor Barat Daya", "Kuneman", "Tenun ikat", 4]]
    job = import_job_create(user=alor_staff, kind="ikm", upload=xlsx_upload(rows))
    row = job.rows.get()
    assert row.action == RowAction.REVIEW and job.review_count == 1
    assert "Mungkin sama dengan 'Tenun Ibu Ina' (tanpa NIB) di Desa Kuneman" in row.reasons[0]
    assert row.payload["candidate"]["pk"] == nameless.pk

    job = import_job_answer(user=alor_staff, job=job, row=2, choice=f"update:{nameless.pk}")
    assert (job.updated_count, job.created_count, job.review_count) == (1, 0, 0)
    import_job_request_commit(user=alor_staff, job=job)
    nameless.refresh_from_db()
    assert IkmUnit.objects.count() == 1
    assert (nameless.nib, nameless.workers_female, nameless.version) == ("9120001234567", 4, 2)


def test_a_similar_name_without_nib_can_also_be_kept_as_a_new_unit(alor_staff, nameless):
    rows = [HEADER, [None, "Tenun Ina", "Alor", "Alor Barat Daya", "Kuneman", "Tenun ikat", 1]]
    job = import_job_create(user=alor_staff, kind="ikm", upload=xlsx_upload(rows))
    assert job.rows.get().action == RowAction.REVIEW
    job = import_job_answer(user=alor_staff, job=job, all_similar="create")
    assert job.created_count == 1 and "tetap dibuat" in " ".join(job.rows.get().warnings)
    import_job_request_commit(user=alor_staff, job=job)
    assert IkmUnit.objects.count() == 2


def test_a_held_row_is_not_stored_without_a_decision(alor_staff, nameless):
    rows = [HEADER, ["9120001234567", "Tenun Ibu Ina", "Alor", "Alor Barat Daya", "Kuneman", "Tenun ikat", 4],
            ["9120001234568", "Tenun Lain Sama Sekali", "Alor", "Alor Barat Daya", "Kuneman", "Tenun ikat", 1]]
    job = import_job_create(user=alor_staff, kind="ikm", upload=xlsx_upload(rows))
    import_job_request_commit(user=alor_staff, job=job)
    assert set(IkmUnit.objects.values_list("nib", flat=True)) == {None, "9120001234568"}


def download(client, user):
    client.force_login(user)
    response = client.get("/impor/isian/ikm.xlsx")
    return openpyxl.load_workbook(io.BytesIO(b"".join(response.streaming_content)))


def test_adding_a_nib_in_the_prefilled_workbook_updates_the_unit(client, alor_staff, nameless):
    book = download(client, alor_staff)
    sheet = book["Data"]
    headers = [cell.value.rstrip(" *") if cell.value else None for cell in sheet[1]]
    assert headers[-3:] == ["Versi", "Terakhir Diubah", "ID"] and sheet.cell(2, len(headers)).value == nameless.pk
    sheet.cell(2, headers.index("NIB") + 1).value = "9120001234567"
    sheet.cell(2, headers.index("Nama Usaha") + 1).value = "Tenun Ibu Ina Jaya"  # renamed in the same edit
    out = io.BytesIO()
    book.save(out)
    job = import_job_create(user=alor_staff, kind="ikm", upload=SimpleUploadedFile("isian.xlsx", out.getvalue(), content_type=XLSX))
    assert (job.updated_count, job.created_count, job.review_count) == (1, 0, 0), list(job.rows.values_list("reasons", flat=True))
    import_job_request_commit(user=alor_staff, job=job)
    assert list(IkmUnit.objects.values_list("pk", "nib", "name")) == [(nameless.pk, "9120001234567", "Tenun Ibu Ina Jaya")]


def test_an_id_from_outside_the_region_is_not_found(alor_staff, named_regions, tenun):
    belu = IkmUnitFactory(nib=None, name="Usaha Belu", desa_id="53.04.22.1004", commodity=tenun)
    rows = [[*HEADER, "ID"], [None, "Usaha Belu", None, None, None, None, 3, belu.pk]]
    job = import_job_create(user=alor_staff, kind="ikm", upload=xlsx_upload(rows))
    row = job.rows.get()
    assert row.action == RowAction.REFUSED and row.reasons == [
        f"Data dengan ID {belu.pk} tidak ditemukan di wilayah Anda; kosongkan kolom ID untuk menambah data baru."
    ]
    belu.refresh_from_db()
    assert belu.version == 1
