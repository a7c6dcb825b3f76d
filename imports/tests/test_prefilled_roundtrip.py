"""Item 8: download the region's own records, edit offline, re-import; changes made meanwhile are conflicts."""

import io

import openpyxl
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from core.testing.factories import SentraFactory, UserFactory
from imports.models import ImportStatus, RowAction
from imports.services import import_job_create, import_job_request_commit
from sentra.models import Sentra
from sentra.services import sentra_update

from .conftest import XLSX


@pytest.fixture
def alor_sentra(named_regions, tenun):
    return [SentraFactory(code=f"SNT-ALOR-{i}", name=f"Sentra Alor {i}", commodity=tenun) for i in (1, 2)]


@pytest.fixture
def belu_sentra(named_regions, tenun):
    return SentraFactory(code="SNT-BELU-1", desa_id="53.04.22.1004", commodity=tenun)


def download(client, user, kind="sentra"):
    client.force_login(user)
    response = client.get(f"/impor/isian/{kind}.xlsx")
    assert response.status_code == 200
    return openpyxl.load_workbook(io.BytesIO(b"".join(response.streaming_content)))


def as_upload(book, name="isian.xlsx"):
    out = io.BytesIO()
    book.save(out)
    return SimpleUploadedFile(name, out.getvalue(), content_type=XLSX)


def column(sheet, header):
    for cell in sheet[1]:
        if cell.value and cell.value.rstrip(" *") == header:
            return cell.column
    raise KeyError(header)


def test_the_prefilled_workbook_holds_only_the_users_region_with_versions(client, alor_staff, alor_sentra, belu_sentra):
    sheet = download(client, alor_staff)["Data"]
    codes = [row[0] for row in sheet.iter_rows(min_row=2, values_only=True)]
    assert codes == ["SNT-ALOR-1", "SNT-ALOR-2"]
    assert sheet.cell(2, column(sheet, "Versi")).value == 1
    assert sheet.cell(2, column(sheet, "Desa/Kelurahan")).value == "Kuneman"
    assert sheet.cell(2, column(sheet, "Komoditas Utama")).value == "Tenun ikat"


def test_reimporting_the_untouched_workbook_changes_nothing(client, alor_staff, alor_sentra):
    job = import_job_create(user=alor_staff, kind="sentra", upload=as_upload(download(client, alor_staff)))
    assert (job.status, job.unchanged_count, job.created_count, job.updated_count, job.refused_count) == (ImportStatus.PREVIEW, 2, 0, 0, 0)


def test_rows_changed_in_the_registry_since_download_are_conflicts_not_overwritten(client, alor_staff, alor_sentra):
    book = download(client, alor_staff)
    sheet = book["Data"]
    sheet.cell(2, column(sheet, "Nama Sentra")).value = "Nama dari berkas"
    sheet.cell(3, column(sheet, "Nama Sentra")).value = "Sentra Alor 2 (diperbaiki)"
    colleague = UserFactory(username="rekan", role="district", region_id="53.05")
    sentra_update(user=colleague, sentra=alor_sentra[0], data={"name": "Nama dari rekan"}, expected_version=1)

    job = import_job_create(user=alor_staff, kind="sentra", upload=as_upload(book))
    assert (job.conflict_count, job.updated_count) == (1, 1)
    conflict = job.rows.get(action=RowAction.CONFLICT)
    assert conflict.row_number == 2 and "versi di berkas 1, versi sekarang 2" in conflict.reasons[0]
    assert ["Nama Sentra", "Nama dari rekan", "Nama dari berkas"] in conflict.changes

    import_job_request_commit(user=alor_staff, job=job)
    names = dict(Sentra.objects.values_list("code", "name"))
    assert names == {"SNT-ALOR-1": "Nama dari rekan", "SNT-ALOR-2": "Sentra Alor 2 (diperbaiki)"}


def test_a_change_between_preview_and_commit_stops_the_commit(client, alor_staff, alor_sentra):
    book = download(client, alor_staff)
    sheet = book["Data"]
    sheet.cell(2, column(sheet, "Nama Sentra")).value = "Nama dari berkas"
    job = import_job_create(user=alor_staff, kind="sentra", upload=as_upload(book))
    assert job.updated_count == 1
    sentra_update(user=alor_staff, sentra=alor_sentra[0], data={"name": "Diubah saat pratinjau"}, expected_version=1)

    job = import_job_request_commit(user=alor_staff, job=job)
    assert job.status == ImportStatus.PREVIEW and job.conflict_count == 1 and job.updated_count == 0
    assert "berubah sejak pratinjau" in job.messages[-1]
    assert Sentra.objects.get(code="SNT-ALOR-1").name == "Diubah saat pratinjau"
