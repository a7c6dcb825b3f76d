"""Prometheus metrics: only with the token or from an allowed address; requests, queue, jobs and task timings."""

import pytest
from django.utils.datastructures import MultiValueDict
from prometheus_client import REGISTRY

from imports.models import ImportJob
from reports.models import ExportJob
from reports.services import export_job_create

pytestmark = pytest.mark.django_db
IMMEDIATE = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}


@pytest.fixture
def token(settings):
    settings.METRICS_TOKEN = "rahasia-metrik-123"
    settings.METRICS_ALLOWED_IPS = ["127.0.0.1", "10.8.0.0/16"]
    return settings.METRICS_TOKEN


def test_refused_from_elsewhere_without_the_token(client, token):
    assert client.get("/metrics", REMOTE_ADDR="203.0.113.9").status_code == 403
    assert client.get("/metrics", REMOTE_ADDR="203.0.113.9", HTTP_AUTHORIZATION="Bearer salah").status_code == 403
    assert client.get("/metrics", REMOTE_ADDR="203.0.113.9", HTTP_AUTHORIZATION=f"Token {token}").status_code == 403


def test_a_logged_in_administrator_gets_no_metrics_either(client, token, admin_user):
    client.force_login(admin_user)
    assert client.get("/metrics", REMOTE_ADDR="203.0.113.9").status_code == 403


def test_no_token_configured_means_no_token_works(client, settings):
    settings.METRICS_TOKEN, settings.METRICS_ALLOWED_IPS = "", []
    assert client.get("/metrics", HTTP_AUTHORIZATION="Bearer ").status_code == 403


@pytest.mark.parametrize("address", ["127.0.0.1", "10.8.3.4"])
def test_allowed_addresses_need_no_token(client, token, address):
    assert client.get("/metrics", REMOTE_ADDR=address).status_code == 200


def test_metrics_show_requests_queue_jobs_and_task_durations(client, token, alor_staff, settings, tmp_path):
    settings.MEDIA_ROOT, settings.TASKS = str(tmp_path), IMMEDIATE
    labels = {"task": "reports.tasks.run_export_job", "status": "successful"}
    before = REGISTRY.get_sample_value("sentra_task_duration_seconds_count", labels) or 0
    ImportJob.objects.create(user=alor_staff, kind="ikm", original_name="a.xlsx", status="preview")
    job = export_job_create(user=alor_staff, exporter_identifier="sentra", export_format="csv", params=MultiValueDict())
    from reports.tasks import run_export_job

    run_export_job.enqueue(str(job.pk))  # the immediate backend runs it here, sending the task signals
    job.refresh_from_db()
    assert job.status == ExportJob.Status.DONE
    client.get("/healthz")

    response = client.get("/metrics", REMOTE_ADDR="203.0.113.9", HTTP_AUTHORIZATION=f"Bearer {token}")
    text = response.content.decode()
    assert response.status_code == 200 and response["Content-Type"].startswith("text/plain")
    assert 'django_http_responses_total_by_status_total{status="200"}' in text
    assert "django_http_requests_latency_seconds_by_view_method_bucket" in text
    assert 'sentra_queue_depth{backend="django_tasks.backends.immediate.ImmediateBackend"} 0.0' in text
    assert 'sentra_import_jobs{status="preview"} 1.0' in text and 'sentra_export_jobs{status="done"} 1.0' in text
    assert "sentra_workers_alive 0.0" in text and "sentra_worker_heartbeat_age_seconds -1.0" in text
    assert 'sentra_task_duration_seconds_count{status="successful",task="reports.tasks.run_export_job"}' in text
    assert REGISTRY.get_sample_value("sentra_task_duration_seconds_count", labels) == before + 1


def test_a_failing_task_counts_as_a_failure(alor_staff, settings):
    settings.TASKS = IMMEDIATE
    labels = {"task": "reports.tasks.run_export_job"}
    before = REGISTRY.get_sample_value("sentra_task_failures_total", labels) or 0
    job = ExportJob.objects.create(user=alor_staff, exporter="tidak-ada", format="csv")
    from reports.tasks import run_export_job

    run_export_job.enqueue(str(job.pk))
    assert REGISTRY.get_sample_value("sentra_task_failures_total", labels) == before + 1
