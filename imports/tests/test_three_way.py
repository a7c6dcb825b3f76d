"""The pre-filled workbook after a colleague's edit: only the fields the user changed since the download are
written, the colleague's changes are never reverted, and a field both changed is a conflict the user resolves."""

import io

import openpyxl
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from core.testing.factories import IkmUnitFactory, SentraFactory, UserFactory
from ikm.models import IkmUnit
from ikm.services import ikm_update
from imports.models import RowAction
from imports.services import import_job_answer, import_job_create, import_job_request_commit
from sentra.models import Sentra
from sentra.services import sentra_update

from .conftest import XLSX


def download(client, user, kind):
    client.force_login(user)
    return openpyxl.load_workbook(io.BytesIO(b"".join(client.get(f"/impor/isian/{kind}.xlsx").streaming_content)))


def edit(book, row, **values):
    sheet = book["Data"]
    headers = [cell.value.rstrip(" *") if cell.value else None for cell in sheet[1]]
    for header, value in values.items():
        sheet.cell(row, headers.index(header.replace("_", " ")) + 1).value = value
    out = io.BytesIO()
    book.save(out)
    return SimpleUploadedFile("isian.xlsx", out.getvalue(), content_type=XLSX)


@pytest.fixture
def colleague(named_regions):
    return UserFactory(username="rekan", role="district", region_id="53.05")


@pytest.fixture
def unit(named_regions, tenun):
    return IkmUnitFactory(nib="9120000000001", name="Tenun Ina", product="Tikar, bakul", desa=named_regions, commodity=tenun,
                          workers_male=1, workers_female=4)


def test_fields_changed_by_each_side_are_both_kept(client, alor_staff, colleague, unit):
    book = download(client, alor_staff, "ikm")
    ikm_update(user=colleague, ikm=unit, data={"product": "Tikar, bakul, topi", "workers_female": 6}, expected_version=1)
    job = import_job_create(user=alor_staff, kind="ikm", upload=edit(book, 2, Nama_Usaha="Tenun Ina Jaya"))
    row = job.rows.get()
    assert row.action == RowAction.UPDATE and row.changes == [["Nama Usaha", "Tenun Ina", "Tenun Ina Jaya"]]
    assert "hanya kolom yang Anda ubah" in " ".join(row.warnings)
    import_job_request_commit(user=alor_staff, job=job)
    unit.refresh_from_db()
    assert (unit.name, unit.product, unit.workers_female, unit.version) == ("Tenun Ina Jaya", "Tikar, bakul, topi", 6, 3)


def test_an_untouched_row_after_a_colleagues_edit_changes_nothing(client, alor_staff, colleague, unit):
    book = download(client, alor_staff, "ikm")
    ikm_update(user=colleague, ikm=unit, data={"product": "Tikar, bakul, topi"}, expected_version=1)
    job = import_job_create(user=alor_staff, kind="ikm", upload=edit(book, 2))
    assert (job.unchanged_count, job.updated_count, job.conflict_count) == (1, 0, 0)


def test_a_field_both_changed_is_a_conflict_the_user_resolves(client, alor_staff, colleague, unit):
    book = download(client, alor_staff, "ikm")
    ikm_update(user=colleague, ikm=unit, data={"product": "Tikar, bakul, topi", "workers_female": 6}, expected_version=1)
    upload = edit(book, 2, Produk="Tikar saja", Nama_Usaha="Tenun Ina Jaya")
    job = import_job_create(user=alor_staff, kind="ikm", upload=upload)
    row = job.rows.get()
    assert row.action == RowAction.CONFLICT and "versi di berkas 1, versi sekarang 2" in row.reasons[0]
    assert row.payload["conflicts"] == [["Produk", "Tikar, bakul", "Tikar, bakul, topi", "Tikar saja"]]
    import_job_request_commit(user=alor_staff, job=job) if job.writable_count else None
    unit.refresh_from_db()
    assert (unit.name, unit.product) == ("Tenun Ina", "Tikar, bakul, topi")  # nothing written before the choice

    job = import_job_answer(user=alor_staff, job=job, row=2, choice="theirs")
    assert job.rows.get().changes == [["Nama Usaha", "Tenun Ina", "Tenun Ina Jaya"]]
    import_job_request_commit(user=alor_staff, job=job)
    unit.refresh_from_db()
    assert (unit.name, unit.product, unit.workers_female) == ("Tenun Ina Jaya", "Tikar, bakul, topi", 6)


def test_choosing_the_file_value_writes_it_and_keeps_the_rest(client, alor_staff, colleague, unit):
    book = download(client, alor_staff, "ikm")
    ikm_update(user=colleague, ikm=unit, data={"product": "Tikar, bakul, topi", "workers_female": 6}, expected_version=1)
    job = import_job_create(user=alor_staff, kind="ikm", upload=edit(book, 2, Produk="Tikar saja"))
    job = import_job_answer(user=alor_staff, job=job, all_conflicts="mine")
    import_job_request_commit(user=alor_staff, job=job)
    unit.refresh_from_db()
    assert (unit.product, unit.workers_female) == ("Tikar saja", 6)


def test_the_same_rule_for_sentra(client, alor_staff, colleague, named_regions, tenun):
    sentra = SentraFactory(code="SNT-1", name="Sentra Tenun", status="aktif", commodity=tenun)
    book = download(client, alor_staff, "sentra")
    sentra_update(user=colleague, sentra=sentra, data={"status": "kurang_aktif"}, expected_version=1)
    job = import_job_create(user=alor_staff, kind="sentra", upload=edit(book, 2, Nama_Sentra="Sentra Tenun Moramam"))
    assert job.updated_count == 1
    import_job_request_commit(user=alor_staff, job=job)
    assert Sentra.objects.values_list("name", "status").get() == ("Sentra Tenun Moramam", "kurang_aktif")
    assert IkmUnit.objects.count() == 0
