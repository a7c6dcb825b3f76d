"""Cursor pagination walks everything exactly once; ?fields= and ?brief=1 shrink the answer."""

import pytest

from core.api.testing import token_client
from core.testing.factories import CommodityFactory, IkmUnitFactory


@pytest.fixture
def client(alor_desa):
    return token_client("53.05", read_write=True)


def walk(client, url):
    ids, pages = [], 0
    while url:
        response = client.get(url)
        assert response.status_code == 200
        body = response.json()
        ids += [row["id"] for row in body["results"]]
        url, pages = body["next"], pages + 1
    return ids, pages


@pytest.mark.django_db
def test_cursor_walk_sees_every_row_once(client):
    commodity = CommodityFactory()
    created = {unit.pk for unit in IkmUnitFactory.create_batch(250, commodity=commodity)}
    ids, pages = walk(client, "/api/v1/ikm-units/?page_size=100")
    assert sorted(ids) == sorted(created) and pages == 3


@pytest.mark.django_db
def test_rows_inserted_during_the_walk_do_not_shift_pages(client):
    commodity = CommodityFactory()
    IkmUnitFactory.create_batch(30, commodity=commodity)
    first = client.get("/api/v1/ikm-units/?page_size=10").json()
    IkmUnitFactory.create_batch(5, commodity=commodity)  # inserted between two page reads
    ids, _ = walk(client, first["next"])
    seen = [row["id"] for row in first["results"]] + ids
    assert len(seen) == len(set(seen)) == 35


@pytest.mark.django_db
def test_walk_by_updated_at_for_sync(client):
    commodity = CommodityFactory()
    units = IkmUnitFactory.create_batch(25, commodity=commodity)
    ids, _ = walk(client, "/api/v1/ikm-units/?ordering=updated_at&page_size=7")
    assert sorted(ids) == sorted(unit.pk for unit in units)


@pytest.mark.django_db
def test_fields_keeps_only_the_named_fields(client):
    IkmUnitFactory()
    row = client.get("/api/v1/ikm-units/?fields=id,nib").json()["results"][0]
    assert set(row) == {"id", "nib"}


@pytest.mark.django_db
def test_brief_gives_the_short_form(client):
    unit = IkmUnitFactory()
    row = client.get(f"/api/v1/ikm-units/{unit.pk}/?brief=1").json()
    assert set(row) == {"id", "nib", "name", "is_deleted"}


@pytest.mark.django_db
def test_unknown_field_name_in_fields_is_a_400(client):
    response = client.get("/api/v1/ikm-units/?fields=id,gaji")
    assert response.status_code == 400
    assert response.json()["errors"][0]["field"] == "fields"


@pytest.mark.django_db
def test_filters_search_and_ordering(client):
    commodity = CommodityFactory(code="tenun-ikat")
    IkmUnitFactory(name="Tenun Ina Alor", commodity=commodity)
    IkmUnitFactory(name="Kerupuk Ikan")
    assert [r["name"] for r in client.get("/api/v1/ikm-units/?q=tenun").json()["results"]] == ["Tenun Ina Alor"]
    assert len(client.get("/api/v1/ikm-units/?commodity=tenun-ikat").json()["results"]) == 1
    names = [r["name"] for r in client.get("/api/v1/ikm-units/?ordering=-name").json()["results"]]
    assert names == ["Tenun Ina Alor", "Kerupuk Ikan"]
    assert client.get("/api/v1/ikm-units/?region=53.05").json()["results"]
    assert not client.get("/api/v1/ikm-units/?region=53.05.04").json()["results"]
    assert client.get("/api/v1/ikm-units/?region=bukan").status_code == 400


@pytest.mark.django_db
def test_bad_cursor_is_a_json_404(client):
    response = client.get("/api/v1/ikm-units/?cursor=rusak")
    assert response.status_code == 404 and response.json()["status"] == 404
