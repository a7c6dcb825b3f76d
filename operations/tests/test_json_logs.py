"""Production logs are one JSON object per line, and every line of a request carries the same request id:
the X-Request-ID the proxy sent, or a new one the response hands back; a background task's lines carry its id."""

import copy
import io
import json
import logging
import logging.config

import pytest
from django.conf import settings as django_settings
from django.utils.datastructures import MultiValueDict

from reports.services import export_job_create

pytestmark = pytest.mark.django_db
IMMEDIATE = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}


class Capture(logging.StreamHandler):
    stream_value = io.StringIO()

    def __init__(self):
        super().__init__(self.stream_value)


@pytest.fixture
def json_lines():
    """The project's LOGGING with LOG_FORMAT=json, its console handler writing into a buffer."""
    config = copy.deepcopy(django_settings.LOGGING)
    config["handlers"]["console"].update({"class": f"{__name__}.Capture", "formatter": "json"})
    Capture.stream_value = io.StringIO()
    logging.config.dictConfig(config)
    yield lambda: [json.loads(line) for line in Capture.stream_value.getvalue().splitlines()]
    logging.config.dictConfig(django_settings.LOGGING)


def test_every_line_of_a_request_carries_the_proxy_request_id(client, alor_staff, json_lines):
    client.force_login(alor_staff)
    response = client.get("/sentra/", HTTP_X_REQUEST_ID="3f2a9c0e5b7d4e1fa0b1c2d3e4f5a6b7")
    assert response.status_code == 200 and response["X-Request-ID"] == "3f2a9c0e5b7d4e1fa0b1c2d3e4f5a6b7"
    lines = json_lines()
    access = [line for line in lines if line["logger"] == "sentra.access"]
    assert access and access[-1]["path"] == "/sentra/" and access[-1]["status"] == 200
    assert access[-1]["user_id"] == alor_staff.pk and access[-1]["duration_ms"] >= 0
    assert {line["request_id"] for line in lines} == {"3f2a9c0e5b7d4e1fa0b1c2d3e4f5a6b7"}
    assert {"time", "level", "logger", "message"} <= set(access[-1])


def test_a_request_without_an_id_gets_a_new_one_in_the_log_and_the_response(client, json_lines):
    response = client.get("/akun/masuk/")
    request_id = response["X-Request-ID"]
    assert len(request_id) == 32
    assert [line["request_id"] for line in json_lines() if line["logger"] == "sentra.access"] == [request_id]


def test_a_background_task_logs_with_its_task_id(alor_staff, settings, tmp_path, json_lines):
    settings.MEDIA_ROOT, settings.TASKS = str(tmp_path), IMMEDIATE
    job = export_job_create(user=alor_staff, exporter_identifier="sentra", export_format="csv", params=MultiValueDict())
    from reports.tasks import run_export_job

    result = run_export_job.enqueue(str(job.pk))
    task_lines = [line for line in json_lines() if line.get("task_id") == result.id]
    assert [line["message"] for line in task_lines] == ["task enqueued", "task started", "task finished"]
    started, finished = task_lines[1:]
    assert started["request_id"] == finished["request_id"] == result.id.replace("-", "")
    assert finished["status"] == "successful" and finished["duration_s"] >= 0
