"""Housekeeping: remove what only ever grows and is no longer needed, by age (settings HOUSEKEEPING_*_DAYS).

- uploaded import files of jobs older than HOUSEKEEPING_IMPORT_FILES_DAYS (the job row stays: it records who
  imported what; a job still waiting for its commit is cancelled, since its file and preview are gone);
- the preview rows of import jobs older than HOUSEKEEPING_IMPORT_ROWS_DAYS;
- export files and their job rows older than HOUSEKEEPING_EXPORT_FILES_DAYS;
- finished task results older than HOUSEKEEPING_TASK_RESULTS_DAYS (database queue; failed RQ jobs);
- files under imports/ and exports/ that no job names any more (an upload cut off halfway, a deleted job),
  once they are as old as the files of their kind;
- change-feed rows older than CHANGES_RETENTION_DAYS that the webhook dispatcher has passed (a partner asking
  from before them is told to load again: 410), as `manage.py prune_changes` does;
- webhook deliveries sent or given up older than HOUSEKEEPING_WEBHOOK_DELIVERIES_DAYS (a pending one stays).
The registry's own data and its history are never touched. Run by `manage.py housekeeping`, daily.
"""

import logging
import os
from datetime import timedelta, timezone as dt_timezone

from django.conf import settings
from django.core.files.storage import default_storage
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from imports.models import ImportJob, ImportRow, ImportStatus
from reports.models import ExportJob

from . import workers

logger = logging.getLogger("operations.housekeeping")

UNFINISHED_IMPORTS = (ImportStatus.QUEUED, ImportStatus.CHECKING, ImportStatus.PREVIEW, ImportStatus.SAVING)


def _cutoff(now, setting):
    return now - timedelta(days=getattr(settings, setting))


def _delete_file(name):
    try:
        default_storage.delete(name)
    except FileNotFoundError:
        pass


def _clean_import_files(now, dry_run):
    jobs = ImportJob.objects.filter(created_at__lt=_cutoff(now, "HOUSEKEEPING_IMPORT_FILES_DAYS")).exclude(file="")
    done = 0
    for job_id, name, status in jobs.values_list("pk", "file", "status").iterator():
        done += 1
        if dry_run:
            continue
        _delete_file(name)
        changes = {"file": ""}
        if status in UNFINISHED_IMPORTS:
            changes.update(status=ImportStatus.CANCELLED, phase=_("Kedaluwarsa: berkas dibersihkan otomatis"))
        ImportJob.objects.filter(pk=job_id).update(**changes)
    return done


def _clean_import_rows(now, dry_run):
    old_jobs = ImportJob.objects.filter(created_at__lt=_cutoff(now, "HOUSEKEEPING_IMPORT_ROWS_DAYS"))
    removed = 0
    for job_id, status in old_jobs.values_list("pk", "status").iterator():
        rows = ImportRow.objects.filter(job_id=job_id)
        if dry_run:
            removed += rows.count()
            continue
        with transaction.atomic():  # one job at a time: a 100,000-row preview is one short statement
            removed += rows._raw_delete(rows.db)
            if status in UNFINISHED_IMPORTS:  # a preview without its rows cannot be committed any more
                ImportJob.objects.filter(pk=job_id).update(status=ImportStatus.CANCELLED, phase=_("Kedaluwarsa: berkas dibersihkan otomatis"))
    return removed


def _clean_exports(now, dry_run):
    jobs = ExportJob.objects.filter(created_at__lt=_cutoff(now, "HOUSEKEEPING_EXPORT_FILES_DAYS"))
    done = 0
    for job_id, name in jobs.values_list("pk", "file_name").iterator():
        done += 1
        if not dry_run:
            if name:
                _delete_file(name)
            ExportJob.objects.filter(pk=job_id).delete()
    return done


