"""The pre-filled workbook of a user's region: written in the request for small regions, by the background
worker for large ones (the page shows progress like exports do and offers the file when it is ready)."""

import os
import tempfile

from django.conf import settings
from django.core.files import File
from django.db import transaction
from django.utils import timezone

from accounts.scope import scope_code

from .kinds import KINDS
from .models import WorkbookJob
from .resolvers import RegionResolver
from .workbooks import prefilled_workbook

# Regions with more records than this get their workbook from the background worker.
DIRECT_MAX_DEFAULT = 2000


def direct_max():
    return getattr(settings, "IMPORT_PREFILLED_DIRECT_MAX", DIRECT_MAX_DEFAULT)


def download_name(user, kind_code):
    stamp = timezone.localtime().strftime("%Y%m%d-%H%M")
    area = (getattr(user, "region_id", None) or "nasional").replace(".", "")
    return f"isian-{kind_code}-{area}-{stamp}.xlsx"


def make_kind(user, kind_code):
    return KINDS[kind_code](user=user, scope=scope_code(user) or "", regions=RegionResolver())


def prefilled_count(user, kind_code):
    return KINDS[kind_code](user=user, scope="").export_queryset(user).count()


def write_prefilled(user, kind_code, stream, progress=None):
    return prefilled_workbook(make_kind(user, kind_code), user, stream, progress)


def workbook_job_create(*, user, kind_code):
    job = WorkbookJob.objects.create(user=user, kind=kind_code, download_name=download_name(user, kind_code))
    from .tasks import build_prefilled

    transaction.on_commit(lambda: build_prefilled.enqueue(str(job.pk)))
    return job


def workbook_job_run(*, job_id):
    job = WorkbookJob.objects.select_related("user").get(pk=job_id)
    total = prefilled_count(job.user, job.kind)
    WorkbookJob.objects.filter(pk=job.pk).update(status=WorkbookJob.Status.RUNNING, rows_total=total, rows_done=0)

    def progress(done):
        WorkbookJob.objects.filter(pk=job.pk).update(rows_done=done)

    try:
        with tempfile.TemporaryDirectory() as folder:
            path = os.path.join(folder, "isian.xlsx")
            with open(path, "wb") as stream:
                written = write_prefilled(job.user, job.kind, stream, progress)
            with open(path, "rb") as handle:
                job.file.save(f"{job.pk.hex}.xlsx", File(handle), save=False)
    except Exception:
        WorkbookJob.objects.filter(pk=job.pk).update(status=WorkbookJob.Status.FAILED, finished_at=timezone.now())
        raise
    WorkbookJob.objects.filter(pk=job.pk).update(
        status=WorkbookJob.Status.DONE, file=job.file.name, rows_done=written, rows_total=max(total, written), finished_at=timezone.now()
    )
