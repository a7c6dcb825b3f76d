"""Large files go to the worker (Django Tasks, db backend); the job page polls a small JSON status."""

import pytest
from django.core.management import call_command

from ikm.models import IkmUnit
from imports.models import ImportStatus
from imports.services import import_job_create, import_job_request_commit

from .conftest import xlsx_upload

HEADER = ["NIB", "Nama Usaha", "Kabupaten/Kota", "Kecamatan", "Desa/Kelurahan", "Komoditas", "Tenaga Kerja Perempuan"]


@pytest.fixture
def rows(named_regions, tenun):
    return [HEADER] + [[f"{9120000000000 + i}", f"Usaha {i}", "Alor", "Alor Barat Daya", "Kuneman", "Tenun ikat", i % 7] for i in range(300)]


def work():
    call_command("db_worker", batch=True, interval=0, verbosity=0)


@pytest.mark.django_db(transaction=True)
def test_a_large_file_is_checked_and_saved_by_the_worker(client, alor_staff, rows, settings):
    settings.IMPORT_SYNC_MAX_BYTES = 0  # everything counts as large
    job = import_job_create(user=alor_staff, kind="ikm", upload=xlsx_upload(rows))
    assert job.status == ImportStatus.QUEUED
    client.force_login(alor_staff)
    page = client.get(f"/impor/{job.pk}/")
    assert b'id="job-progress"' in page.content and b"imports/progress.js" in page.content
    assert client.get(f"/impor/{job.pk}/status.json").json()["running"] is True

    work()
    status = client.get(f"/impor/{job.pk}/status.json").json()
    assert (status["status"], status["running"], status["percent"]) == ("preview", False, 100)
    job.refresh_from_db()
    assert job.created_count == 300 and IkmUnit.objects.count() == 0

    job = import_job_request_commit(user=alor_staff, job=job)
    assert job.status == ImportStatus.SAVING
    work()
    job.refresh_from_db()
    assert job.status == ImportStatus.DONE and IkmUnit.objects.count() == 300


def test_with_the_immediate_backend_the_task_runs_once_the_upload_commits(alor_staff, rows, settings, django_capture_on_commit_callbacks):
    settings.IMPORT_SYNC_MAX_BYTES = 0
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
    with django_capture_on_commit_callbacks(execute=True):
        job = import_job_create(user=alor_staff, kind="ikm", upload=xlsx_upload(rows[:11]))
        assert job.status == ImportStatus.QUEUED
    job.refresh_from_db()
    assert (job.status, job.created_count) == (ImportStatus.PREVIEW, 10)


def test_status_reports_counted_progress_while_checking_and_saving(client, alor_staff, named_regions):
    from imports.models import ImportJob

    job = ImportJob.objects.create(user=alor_staff, kind="ikm", original_name="x.xlsx", file="imports/x.xlsx",
                                   status=ImportStatus.CHECKING, processed_rows=2000, total_rows=8000)
    client.force_login(alor_staff)
    assert client.get(f"/impor/{job.pk}/status.json").json()["percent"] == 25
    ImportJob.objects.filter(pk=job.pk).update(status=ImportStatus.SAVING, processed_rows=6000, total_rows=8000)
    status = client.get(f"/impor/{job.pk}/status.json").json()
    assert (status["percent"], status["total"], status["running"]) == (75, 8000, True)
    ImportJob.objects.filter(pk=job.pk).update(status=ImportStatus.QUEUED, processed_rows=0, total_rows=0)
    assert b'<progress id="job-progress" max="100">' in client.get(f"/impor/{job.pk}/").content  # size not known yet
