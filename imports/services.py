"""Import jobs: upload (checked before anything is stored), preview, all-or-nothing commit.

Small files are handled inside the request; larger ones by the background worker (`manage.py db_worker`)
through the Django Tasks API, while the job page polls progress.
"""

import logging
from itertools import islice

import orjson

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.storage import default_storage
from django.db import DatabaseError, connection, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from core.bulk import copy_available, copy_rows
from core.dberrors import integrity_error_message
from core.files import random_name
from core.gcpause import gc_paused

from .conf import limit
from .engine import PreviewMoved, build_plan, commits_from_preview, plan_from_preview, row_payload, write_plan
from .files import FileRefused, inspect
from .kinds import KINDS
from .models import ImportJob, ImportRow, ImportStatus, RowAction

logger = logging.getLogger(__name__)
ROW_BATCH = 2000


class PreviewOutdated(Exception):
    def __init__(self, plan):
        self.plan = plan


def _progress(job):
    def report(done, total, phase):
        ImportJob.objects.filter(pk=job.pk).update(processed_rows=done, total_rows=total, phase=phase)

    return report


def _finish(job, status, message=None, **fields):
    job.status = status
    if message:
        job.messages = [*job.messages, message]
    for name, value in fields.items():
        setattr(job, name, value)
    job.save()


def import_job_create(*, user, kind, upload):
    """Check the uploaded file and store it as a job; hostile files are refused before anything is saved."""
    if not getattr(user, "can_edit_records", False):
        raise PermissionDenied(_("Anda tidak berwenang mengimpor data."))
    if kind not in KINDS:
        raise ValidationError(_("Jenis data tidak dikenal."))
    try:
        inspect(upload, upload.name, upload.size)
    except FileRefused as refusal:
        raise ValidationError(str(refusal)) from None
    upload.seek(0)
    job = ImportJob(user=user, kind=kind, original_name=upload.name[:255], size_bytes=upload.size)
    job.file.name = default_storage.save(random_name("imports", upload.name), upload)  # never the (guessable) upload name
    job.save()
    if upload.size <= limit("IMPORT_SYNC_MAX_BYTES"):
        import_job_check(job_id=job.pk)
        job.refresh_from_db()
    else:
        from .tasks import check_import

        transaction.on_commit(lambda: check_import.enqueue(job.pk))
    return job


def _json(value):
    return orjson.dumps(value, default=str).decode()  # default: Decimal (as DjangoJSONEncoder) and lazy texts


def _store_rows(job, plan):
    ImportRow.objects.filter(job=job).delete()
    writable = (RowAction.CREATE, RowAction.UPDATE)
    # A generator: on PostgreSQL the server parses the rows already sent while the next ones are encoded.
    values = (
        (
            job.pk, row.number, row.action, row.key_label[:120], _json(row.reasons), _json(row.changes),
            _json(row_payload(row) if row.action in writable else {}),
        )
        for row in plan.rows
        if row.action != RowAction.UNCHANGED
    )
    names = ("job_id", "row_number", "action", "key", "reasons", "changes", "payload")
    table = ImportRow._meta.db_table
    # A 100,000-row preview is stored in about a second with COPY, a few seconds with plain executemany,
    # a minute with model instances.
    if copy_available():
        copy_rows(table, names, values)
    else:
        columns = ", ".join(connection.ops.quote_name(name) for name in names)
        placeholders = ", ".join(["%s"] * len(names))
        with connection.cursor() as cursor:
            while batch := list(islice(values, ROW_BATCH)):
                cursor.executemany(f"INSERT INTO {connection.ops.quote_name(table)} ({columns}) VALUES ({placeholders})", batch)
    counts = {
        "created_count": plan.count(RowAction.CREATE),
        "updated_count": plan.count(RowAction.UPDATE),
        "unchanged_count": plan.count(RowAction.UNCHANGED),
        "refused_count": plan.count(RowAction.REFUSED),
        "conflict_count": plan.count(RowAction.CONFLICT),
    }
    return counts


def import_job_check(*, job_id):
    """Build the preview: what each row would do and why; writes nothing to the registry."""
    job = ImportJob.objects.select_related("user").get(pk=job_id)
    ImportJob.objects.filter(pk=job.pk).update(status=ImportStatus.CHECKING, phase=_("Membaca berkas"))
    try:
        with gc_paused():
            plan = build_plan(job, progress=_progress(job))
            counts = _store_rows(job, plan)
    except FileRefused as refusal:
        job.refresh_from_db()
        return _finish(job, ImportStatus.REFUSED, str(refusal), phase="")
    except Exception:
        logger.exception("import %s: check failed", job.pk)
        job.refresh_from_db()
        return _finish(job, ImportStatus.FAILED, _("Pemeriksaan gagal karena kesalahan sistem; hubungi administrator."), phase="")
    job.refresh_from_db()
    total = len(plan.rows)
    _finish(
        job, ImportStatus.PREVIEW, None, messages=plan.notes, phase="", total_rows=total, processed_rows=total,
        checked_at=timezone.now(), **counts,
    )


