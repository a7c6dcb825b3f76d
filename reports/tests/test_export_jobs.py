"""National-size exports run as background jobs with progress and a download link; small ones come back directly."""

import io

import openpyxl
import pytest
from django.test import override_settings

from core.testing.factories import UserFactory
from reports.models import ExportJob

IMMEDIATE = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}


@pytest.fixture
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    return tmp_path


def test_small_export_comes_back_directly(client, demo, alor_staff):
    client.force_login(alor_staff)
    response = client.get("/laporan/ekspor/ikm.xlsx")
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith('attachment; filename="ikm-')
    assert ExportJob.objects.count() == 0


@override_settings(TASKS=IMMEDIATE, REPORTS_DIRECT_EXPORT_MAX_ROWS=10)
def test_large_export_runs_as_job_with_download(client, demo, analyst, media, django_capture_on_commit_callbacks):
    client.force_login(analyst)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.get("/laporan/ekspor/ikm.xlsx?commodity_group=sandang")
    job = ExportJob.objects.get()
    assert response.status_code == 302 and response["Location"] == f"/laporan/ekspor/tugas/{job.pk}/"
    job.refresh_from_db()
    assert job.status == ExportJob.Status.DONE, job.error
    assert (job.rows_done, job.rows_total, job.progress_percent) == (18, 18, 100)
    page = client.get(f"/laporan/ekspor/tugas/{job.pk}/").content.decode()
    assert f"/laporan/ekspor/tugas/{job.pk}/unduh/" in page
    download = client.get(f"/laporan/ekspor/tugas/{job.pk}/unduh/")
    book = openpyxl.load_workbook(io.BytesIO(b"".join(download.streaming_content)))
    assert book.worksheets[1].max_row == 19  # header + 18 weavers of Mali
    meta = {row[0]: row[1] for row in book["Keterangan"].iter_rows(values_only=True)}
    assert meta["Filter: commodity_group"] == "sandang"


@override_settings(TASKS=IMMEDIATE)
def test_job_runs_with_the_owner_scope_and_only_the_owner_sees_it(client, demo, ntt_staff, media, django_capture_on_commit_callbacks):
    client.force_login(ntt_staff)
    with django_capture_on_commit_callbacks(execute=True):
        client.get("/laporan/ekspor/sentra.csv?background=1")
    job = ExportJob.objects.get()
    text = b"".join(client.get(f"/laporan/ekspor/tugas/{job.pk}/unduh/").streaming_content).decode("utf-8-sig")
    assert "SNT-ALOR-MALI" in text and "SNT-LOTENG" not in text
    client.force_login(UserFactory(role="analyst"))
    assert client.get(f"/laporan/ekspor/tugas/{job.pk}/").status_code == 404
    assert client.get(f"/laporan/ekspor/tugas/{job.pk}/unduh/").status_code == 404


def test_queued_job_shows_progress_page(client, analyst):
    job = ExportJob.objects.create(user=analyst, exporter="ikm", format="xlsx", rows_total=200, rows_done=50)
    client.force_login(analyst)
    page = client.get(f"/laporan/ekspor/tugas/{job.pk}/").content.decode()
    assert 'http-equiv="refresh"' in page and 'value="25"' in page
