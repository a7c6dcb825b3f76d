"""Background entry points of the census (Django Tasks API); the worker is `manage.py db_worker`."""

from django_tasks import task

from .services.notifications import visit_returned_notify


@task()
def notify_visit_returned(transition_id):
    visit_returned_notify(transition_id=transition_id)
