"""Housekeeping removes exactly what is older than its configured age: import files and preview rows, export
files and jobs, finished task results, unreferenced files; nothing younger, and none of the registry's data."""

import os
import time
from datetime import timedelta

import pytest
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.core.management import call_command
from django.utils import timezone

from core.testing.factories import SentraFactory
from imports.models import ImportJob, ImportRow, ImportStatus
from operations.housekeeping import housekeeping_run
from reports.models import ExportJob

pytestmark = pytest.mark.django_db
DAY = timedelta(days=1)


@pytest.fixture(autouse=True)
def ages(settings, tmp_path):
    settings.MEDIA_ROOT = str(tmp_path / "media")
    settings.HOUSEKEEPING_IMPORT_FILES_DAYS = 30
    settings.HOUSEKEEPING_IMPORT_ROWS_DAYS = 60
    settings.HOUSEKEEPING_EXPORT_FILES_DAYS = 7
    settings.HOUSEKEEPING_TASK_RESULTS_DAYS = 14
    settings.HOUSEKEEPING_WEBHOOK_DELIVERIES_DAYS = 30
    settings.CHANGES_RETENTION_DAYS = 180


def import_job(user, days_old, status=ImportStatus.DONE, rows=3):
    job = ImportJob(user=user, kind="ikm", original_name=f"umur-{days_old}.xlsx", status=status)
    job.file.save(f"umur-{days_old}.xlsx", ContentFile(b"isi"), save=False)
    job.save()
    ImportJob.objects.filter(pk=job.pk).update(created_at=timezone.now() - days_old * DAY)
    ImportRow.objects.bulk_create(ImportRow(job=job, row_number=n, action="create") for n in range(rows))
    job.refresh_from_db()
    return job


def export_job(user, days_old):
    job = ExportJob.objects.create(user=user, exporter="sentra", format="csv", status=ExportJob.Status.DONE)
    job.file_name = default_storage.save(f"exports/{job.pk}/sentra.csv", ContentFile(b"kode;nama"))
    job.save(update_fields=["file_name"])
    ExportJob.objects.filter(pk=job.pk).update(created_at=timezone.now() - days_old * DAY)
    return job


def stray_file(name, days_old):
    name = default_storage.save(name, ContentFile(b"sisa"))
    stamp = time.time() - days_old * 86400
    os.utime(default_storage.path(name), (stamp, stamp))
    return name


def task_result(days_old, status="SUCCESSFUL"):
    from django_tasks_db.models import DBTaskResult

    from reports.tasks import run_export_job

    result = run_export_job.enqueue("x")
    finished = timezone.now() - days_old * DAY if status != "READY" else None
    DBTaskResult.objects.filter(pk=result.id).update(status=status, finished_at=finished)
    return result.id


def test_removes_exactly_what_is_old(alor_staff):
    from django_tasks_db.models import DBTaskResult

    sentra = SentraFactory()
    old_done, young_done = import_job(alor_staff, 45), import_job(alor_staff, 29)
    very_old = import_job(alor_staff, 61)
    stale_preview = import_job(alor_staff, 40, status=ImportStatus.PREVIEW)
    old_export, young_export = export_job(alor_staff, 8), export_job(alor_staff, 6)
    old_stray, young_stray = stray_file("imports/2025/01/putus.xlsx", 31), stray_file("imports/2026/11/baru.xlsx", 2)
    old_export_stray = stray_file("exports/hilang/laporan.csv", 8)
    old_result, young_result, waiting = task_result(15), task_result(13), task_result(0, status="READY")
    failed_result = task_result(20, status="FAILED")
    old_files = [old_done.file.name, very_old.file.name, stale_preview.file.name]

    assert housekeeping_run() == {"import_files": 3, "import_rows": 3, "export_jobs": 1, "task_results": 2, "orphan_files": 2,
                                  "change_feed": 0, "webhook_deliveries": 0}

    # Import uploads older than 30 days are gone from storage; their job rows stay as the record of the import.
    assert [default_storage.exists(name) for name in old_files] == [False, False, False]
    assert default_storage.exists(young_done.file.name)
    assert set(ImportJob.objects.exclude(file="").values_list("pk", flat=True)) == {young_done.pk}
    assert ImportJob.objects.count() == 4
    # Preview rows go after 60 days, and with them any preview that could still have been committed.
    assert set(ImportRow.objects.values_list("job_id", flat=True)) == {old_done.pk, young_done.pk, stale_preview.pk}
    stale_preview.refresh_from_db()
    assert stale_preview.status == ImportStatus.CANCELLED
    old_done.refresh_from_db()
    assert old_done.status == ImportStatus.DONE
    # Exports older than 7 days: file and job; the empty folder of the old export is gone too.
    assert list(ExportJob.objects.values_list("pk", flat=True)) == [young_export.pk]
    assert not default_storage.exists(old_export.file_name) and default_storage.exists(young_export.file_name)
    assert not os.path.exists(default_storage.path(f"exports/{old_export.pk}"))
    # Unreferenced files only once they are as old as their kind's limit.
    assert not default_storage.exists(old_stray) and not default_storage.exists(old_export_stray)
    assert default_storage.exists(young_stray)
    # Finished task results past 14 days; a waiting one is never touched.
    assert {str(pk) for pk in DBTaskResult.objects.values_list("pk", flat=True)} == {young_result, waiting}
    assert old_result and failed_result
    # The registry itself is untouched.
    assert sentra.__class__.objects.filter(pk=sentra.pk).exists()

    assert housekeeping_run() == {"import_files": 0, "import_rows": 0, "export_jobs": 0, "task_results": 0, "orphan_files": 0,
                                  "change_feed": 0, "webhook_deliveries": 0}


