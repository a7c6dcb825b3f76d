"""Query parameters as the schema declares them: ordering ties, page_size cap, unknown and repeated
parameters, and timestamps with an offset whose + was not URL-encoded (issue 18)."""

import pytest
from django.utils import timezone

from core.api.testing import token_client
from core.testing.factories import CommodityFactory, IkmUnitFactory, SentraFactory
from ikm.models import IkmUnit


@pytest.fixture
def client(alor_desa):
    return token_client("53.05")


def walk(client, url):
    ids, pages = [], 0
    while url:
        response = client.get(url)
        assert response.status_code == 200, response.content
        body = response.json()
        ids += [row["id"] for row in body["results"]]
        url, pages = body["next"], pages + 1
        assert pages < 100, "the walk does not end"
    return ids, pages


@pytest.mark.django_db
@pytest.mark.parametrize("ordering", ["updated_at", "-updated_at"])
def test_ordering_by_updated_at_walks_1150_rows_sharing_one_timestamp_once(client, alor_desa, ordering):
    # One import stamps every row with the same updated_at; DRF's cursor (value + offset capped at 1,000)
    # repeated the same page forever past row 1,100.
    commodity = CommodityFactory()
    IkmUnit.objects.bulk_create([IkmUnit(name=f"Usaha {n}", desa=alor_desa, commodity=commodity) for n in range(1150)])
    IkmUnit.objects.update(updated_at=timezone.now())
    ids, pages = walk(client, f"/api/v1/ikm-units/?ordering={ordering}&page_size=100&updated_since=2000-01-01T00:00:00Z")
    assert len(ids) == len(set(ids)) == 1150 and pages == 12
    assert ids == sorted(ids, reverse=ordering.startswith("-"))  # ties broken by id, in the same direction


@pytest.mark.django_db
def test_previous_link_goes_back_to_the_same_rows(client, alor_desa):
    IkmUnitFactory.create_batch(25, desa=alor_desa)
    first = client.get("/api/v1/ikm-units/?page_size=10&ordering=name").json()
    second = client.get(first["next"]).json()
    back = client.get(second["previous"]).json()
    assert [row["id"] for row in back["results"]] == [row["id"] for row in first["results"]]


@pytest.mark.django_db
def test_page_size_above_the_cap_is_refused_not_cut(client):
    response = client.get("/api/v1/ikm-units/?page_size=5000")
    assert response.status_code == 400
    error = response.json()["errors"][0]
    assert error["field"] == "page_size" and "1000" in error["message"]
    assert client.get("/api/v1/ikm-units/?page_size=1000").status_code == 200
    assert client.get("/api/v1/ikm-units/?page_size=abc").status_code == 400


@pytest.mark.django_db
def test_unknown_query_parameter_is_refused_with_the_known_ones(client, alor_desa):
    SentraFactory(desa=alor_desa)
    response = client.get("/api/v1/sentra/?regoin=52.02", HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 400
    error = response.json()["errors"][0]
    assert error["field"] == "regoin"
    assert "region" in error["message"] and "updated_since" in error["message"] and "Unknown parameter" in error["message"]
    detail = client.get("/api/v1/sentra/1/?region=53")  # filters belong to lists, not to one record
    assert detail.status_code == 400


@pytest.mark.django_db
def test_repeated_single_parameter_is_refused_and_multi_value_filters_repeat(client, alor_desa):
    SentraFactory(desa=alor_desa, status="aktif")
    SentraFactory(desa=alor_desa, status="tutup")
    assert client.get("/api/v1/sentra/?ordering=name&ordering=-code").status_code == 400
    assert client.get("/api/v1/sentra/?region=53.05&region=52").status_code == 400
    both = client.get("/api/v1/sentra/?status=aktif&status=tutup").json()["results"]
    assert len(both) == 2


@pytest.mark.django_db
def test_ordering_takes_one_value_the_api_honours(client):
    assert client.get("/api/v1/ikm-units/?ordering=name,-id").status_code == 400
    assert client.get("/api/v1/ikm-units/?ordering=nib").status_code == 400  # nullable: a cursor on it would skip rows
    assert client.get("/api/v1/ikm-units/?ordering=-investment").status_code == 200


@pytest.mark.django_db
@pytest.mark.parametrize("written", [
    "2026-01-31T10:00:00+08:00",  # encoded properly by the test client
    "2026-01-31T10:00:00 08:00",  # what arrives when a client forgets to encode the +
    "2026-01-31T02:00:00Z",
])
def test_updated_since_reads_the_offset_however_the_plus_arrived(client, alor_desa, written):
    unit = IkmUnitFactory(desa=alor_desa)
    IkmUnit.objects.filter(pk=unit.pk).update(updated_at="2026-01-31T02:00:00Z")  # 10:00 WITA
    older = IkmUnitFactory(desa=alor_desa)
    IkmUnit.objects.filter(pk=older.pk).update(updated_at="2026-01-31T01:59:59Z")
    response = client.get("/api/v1/ikm-units/", {"updated_since": written})
    assert response.status_code == 200, response.content
    assert [row["id"] for row in response.json()["results"]] == [unit.pk]


@pytest.mark.django_db
def test_updated_since_without_offset_is_read_as_wib(client, alor_desa):
    unit = IkmUnitFactory(desa=alor_desa)
    IkmUnit.objects.filter(pk=unit.pk).update(updated_at="2026-01-31T03:00:00Z")  # 10:00 WIB
    assert len(client.get("/api/v1/ikm-units/", {"updated_since": "2026-01-31T10:00:00"}).json()["results"]) == 1
    assert client.get("/api/v1/ikm-units/", {"updated_since": "2026-01-31T10:00:01"}).json()["results"] == []
