"""Import jobs: upload (checked before anything is stored), set-up, preview, answers, all-or-nothing commit.

Small files are handled inside the request; larger ones by the background worker (`manage.py db_worker`)
through the Django Tasks API, while the job page polls progress.
"""

import logging
from collections import Counter
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

from . import mapping as mappings
from .conf import limit
from .engine import PreviewMoved, build_plan, commits_from_preview, plan_from_preview, row_payload, write_plan
from .files import FileRefused, inspect, open_book
from .kinds import KINDS
from .models import ImportJob, ImportRow, ImportStatus, RowAction
from .progress import SideProgress, job_progress
from .setup import analyse, remember

logger = logging.getLogger(__name__)
ROW_BATCH = 2000
EDITABLE = (ImportStatus.SETUP, ImportStatus.PREVIEW, ImportStatus.REFUSED)


class PreviewOutdated(Exception):
    def __init__(self, plan):
        self.plan = plan


def _finish(job, status, message=None, **fields):
    job.status = status
    if message:
        job.messages = [*job.messages, message]
    for name, value in fields.items():
        setattr(job, name, value)
    job.save()


def _ensure_owner(user, job):
    if job.user_id != user.pk:
        raise PermissionDenied(_("Hanya pengunggah yang dapat mengubah impor ini."))


def import_job_create(*, user, kind, upload):
    """Check the uploaded file and store it as a job; hostile files are refused before anything is saved."""
    if not getattr(user, "can_edit_records", False):
        raise PermissionDenied(_("Anda tidak berwenang mengimpor data."))
    if kind not in KINDS:
        raise ValidationError(_("Jenis data tidak dikenal."))
    try:
        file_kind = inspect(upload, upload.name, upload.size)
        if file_kind == "xls":
            open_book(upload, upload.name, upload.size).close()  # a broken .xls is refused now, not after upload
    except FileRefused as refusal:
        raise ValidationError(str(refusal)) from None
    upload.seek(0)
    job = ImportJob(user=user, kind=kind, original_name=upload.name[:255], size_bytes=upload.size)
    job.file.name = default_storage.save(random_name("imports", upload.name), upload)  # never the (guessable) upload name
    job.save()
    _run_check(job)
    job.refresh_from_db()
    return job


def _run_check(job):
    if job.size_bytes <= limit("IMPORT_SYNC_MAX_BYTES"):
        import_job_check(job_id=job.pk)
    else:
        from .tasks import check_import

        ImportJob.objects.filter(pk=job.pk).update(status=ImportStatus.QUEUED, phase="", processed_rows=0, total_rows=0)
        transaction.on_commit(lambda: check_import.enqueue(job.pk))


def _json(value):
    if not value:
        return "{}" if isinstance(value, dict) else "[]"  # most rows: nothing to say, no encoder call
    return orjson.dumps(value, default=str).decode()  # default: Decimal (as DjangoJSONEncoder) and lazy texts


def _store_rows(job, plan):
    ImportRow.objects.filter(job=job).delete()
    # A generator: on PostgreSQL the server parses the rows already sent while the next ones are encoded.
    values = (
        (job.pk, row.number, row.action, row.key_label[:120], _json(row.reasons), _json(row.changes), _json(row_payload(row)),
         _json(row.warnings))
        for row in plan.rows
        if row.action != RowAction.UNCHANGED or row.warnings
    )
    names = ("job_id", "row_number", "action", "key", "reasons", "changes", "payload", "warnings")
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
    counts = Counter(row.action for row in plan.rows)
    return {
        "created_count": counts[RowAction.CREATE], "updated_count": counts[RowAction.UPDATE],
        "unchanged_count": counts[RowAction.UNCHANGED], "refused_count": counts[RowAction.REFUSED],
        "conflict_count": counts[RowAction.CONFLICT], "review_count": counts[RowAction.REVIEW],
        "skipped_count": counts[RowAction.SKIPPED],
    }


