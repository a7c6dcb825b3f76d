import time
from datetime import timedelta

import pytest
from django.utils import timezone

from core.api.testing import token_client
from core.testing.factories import CommodityFactory, IkmUnitFactory
from ikm.models import IkmUnit


@pytest.fixture
def client(alor_desa):
    return token_client("53.05", read_write=True)


def item(index, **overrides):
    return {"nib": f"{5305000000000 + index}", "name": f"Usaha {index}", "desa": "53.05.03.2001", "commodity": "tenun-ikat", **overrides}


@pytest.mark.django_db
def test_thousand_units_in_one_request_with_audit(client):
    CommodityFactory(code="tenun-ikat")
    existing = IkmUnitFactory(nib="5305000000000", name="Lama")
    mark = timezone.now() - timedelta(seconds=1)
    client.get("/api/v1/ikm-units/")  # the first request of the process pays for imports; time the bulk alone
    started = time.perf_counter()
    response = client.post("/api/v1/ikm-units/bulk/", {"items": [item(i) for i in range(1000)]}, format="json")
    elapsed = time.perf_counter() - started
    assert response.status_code == 200, response.content[:500]
    body = response.json()
    assert (body["created"], body["updated"]) == (999, 1)
    assert body["items"][0] == {"index": 0, "id": existing.pk, "key": "5305000000000", "result": "updated"}
    assert IkmUnit.objects.count() == 1000
    existing.refresh_from_db()
    assert (existing.name, existing.version) == ("Usaha 0", 2)
    assert IkmUnit.history.filter(history_user=client.api_client.user).count() == 1000
    synced = client.get(f"/api/v1/ikm-units/?updated_since={mark.isoformat().replace('+00:00', 'Z')}&page_size=1000")
    assert len(synced.json()["results"]) == 1000  # bulk updates move updated_at too
    print(f"bulk upsert of 1000 IKM units: {elapsed:.2f}s")


@pytest.mark.django_db
def test_one_bad_item_writes_nothing_and_reports_index_and_field(client):
    CommodityFactory(code="tenun-ikat")
    items = [item(0), item(1, workers_male="banyak"), item(2, commodity="tidak-ada"), item(3), item(3)]
    response = client.post("/api/v1/ikm-units/bulk/", {"items": items}, format="json")
    assert response.status_code == 400
    errors = {(error["index"], error["field"]) for error in response.json()["errors"]}
    assert errors == {(1, "items.1.workers_male"), (2, "items.2.commodity"), (4, "items.4.nib")}
    assert not IkmUnit.objects.exists()


@pytest.mark.django_db
def test_more_than_1000_items_is_refused(client):
    response = client.post("/api/v1/ikm-units/bulk/", {"items": [{}] * 1001}, format="json")
    assert response.status_code == 400 and response.json()["errors"][0]["code"] == "bulk_size"


@pytest.mark.django_db
def test_out_of_scope_item_is_refused(client, belu_desa):
    CommodityFactory(code="tenun-ikat")
    response = client.post("/api/v1/ikm-units/bulk/", {"items": [item(0), item(1, desa="53.04.22.1004")]}, format="json")
    assert response.status_code == 400
    assert [(e["index"], e["code"]) for e in response.json()["errors"]] == [(1, "out_of_scope")]
    assert not IkmUnit.objects.exists()


@pytest.mark.django_db
def test_read_only_token_cannot_bulk(alor_desa):
    response = token_client("53.05").post("/api/v1/ikm-units/bulk/", {"items": [item(0)]}, format="json")
    assert response.status_code == 403