def _clean_task_results(now, dry_run):
    cutoff = _cutoff(now, "HOUSEKEEPING_TASK_RESULTS_DAYS")
    backend = workers.backend_path()
    if backend == workers.DB_BACKEND:
        from django_tasks_db.models import DBTaskResult

        results = DBTaskResult.objects.filter(status__in=["SUCCESSFUL", "FAILED"], finished_at__lt=cutoff)
        return results.count() if dry_run else results.delete()[0]
    if backend == workers.RQ_BACKEND:
        # RQ expires successful results by itself (result_ttl); failed jobs stay in the failed registry.
        import django_rq
        from rq.job import Job
        from rq.registry import FailedJobRegistry

        removed = 0
        for name in settings.TASKS["default"].get("QUEUES", ["default"]):
            queue = django_rq.get_queue(name)
            registry = FailedJobRegistry(queue=queue)
            for job in Job.fetch_many(registry.get_job_ids(), connection=queue.connection):
                ended = job.ended_at if job else None
                if job is not None and ended is not None and ended.replace(tzinfo=ended.tzinfo or dt_timezone.utc) < cutoff:
                    removed += 1
                    if not dry_run:
                        registry.remove(job, delete_job=True)
        return removed
    return 0


def _walk(folder):
    try:
        folders, files = default_storage.listdir(folder)
    except (FileNotFoundError, NotADirectoryError):
        return
    for name in files:
        yield f"{folder}/{name}"
    for name in folders:
        yield from _walk(f"{folder}/{name}")


def _remove_empty_folders(folder):
    """File-system storage keeps empty folders (exports/<job id>/) after their file is gone."""
    try:
        root = default_storage.path(folder)
    except NotImplementedError:  # object storage has no folders
        return
    for path, _dirs, _files in sorted(os.walk(root), key=lambda item: -len(item[0])):
        if path != root and not os.listdir(path):
            os.rmdir(path)


def _clean_orphans(now, dry_run):
    referenced = set(ImportJob.objects.exclude(file="").values_list("file", flat=True))
    referenced |= set(ExportJob.objects.exclude(file_name="").values_list("file_name", flat=True))
    removed = 0
    for folder, setting in (("imports", "HOUSEKEEPING_IMPORT_FILES_DAYS"), ("exports", "HOUSEKEEPING_EXPORT_FILES_DAYS")):
        cutoff = _cutoff(now, setting)
        for name in list(_walk(folder)):
            if name in referenced or default_storage.get_modified_time(name) >= cutoff:
                continue
            removed += 1
            if not dry_run:
                _delete_file(name)
        if not dry_run:
            _remove_empty_folders(folder)
    return removed


def _prune_change_feed(now, dry_run):
    from changes.models import Change
    from changes.selectors import prune_before

    cutoff = _cutoff(now, "CHANGES_RETENTION_DAYS")
    if dry_run:
        return Change.objects.filter(changed_at__lt=cutoff).count()
    return prune_before(cutoff)


def _clean_webhook_deliveries(now, dry_run):
    from webhooks.models import Delivery, DeliveryStatus

    old = Delivery.objects.filter(
        status__in=[DeliveryStatus.SENT, DeliveryStatus.FAILED], created_at__lt=_cutoff(now, "HOUSEKEEPING_WEBHOOK_DELIVERIES_DAYS"),
    )
    return old.count() if dry_run else old.delete()[0]


def housekeeping_run(*, now=None, dry_run=False):
    """Remove what is older than its configured age; returns what was (or, dry_run, would be) removed."""
    now = now or timezone.now()
    result = {
        "import_files": _clean_import_files(now, dry_run),
        "import_rows": _clean_import_rows(now, dry_run),
        "export_jobs": _clean_exports(now, dry_run),
        "task_results": _clean_task_results(now, dry_run),
        "orphan_files": _clean_orphans(now, dry_run),
        "change_feed": _prune_change_feed(now, dry_run),
        "webhook_deliveries": _clean_webhook_deliveries(now, dry_run),
    }
    logger.info("housekeeping %s", "dry run" if dry_run else "done", extra={"removed": result})
    return result
