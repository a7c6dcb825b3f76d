"""/healthz stays a cheap liveness probe; /readyz reports database, cache, queue depth and the worker heartbeat."""

from datetime import timedelta
from unittest import mock

import pytest
from django.core.management import call_command
from django.db import OperationalError
from django.utils import timezone

from operations.models import WorkerHeartbeat
from reports.tasks import run_export_job

pytestmark = pytest.mark.django_db


def beat(seconds_ago=0, name="host-a:101"):
    now = timezone.now() - timedelta(seconds=seconds_ago)
    return WorkerHeartbeat.objects.create(name=name, backend="django_tasks_db.DatabaseBackend", started_at=now, last_seen=now)


def test_healthz_is_one_query_and_ignores_the_worker(client, django_assert_num_queries):
    with django_assert_num_queries(1):
        response = client.get("/healthz")
    assert response.status_code == 200 and response.json() == {"status": "ok", "database": "ok"}


def test_ready_with_a_live_worker_and_reports_the_queue_depth(client):
    beat(seconds_ago=5)
    for job_id in ("a", "b", "c"):
        run_export_job.enqueue(job_id)  # database queue: three tasks waiting, none started
    response = client.get("/readyz")
    body = response.json()
    assert response.status_code == 200 and body["status"] == "ok"
    assert body["checks"]["database"] == {"status": "ok"} and body["checks"]["cache"] == {"status": "ok"}
    assert body["checks"]["queue"] == {"status": "ok", "backend": "django_tasks_db.DatabaseBackend", "depth": 3}
    assert body["checks"]["worker"]["alive"] == 1 and 4 <= body["checks"]["worker"]["age_seconds"] < 60
    assert response["Cache-Control"].startswith("max-age=0")


def test_not_ready_without_a_worker_or_with_a_stale_heartbeat(client, settings):
    settings.WORKER_HEARTBEAT_MAX_AGE = 90
    response = client.get("/readyz")
    assert response.status_code == 503
    assert response.json()["checks"]["worker"] == {"status": "error", "alive": 0, "last_heartbeat": None, "age_seconds": None}

    beat(seconds_ago=600)
    worker = client.get("/readyz").json()["checks"]["worker"]
    assert worker["status"] == "error" and worker["alive"] == 0 and worker["age_seconds"] >= 600


def test_a_web_only_node_can_be_ready_without_a_worker(client, settings):
    settings.READYZ_REQUIRE_WORKER = False
    assert client.get("/readyz").status_code == 200


def test_not_ready_when_the_cache_fails(client):
    beat()
    with mock.patch("operations.health.cache.set", side_effect=ConnectionError("redis down")):
        response = client.get("/readyz")
    assert response.status_code == 503 and response.json()["checks"]["cache"] == {"status": "error"}


def test_not_ready_when_the_database_fails(client):
    beat()
    with mock.patch("operations.health.connection.cursor", side_effect=OperationalError("server closed the connection")):
        response = client.get("/readyz")
    body = response.json()
    assert response.status_code == 503
    assert body["checks"]["database"] == {"status": "error"} and body["checks"]["worker"] == {"status": "unknown"}


def test_run_worker_beats_while_it_runs_and_forgets_itself_when_it_stops(settings):
    seen = {}

    def backend(self, **kwargs):
        seen["rows"] = list(WorkerHeartbeat.objects.values_list("backend", flat=True))

    with mock.patch("operations.management.commands.run_worker.Command._run_backend", backend):
        call_command("run_worker", burst=True)
    assert seen["rows"] == ["django_tasks_db.DatabaseBackend"]
    assert not WorkerHeartbeat.objects.exists()


@pytest.mark.django_db(transaction=True)  # the worker checks its connection between tasks, as in production
def test_run_worker_does_the_queued_work(alor_staff, settings, tmp_path):
    from reports.models import ExportJob
    from reports.services import export_job_create
    from django.utils.datastructures import MultiValueDict

    settings.MEDIA_ROOT = str(tmp_path)
    job = export_job_create(user=alor_staff, exporter_identifier="sentra", export_format="csv", params=MultiValueDict())
    run_export_job.enqueue(str(job.pk))  # on_commit never fires inside the test transaction: enqueue by hand
    call_command("run_worker", burst=True, interval=0)
    job.refresh_from_db()
    assert job.status == ExportJob.Status.DONE and job.file_name.endswith(".csv")
