"""Background entry points (Django Tasks API); the worker is `manage.py db_worker`."""

from django_tasks import task

from operations.notifications import notify_when_long

from . import downloads, services


@task()
def check_import(job_id):
    with notify_when_long(kind="import", job_id=job_id):  # e-mail the owner when a long check ends
        services.import_job_check(job_id=job_id)


@task()
def commit_import(job_id):
    with notify_when_long(kind="import", job_id=job_id):
        services.import_job_commit(job_id=job_id)


@task()
def build_prefilled(job_id):
    downloads.workbook_job_run(job_id=job_id)
