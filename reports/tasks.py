from django_tasks import task

from operations.notifications import notify_when_long

from .services import export_job_run


@task()
def run_export_job(job_id):
    """Background export (worker: `manage.py db_worker`)."""
    with notify_when_long(kind="export", job_id=job_id):  # e-mail the owner when a long export ends
        return export_job_run(job_id=job_id)
