"""Bulk items carrying `version` are refused per item when the record moved on (no silent last write wins);
bulk answers send no ETag, and the schema does not promise one (issue 18)."""

import pytest

from core.api.testing import token_client
from core.testing.factories import CommodityFactory, IkmUnitFactory
from ikm.models import IkmUnit


@pytest.fixture
def client(alor_desa):
    CommodityFactory(code="tenun-ikat")
    return token_client("53.05", read_write=True)


def item(nib, **fields):
    return {"nib": nib, "name": "Usaha", "desa": "53.05.03.2001", "commodity": "tenun-ikat", **fields}


@pytest.mark.django_db
def test_a_stale_version_refuses_that_item_and_writes_nothing(client, alor_desa):
    current = IkmUnitFactory(nib="5305000000001", name="Tenun Ina", desa=alor_desa)
    other = IkmUnitFactory(nib="5305000000002", name="Kerupuk", desa=alor_desa)
    IkmUnit.objects.filter(pk=current.pk).update(version=3)  # someone else saved twice since we read version 1
    response = client.post("/api/v1/ikm-units/bulk/", {"items": [
        item("5305000000002", name="Kerupuk Ikan", version=1),
        item("5305000000001", name="Ditimpa", version=1),
        item("5305000000003", name="Baru", version=7),  # a new record: nothing to be stale against
    ]}, format="json")
    assert response.status_code == 400
    assert response.json()["errors"] == [{
        "field": "items.1.version", "index": 1, "code": "conflict",
        "message": "Data ini telah diubah sejak versi 1 yang Anda baca (sekarang versi 3).",
    }]
    current.refresh_from_db()
    other.refresh_from_db()
    assert (current.name, current.version, other.name, other.version) == ("Tenun Ina", 3, "Kerupuk", 1)
    assert not IkmUnit.objects.filter(nib="5305000000003").exists()
    assert current.history.count() == 1


@pytest.mark.django_db
def test_the_current_version_or_none_updates(client, alor_desa):
    unit = IkmUnitFactory(nib="5305000000001", desa=alor_desa)
    response = client.post("/api/v1/ikm-units/bulk/", {"items": [item("5305000000001", name="Baru", version=1)]}, format="json")
    assert response.status_code == 200, response.content
    assert "ETag" not in response
    unit.refresh_from_db()
    assert (unit.name, unit.version) == ("Baru", 2)
    response = client.post("/api/v1/ikm-units/bulk/", {"items": [item("5305000000001", name="Lagi")]}, format="json")
    assert response.status_code == 200
    assert client.post("/api/v1/ikm-units/bulk/", {"items": [item("5305000000001", version="2")]}, format="json").status_code == 400


@pytest.mark.django_db
def test_schema_declares_bulk_version_and_no_bulk_etag(client):
    schema = client.get("/api/v1/schema/?format=json").json()
    bulk = schema["paths"]["/api/v1/ikm-units/bulk/"]["post"]
    assert "headers" not in bulk["responses"]["200"]
    detail = schema["paths"]["/api/v1/ikm-units/{id}/"]["get"]
    assert "ETag" in detail["responses"]["200"]["headers"]
    item_schema = schema["components"]["schemas"]["IkmUnitBulkItemRequest"]
    assert item_schema["properties"]["version"]["type"] == "integer"
