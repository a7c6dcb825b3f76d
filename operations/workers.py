"""The background worker as the web nodes see it: which queue backend, how much waits, who is alive."""

from datetime import timedelta

from django.conf import settings
from django.utils import timezone

from .models import WorkerHeartbeat

RQ_BACKEND = "django_tasks_rq.RQBackend"
DB_BACKEND = "django_tasks_db.DatabaseBackend"


def backend_path():
    return settings.TASKS["default"]["BACKEND"]


def queue_depth():
    """Tasks waiting to start (not the ones running)."""
    backend = backend_path()
    if backend == RQ_BACKEND:
        import django_rq

        return sum(django_rq.get_queue(name).count for name in settings.TASKS["default"].get("QUEUES", ["default"]))
    if backend == DB_BACKEND:
        from django_tasks_db.models import DBTaskResult

        return DBTaskResult.objects.filter(status="READY").count()
    return 0  # immediate/dummy backends (tests) keep no queue


def heartbeat_beat(*, name, started_at):
    now = timezone.now()
    WorkerHeartbeat.objects.update_or_create(
        name=name, defaults={"backend": backend_path(), "started_at": started_at, "last_seen": now}
    )
    return now


def heartbeat_forget(*, name):
    WorkerHeartbeat.objects.filter(name=name).delete()


def live_workers(now=None):
    now = now or timezone.now()
    cutoff = now - timedelta(seconds=settings.WORKER_HEARTBEAT_MAX_AGE)
    return WorkerHeartbeat.objects.filter(last_seen__gte=cutoff).order_by("-last_seen")


def last_heartbeat():
    return WorkerHeartbeat.objects.order_by("-last_seen").values_list("last_seen", flat=True).first()
