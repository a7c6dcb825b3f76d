"""The orjson renderer writes the same JSON as DRF's JSONRenderer; people still get indented and HTML output."""

import json
from datetime import datetime, timezone
from decimal import Decimal

import pytest
from django.utils.translation import gettext_lazy
from rest_framework.exceptions import ErrorDetail
from rest_framework.renderers import JSONRenderer

from core.api.renderers import OrjsonRenderer
from core.api.testing import token_client

SAMPLE = {
    "text": "Kain «tenun» \u2028",
    "lazy": gettext_lazy("Nilai tidak valid."),
    "error": [ErrorDetail("Kolom tidak dikenal.", code="unknown_field")],
    "amount": Decimal("1250.50"),
    "when": datetime(2026, 5, 1, 8, 30, 15, 123456, tzinfo=timezone.utc),
    "nested": {1: [None, True, 3.5, 12_000_000_000]},
}


def test_same_document_as_drf():
    fast = OrjsonRenderer().render(SAMPLE, "application/json")
    assert json.loads(fast) == json.loads(JSONRenderer().render(SAMPLE, "application/json"))
    assert OrjsonRenderer().render(None) == b""


def test_indent_requests_get_drf_indented_output():
    rendered = OrjsonRenderer().render({"a": 1}, "application/json; indent=4")
    assert rendered == JSONRenderer().render({"a": 1}, "application/json; indent=4")


@pytest.mark.django_db
def test_api_answers_json_errors_and_browsable_html(alor_desa, client, admin_user):
    api = token_client("53.05")
    response = api.get("/api/v1/ikm-units/", {"fields": "nope"})
    assert response.status_code == 400 and response["Content-Type"] == "application/json"
    assert "fields" in json.dumps(response.json())
    client.force_login(admin_user)
    page = client.get("/api/v1/ikm-units/", HTTP_ACCEPT="text/html")
    assert page.status_code == 200 and b"<html" in page.content.lower()