def _analyse(job, book, header_row=None):
    """Decide sheet, layout and mapping; True when the user must confirm something first (status SETUP)."""
    analysis = analyse(job, KINDS[job.kind](user=job.user, scope=""), book, header_row=header_row)
    job.sheets = analysis.sheets
    job.sheet_name = analysis.sheet_name or job.sheet_name
    job.layout = analysis.layout
    job.mapping = analysis.mapping
    job.summary = {"preview_rows": analysis.preview, "setup_messages": analysis.messages}
    job.messages = [*book.notes, *analysis.messages]
    ImportJob.objects.filter(pk=job.pk).update(
        sheets=job.sheets, sheet_name=job.sheet_name, layout=job.layout, mapping=job.mapping, summary=job.summary,
        messages=job.messages,
    )
    return bool(analysis.needs)


def import_job_check(*, job_id):
    """Build the preview: what each row would do and why; writes nothing to the registry.

    Without a mapping (a new upload, another sheet or header row chosen) the file is analysed first; when the
    user must confirm something the job stops at SETUP."""
    job = ImportJob.objects.select_related("user").get(pk=job_id)
    header_row = (job.layout or {}).get("requested_header_row")
    ImportJob.objects.filter(pk=job.pk).update(status=ImportStatus.CHECKING, phase=_("Membaca berkas"))
    try:
        with gc_paused(), default_storage.open(job.file.name, "rb") as handle:
            book = open_book(handle, job.original_name, default_storage.size(job.file.name))
            try:
                if not job.mapping or header_row:
                    if _analyse(job, book, header_row):
                        return _to_setup(job)
                plan = build_plan(job, progress=job_progress(ImportJob, job.pk), book=book)
            finally:
                book.close()
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
    messages = [*job.summary.get("setup_messages", []), *plan.notes]
    _finish(
        job, ImportStatus.PREVIEW, None, messages=messages, phase="", total_rows=total, processed_rows=total,
        checked_at=timezone.now(), summary={**job.summary, **plan.summary}, **counts,
    )


def _to_setup(job):
    ImportRow.objects.filter(job=job).delete()
    job.refresh_from_db()
    _finish(job, ImportStatus.SETUP, None, phase="", created_count=0, updated_count=0, unchanged_count=0, refused_count=0,
            conflict_count=0, review_count=0, skipped_count=0)


def import_job_setup(*, user, job, sheet_name=None, header_row=None, targets=None):
    """The user's answer on the set-up step: a sheet, a header row, or the column mapping; then check again.

    `targets`: one target header (or "") per mapping entry, in the mapping's order. A confirmed mapping is
    remembered for the office's next file with the same headers."""
    _ensure_owner(user, job)
    if job.status not in EDITABLE:
        raise ValidationError(_("Impor ini sedang diproses atau sudah disimpan."))
    kind = KINDS[job.kind](user=user, scope="")
    if sheet_name is not None:
        if sheet_name not in [sheet["name"] for sheet in job.sheets]:
            raise ValidationError(_("Lembar itu tidak ada di berkas."))
        ImportJob.objects.filter(pk=job.pk).update(sheet_name=sheet_name, mapping=[], layout={}, options={})
        return _rerun(job)
    if header_row is not None:
        ImportJob.objects.filter(pk=job.pk).update(mapping=[], options={}, layout={"requested_header_row": int(header_row)})
        return _rerun(job)
    if targets is not None:
        allowed = {target for target, _label in mappings.targets_of(kind)} | {""}
        mapping = [dict(entry) for entry in job.mapping]
        if len(targets) != len(mapping) or any(target not in allowed for target in targets):
            raise ValidationError(_("Pemetaan kolom tidak sah; muat ulang halaman dan coba lagi."))
        for entry, target in zip(mapping, targets):
            if entry["target"] != target:
                entry["how"] = mappings.USER
            entry["target"] = target
            if not target and entry["how"] != mappings.USER:
                entry["how"] = mappings.IGNORE
        errors = mappings.validate(kind, mapping)
        if errors:
            raise ValidationError([
                _("Kolom tujuan '%(target)s' dipilih untuk dua kolom berkas (%(first)s dan %(second)s); pilih satu saja.")
                % {"target": target, "first": first, "second": second} for target, first, second in errors
            ])
        if not any(entry["target"] for entry in mapping):
            raise ValidationError(_("Pilih paling sedikit satu kolom untuk diimpor."))
        remember(user, job.kind, job.layout["headers"], mapping)
        ImportJob.objects.filter(pk=job.pk).update(mapping=mapping)
        return _rerun(job)
    raise ValidationError(_("Tidak ada pilihan yang dikirim."))