def test_dry_run_counts_and_removes_nothing(alor_staff, capsys):
    job = import_job(alor_staff, 45)
    export = export_job(alor_staff, 8)
    call_command("housekeeping", dry_run=True)
    assert "would remove: import_files=1, import_rows=0, export_jobs=1" in capsys.readouterr().out
    assert default_storage.exists(job.file.name) and default_storage.exists(export.file_name)
    assert ImportRow.objects.count() == 3 and ExportJob.objects.count() == 1


def test_ages_come_from_the_settings(alor_staff, settings):
    job = import_job(alor_staff, 10)
    settings.HOUSEKEEPING_IMPORT_FILES_DAYS = 9
    settings.HOUSEKEEPING_IMPORT_ROWS_DAYS = 9
    call_command("housekeeping")
    job.refresh_from_db()
    assert job.file.name == "" and not ImportRow.objects.exists()


def test_old_change_feed_rows_and_webhook_deliveries_go_and_young_or_pending_ones_stay(monkeypatch):
    from apiclients.services import api_client_create
    from changes import selectors as feed
    from changes.models import Change
    from webhooks.models import Delivery, DeliveryStatus, Subscription

    monkeypatch.setattr(feed, "safe_horizon", lambda connection=None: None)  # this test's own writes count as ended
    old_sentra, young_sentra = SentraFactory(), SentraFactory()
    Change.objects.filter(object_id=old_sentra.pk).update(changed_at=timezone.now() - 181 * DAY)
    partner, _key = api_client_create(name="Portal", region=None, read_write=False, throttle_rate="60/min")
    subscription = Subscription.objects.create(client=partner, url="https://mitra.example.org/kait", secret="k" * 64)

    def delivery(status, days_old):
        made = Delivery.objects.create(subscription=subscription, event="sentra.updated", resource="sentra", object_id=1,
                                       position="1:1", payload={}, status=status)
        Delivery.objects.filter(pk=made.pk).update(created_at=timezone.now() - days_old * DAY)
        return made.pk

    old_sent, old_failed = delivery(DeliveryStatus.SENT, 31), delivery(DeliveryStatus.FAILED, 40)
    young_sent, old_pending = delivery(DeliveryStatus.SENT, 29), delivery(DeliveryStatus.PENDING, 90)

    result = housekeeping_run()

    assert result["webhook_deliveries"] == 2 and result["change_feed"] >= 1
    assert set(Delivery.objects.values_list("pk", flat=True)) == {young_sent, old_pending}
    assert not Change.objects.filter(object_id=old_sentra.pk, resource="sentra").exists()
    assert Change.objects.filter(object_id=young_sentra.pk, resource="sentra").exists()
    assert {old_sent, old_failed}.isdisjoint(Delivery.objects.values_list("pk", flat=True))
