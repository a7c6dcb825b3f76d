"""The OpenAPI 3 schema validates and documents every operation's errors; the docs page needs no CDN."""

import re

import pytest
from drf_spectacular.generators import SchemaGenerator
from drf_spectacular.validation import validate_schema

RESOURCES = [
    "regions", "commodities", "sentra", "ikm-units", "memberships", "certifications", "rooms", "machines",
    "dak-allocations", "dak-activities", "yearly-figures", "deletions",
]


@pytest.fixture(scope="module")
def schema():
    return SchemaGenerator().get_schema(request=None, public=True)


def test_schema_is_valid_openapi_3(schema):
    validate_schema(schema)  # raises on any violation of the OpenAPI 3 meta-schema
    assert schema["openapi"].startswith("3.")


def test_every_resource_has_its_operations(schema):
    paths = schema["paths"]
    for resource in RESOURCES:
        assert "get" in paths[f"/api/v1/{resource}/"], resource
    for resource in RESOURCES[2:-1]:
        assert {"get", "put", "patch", "delete"} <= set(paths[f"/api/v1/{resource}/{{id}}/"]), resource
        assert "post" in paths[f"/api/v1/{resource}/"], resource
    assert {"get", "put"} <= set(paths["/api/v1/ikm-units/by-nib/{nib}/"])
    assert "post" in paths["/api/v1/ikm-units/bulk/"]
    assert {"get", "put"} <= set(paths["/api/v1/sentra/by-code/{code}/"])


def test_errors_and_conditional_headers_are_documented(schema):
    for path, operations in schema["paths"].items():
        if not any(path.startswith(f"/api/v1/{resource}/") for resource in RESOURCES):
            continue
        for method, operation in operations.items():
            codes = set(operation["responses"])
            assert {"400", "401", "403", "404", "429"} <= codes, (path, method)
            error = operation["responses"]["401"]["content"]["application/json"]["schema"]["$ref"]
            assert error.endswith("/Error")
            names = {parameter["name"] for parameter in operation.get("parameters", [])}
            if method in ("put", "patch", "delete") and "{" in path:
                assert "412" in codes and "If-Match" in names, (path, method)
            if method == "get":
                assert {"fields", "brief"} <= names, (path, method)
    detail = schema["paths"]["/api/v1/sentra/{id}/"]["get"]["responses"]["200"]
    assert "ETag" in detail["headers"]


@pytest.mark.django_db
def test_schema_and_docs_are_served(client):
    assert client.get("/api/v1/schema/").status_code == 200
    page = client.get("/api/v1/docs/")
    assert page.status_code == 200
    html = page.content.decode()
    external = re.findall(r'(?:src|href)="(https?://[^"]+)"', html)
    assert external == [], external  # every script and stylesheet comes from this server
    assert "swagger-ui" in html
