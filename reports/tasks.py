from django_tasks import task

from .services import export_job_run


@task()
def run_export_job(job_id):
    """Background export (worker: `manage.py db_worker`)."""
    return export_job_run(job_id=job_id)
