"""Writes of the reports app: only export jobs (the reports themselves never change registry data)."""

import os
import uuid
import tempfile

from django.conf import settings
from django.core.files import File
from django.core.files.storage import default_storage
from django.db import transaction
from django.utils import timezone
from django.utils.datastructures import MultiValueDict

from .exporters import XlsxWriter, download_name, get_exporter, is_table_per_file, iter_csv, write_csv_zip
from .models import ExportJob


def direct_export_max_rows():
    # A kabupaten/kota export is a few thousand rows; above this, the request would tie up a web worker.
    return getattr(settings, "REPORTS_DIRECT_EXPORT_MAX_ROWS", 20_000)


def params_from_pairs(pairs):
    params = MultiValueDict()
    for name, value in pairs:
        params.appendlist(name, value)
    return params


def write_xlsx_file(exporter, path, progress=None):
    return XlsxWriter(path).write(exporter, progress=progress)


def export_job_create(*, user, exporter_identifier, export_format, params):
    """Record the job and hand it to the task worker once the record is committed."""
    from .tasks import run_export_job

    pairs = [[name, value] for name in sorted(params) for value in params.getlist(name)]
    job = ExportJob.objects.create(user=user, exporter=exporter_identifier, format=export_format, params=pairs)
    transaction.on_commit(lambda: run_export_job.enqueue(str(job.pk)))
    return job


def export_job_run(*, job_id):
    """Build the file of a job with the job owner's scope, updating progress as rows are written."""
    job = ExportJob.objects.select_related("user").get(pk=job_id)
    ExportJob.objects.filter(pk=job.pk).update(status=ExportJob.Status.RUNNING)
    exporter = get_exporter(job.exporter)(user=job.user, params=params_from_pairs(job.params))
    try:
        total = exporter.row_count()
        ExportJob.objects.filter(pk=job.pk).update(rows_total=total)

        def progress(done):
            ExportJob.objects.filter(pk=job.pk).update(rows_done=done)

        with tempfile.TemporaryDirectory() as folder:
            path = os.path.join(folder, download_name(exporter, job.format))
            if job.format == ExportJob.Format.XLSX:
                write_xlsx_file(exporter, path, progress=progress)
            elif is_table_per_file(exporter):
                with open(path, "wb") as handle:
                    write_csv_zip(exporter, handle)
                progress(total)
            else:
                with open(path, "wb") as handle:
                    for chunk in iter_csv(exporter):
                        handle.write(chunk)
                progress(total)
            with open(path, "rb") as handle:
                # A random folder: the stored path cannot be guessed; the download view names the file.
                name = default_storage.save(f"exports/{uuid.uuid4().hex}/{download_name(exporter, job.format)}", File(handle))
    except Exception as error:
        ExportJob.objects.filter(pk=job.pk).update(status=ExportJob.Status.FAILED, error=str(error)[:2000], finished_at=timezone.now())
        raise
    ExportJob.objects.filter(pk=job.pk).update(
        status=ExportJob.Status.DONE, file_name=name, rows_done=total, finished_at=timezone.now()
    )
    return name
