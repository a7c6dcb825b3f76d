from ..models import ExportJob


def export_job_list(*, user):
    """A user sees only their own export jobs (the file holds data of their scope)."""
    return ExportJob.objects.filter(user=user)
