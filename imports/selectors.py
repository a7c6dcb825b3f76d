from .models import ImportJob, ImportRow, WorkbookJob


def import_job_list(*, user):
    """A user's own imports; other people's uploads may hold rows outside the user's scope."""
    return ImportJob.objects.filter(user=user)


def import_job_get(*, user, pk):
    return import_job_list(user=user).get(pk=pk)


def import_row_list(*, job, action=None):
    rows = ImportRow.objects.filter(job=job)
    return rows.filter(action=action) if action else rows


def workbook_job_get(*, user, pk):
    """Only the user who asked for a pre-filled workbook may see or download it."""
    return WorkbookJob.objects.get(user=user, pk=pk)
