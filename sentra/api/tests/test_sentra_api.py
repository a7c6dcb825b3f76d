import pytest

from core.api.testing import token_client
from core.testing.factories import CommodityFactory, SentraFactory
from sentra.models import Sentra


@pytest.fixture
def client(alor_desa):
    return token_client("53.05", read_write=True)


@pytest.fixture
def commodities(db):
    return CommodityFactory(code="tenun-ikat", name="Tenun ikat"), CommodityFactory(code="anyaman", name="Anyaman")


def body(**overrides):
    return {"code": "ALR-001", "name": "Sentra Tenun Ikat Mali", "desa": "53.05.03.2001", **overrides}


@pytest.mark.django_db
def test_create_with_commodities_and_primary(client, commodities):
    response = client.post(
        "/api/v1/sentra/", body(commodity_codes=["tenun-ikat", "anyaman"], primary_commodity_code="anyaman"), format="json"
    )
    assert response.status_code == 201, response.content
    assert response.headers["ETag"] == '"1"'
    listed = {(c["code"], c["is_primary"]) for c in response.json()["commodities"]}
    assert listed == {("tenun-ikat", False), ("anyaman", True)}
    assert response.json()["region"]["kabupaten_kota"] == {"code": "53.05", "name": "Kabupaten Alor"}


@pytest.mark.django_db
def test_primary_outside_the_list_is_a_400(client, commodities):
    response = client.post("/api/v1/sentra/", body(commodity_codes=["tenun-ikat"], primary_commodity_code="anyaman"), format="json")
    assert response.status_code == 400 and response.json()["errors"][0]["field"] == "primary_commodity"
    assert not Sentra.objects.exists()


@pytest.mark.django_db
def test_desa_must_be_a_desa(client):
    response = client.post("/api/v1/sentra/", body(desa="53.05"), format="json")
    assert response.status_code == 400 and response.json()["errors"][0]["code"] == "not_desa"


@pytest.mark.django_db
def test_upsert_by_code(client, commodities):
    assert client.put("/api/v1/sentra/by-code/ALR-001/", body(commodity_codes=["tenun-ikat"]), format="json").status_code == 201
    response = client.put("/api/v1/sentra/by-code/ALR-001/", body(name="Sentra Mali", status="kurang_aktif"), format="json")
    assert response.status_code == 200
    sentra = Sentra.objects.get(code="ALR-001")
    assert (sentra.name, sentra.status, sentra.commodities.count()) == ("Sentra Mali", "kurang_aktif", 1)


@pytest.mark.django_db
def test_delete_is_soft_and_undoable_by_upsert(client):
    sentra = SentraFactory()
    assert client.delete(f"/api/v1/sentra/{sentra.pk}/").status_code == 204
    assert Sentra.all_objects.get(pk=sentra.pk).deleted_at is not None
    response = client.put(f"/api/v1/sentra/by-code/{sentra.code}/", body(code=sentra.code), format="json")
    assert response.status_code == 200 and response.json()["deleted_at"] is None


@pytest.mark.django_db
def test_bulk_with_commodities_and_a_constraint_error_by_index(client, commodities):
    items = [body(code="A-1", commodity_codes=["anyaman"]), body(code="A-2", founding_year=1800)]
    response = client.post("/api/v1/sentra/bulk/", {"items": items}, format="json")
    assert response.status_code == 400
    assert [(e["index"], e["field"]) for e in response.json()["errors"]] == [(1, "items.1")]
    assert not Sentra.objects.exists()
    items[1]["founding_year"] = 1990
    response = client.post("/api/v1/sentra/bulk/", {"items": items}, format="json")
    assert response.status_code == 200 and response.json()["created"] == 2
    assert list(Sentra.objects.get(code="A-1").commodities.values_list("code", flat=True)) == ["anyaman"]
