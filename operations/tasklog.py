"""Background tasks in the logs and metrics: each task's log lines carry its task id as the request id, and
its run time and outcome are observed (django_tasks signals, sent by both the database and the RQ worker)."""

import logging
import time

from django.db import close_old_connections, connection
from django.dispatch import receiver
from django_guid import get_guid, set_guid
from django_tasks.signals import task_enqueued, task_finished, task_started

from .metrics import TASK_DURATION, TASK_FAILURES

logger = logging.getLogger("operations.tasks")
_started = {}
_outer_guid = {}  # the immediate backend runs a task inside a request: give the request its id back afterwards


@receiver(task_enqueued, dispatch_uid="operations.task_enqueued")
def task_was_enqueued(sender, task_result, **kwargs):
    # Logged inside the web request, so this line links the request id with the task id the worker logs.
    logger.info("task enqueued", extra={"task_id": task_result.id, "task": task_result.task.module_path})


@receiver(task_started, dispatch_uid="operations.task_started")
def task_has_started(sender, task_result, **kwargs):
    # A long-lived worker process reuses its connection across jobs: drop it if it broke or grew too old,
    # as Django does at the start of every web request (never inside a transaction: tests, immediate backend).
    if not connection.in_atomic_block:
        close_old_connections()
    _outer_guid[task_result.id] = get_guid()
    set_guid(str(task_result.id).replace("-", ""))
    _started[task_result.id] = time.monotonic()
    logger.info("task started", extra={"task_id": task_result.id, "task": task_result.task.module_path})


@receiver(task_finished, dispatch_uid="operations.task_finished")
def task_has_finished(sender, task_result, **kwargs):
    task = task_result.task.module_path
    status = str(getattr(task_result.status, "value", task_result.status)).lower()
    began = _started.pop(task_result.id, None)
    duration = time.monotonic() - began if began is not None else None
    if duration is not None:
        TASK_DURATION.labels(task=task, status=status).observe(duration)
    if status == "failed":
        TASK_FAILURES.labels(task=task).inc()
    logger.info("task finished", extra={"task_id": task_result.id, "task": task, "status": status, "duration_s": duration})
    set_guid(_outer_guid.pop(task_result.id, None))