def import_job_answer(*, user, job, numbers=None, include_hidden=None, row=None, choice=None, all_similar=None,
                      all_conflicts=None, values=None):
    """The user's answers in the preview; each re-checks the file with them (nothing is written).

    numbers: {target: 'id'|'en'} the convention of a column whose numbers were ambiguous
    include_hidden: read rows hidden in the file too
    row, choice: one row's decision ('create', 'update:<id>' for a possible duplicate, 'mine'/'theirs' for a conflict)
    all_similar ('update'|'create'), all_conflicts ('mine'|'theirs'): the same for every such row
    values: {target: {value as written: id}} a reference value mapped for the whole file (e.g. a commodity)"""
    _ensure_owner(user, job)
    if job.status not in (ImportStatus.PREVIEW,):
        raise ValidationError(_("Impor ini tidak dalam keadaan pratinjau."))
    if all(value is None for value in (numbers, include_hidden, row, all_similar, all_conflicts, values)):
        raise ValidationError(_("Tidak ada pilihan yang dikirim."))
    options = dict(job.options)
    if numbers:
        if any(value not in ("id", "en") for value in numbers.values()):
            raise ValidationError(_("Pilihan cara baca angka tidak sah."))
        options["numbers"] = {**options.get("numbers", {}), **numbers}
    if include_hidden is not None:
        options["include_hidden"] = bool(include_hidden)
    if row is not None:
        if choice not in ("create", "mine", "theirs", "") and not str(choice).startswith("update:"):
            raise ValidationError(_("Pilihan tidak sah."))
        rows = dict(options.get("rows", {}))
        rows[str(int(row))] = choice
        options["rows"] = rows
    if all_similar is not None:
        options["all_similar"] = all_similar if all_similar in ("update", "create") else None
    if all_conflicts is not None:
        options["all_conflicts"] = all_conflicts if all_conflicts in ("mine", "theirs") else None
    if values:
        chosen = dict(options.get("values", {}))
        for target, mapped in values.items():
            chosen[target] = {**chosen.get(target, {}), **{raw: int(pk) for raw, pk in mapped.items() if pk}}
        options["values"] = chosen
    ImportJob.objects.filter(pk=job.pk).update(options=options)
    return _rerun(job)


def _rerun(job):
    job.refresh_from_db()
    if job.size_bytes <= limit("IMPORT_SYNC_MAX_BYTES"):
        import_job_check(job_id=job.pk)
    else:
        from .tasks import check_import

        ImportJob.objects.filter(pk=job.pk).update(status=ImportStatus.QUEUED, phase="", processed_rows=0, total_rows=0)
        transaction.on_commit(lambda: check_import.enqueue(job.pk))
    job.refresh_from_db()
    return job


def import_job_request_commit(*, user, job):
    """Start the commit of a previewed job (inline for small files, in the worker otherwise)."""
    if job.user_id != user.pk:
        raise PermissionDenied(_("Hanya pengunggah yang dapat menyimpan impor ini."))
    claimed = ImportJob.objects.filter(pk=job.pk, status=ImportStatus.PREVIEW).update(
        status=ImportStatus.SAVING, phase=_("Memeriksa ulang data yang akan disimpan"), processed_rows=0,
        total_rows=job.created_count + job.updated_count,
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
    stored = sorted(
        list(row) for row in ImportRow.objects.filter(job=job).exclude(action=RowAction.UNCHANGED).values_list("row_number", "action", "changes")
    )
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
    progress = SideProgress(ImportJob, job.pk)
    try:
        with transaction.atomic(), gc_paused():
            plan = _previewed_plan(job)
            created, updated = write_plan(plan, job.user, progress)
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
    finally:
        progress.close()
    _finish(
        job, ImportStatus.DONE, _("%(created)s data dibuat dan %(updated)s data diubah.") % {"created": created, "updated": updated},
        phase="", committed_at=timezone.now(), processed_rows=job.total_rows,
    )


def import_job_cancel(*, user, job):
    if job.user_id != user.pk:
        raise PermissionDenied(_("Hanya pengunggah yang dapat membatalkan impor ini."))
    ImportJob.objects.filter(pk=job.pk, status__in=[*EDITABLE]).update(status=ImportStatus.CANCELLED)