def import_job_request_commit(*, user, job):
    """Start the commit of a previewed job (inline for small files, in the worker otherwise)."""
    if job.user_id != user.pk:
        raise PermissionDenied(_("Hanya pengunggah yang dapat menyimpan impor ini."))
    claimed = ImportJob.objects.filter(pk=job.pk, status=ImportStatus.PREVIEW).update(
        status=ImportStatus.SAVING, phase=_("Menyimpan (satu transaksi)"), processed_rows=0
    )
    if not claimed:
        raise ValidationError(_("Impor ini tidak dalam keadaan siap disimpan."))
    if job.size_bytes <= limit("IMPORT_SYNC_MAX_BYTES"):
        import_job_commit(job_id=job.pk)
    else:
        from .tasks import commit_import

        transaction.on_commit(lambda: commit_import.enqueue(job.pk))
    job.refresh_from_db()
    return job


def _recheck_plan(job):
    """The full re-check: read the file again with the records locked; refuse if the outcome differs from the preview."""
    stored = sorted(list(row) for row in ImportRow.objects.filter(job=job).values_list("row_number", "action", "changes"))
    plan = build_plan(job, lock=True)
    if [list(item) for item in plan.signature()] != stored or plan.count(RowAction.UNCHANGED) != job.unchanged_count:
        raise PreviewOutdated(plan)
    return plan


def _previewed_plan(job):
    """The plan the user approved, from the stored rows (no second pass over the file) when the kind allows it
    and nothing moved since the preview; otherwise the full re-check."""
    if commits_from_preview(KINDS[job.kind]):
        stored = ImportRow.objects.filter(job=job, action__in=[RowAction.CREATE, RowAction.UPDATE])
        try:
            with transaction.atomic():  # savepoint: a refusal must not leave the locks' queries half-done
                return plan_from_preview(job, stored)
        except (PreviewMoved, KeyError):  # KeyError: a job previewed before payloads were stored
            pass
    return _recheck_plan(job)


def import_job_commit(*, job_id):
    """Write all of the previewed rows or nothing, after checking under lock that none of their records moved."""
    job = ImportJob.objects.select_related("user").get(pk=job_id)
    try:
        with transaction.atomic(), gc_paused():
            plan = _previewed_plan(job)
            created, updated = write_plan(plan, job.user)
    except PreviewOutdated as outdated:
        counts = _store_rows(job, outdated.plan)
        return _finish(
            job, ImportStatus.PREVIEW,
            _("Data di registri berubah sejak pratinjau dibuat; tidak ada yang disimpan. Periksa pratinjau terbaru lalu simpan lagi."),
            phase="", checked_at=timezone.now(), **counts,
        )
    except FileRefused as refusal:
        return _finish(job, ImportStatus.REFUSED, str(refusal), phase="")
    except (ValidationError, PermissionDenied, DatabaseError) as error:
        logger.warning("import %s: commit refused: %s", job.pk, error)
        # Never the database's own text (it names tables and other regions' values): core.dberrors words it.
        detail = "; ".join(error.messages) if isinstance(error, ValidationError) else integrity_error_message(error)
        return _finish(job, ImportStatus.PREVIEW, _("Tidak ada yang disimpan: %(error)s") % {"error": detail}, phase="")
    except Exception:
        logger.exception("import %s: commit failed", job.pk)
        return _finish(job, ImportStatus.FAILED, _("Penyimpanan gagal karena kesalahan sistem; tidak ada yang disimpan."), phase="")
    _finish(
        job, ImportStatus.DONE, _("%(created)s data dibuat dan %(updated)s data diubah.") % {"created": created, "updated": updated},
        phase="", committed_at=timezone.now(), processed_rows=job.total_rows,
    )


def import_job_cancel(*, user, job):
    if job.user_id != user.pk:
        raise PermissionDenied(_("Hanya pengunggah yang dapat membatalkan impor ini."))
    ImportJob.objects.filter(pk=job.pk, status__in=[ImportStatus.PREVIEW, ImportStatus.REFUSED]).update(status=ImportStatus.CANCELLED)
