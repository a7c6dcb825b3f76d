"""Aggregate endpoints of /api/v1/: counts and sums by region level, dimension and year, scoped to the caller."""

import pytest

from core.testing.factories import IkmUnitFactory, SentraFactory
from ikm.models import IkmUnit


def test_rooms_by_kabupaten_and_state(client, demo, analyst):
    client.force_login(analyst)
    body = client.get("/api/v1/aggregates/rooms/?group_by=region,state&level=2").json()
    counts = {(row["region"], row["state"]): row["count"] for row in body["results"]}
    assert counts == {("53.05", "aktif"): 4, ("53.05", "kosong"): 2, ("53.05", "terisi"): 14}
    assert body["results"][0]["region_name"] == "Kabupaten Alor"


def test_ikm_workers_by_province_with_list_filters(client, demo, analyst):
    client.force_login(analyst)
    body = client.get("/api/v1/aggregates/ikm/?group_by=region&level=1&commodity=gerabah").json()
    [row] = body["results"]
    assert (row["region"], row["count"], row["workers_male"], row["workers_female"], row["workers_total"]) == ("52", 5, 10, 20, 30)


def test_sentra_by_status_and_dak_by_year(client, demo, analyst):
    client.force_login(analyst)
    sentra = client.get("/api/v1/aggregates/sentra/?group_by=status").json()["results"]
    assert {row["status"]: row["count"] for row in sentra} == {"aktif": 3, "tidak_aktif": 1}
    [dak] = client.get("/api/v1/aggregates/dak/?group_by=year").json()["results"]
    assert (dak["year"], dak["pagu"], dak["realisation"]) == (2023, 2_000_000_000, 1_769_200_000)


def test_totals_without_group_by_and_selected_metrics(client, demo, analyst):
    client.force_login(analyst)
    [row] = client.get("/api/v1/aggregates/ikm/?metrics=count,sales").json()["results"]
    assert row == {"count": 23, "sales": 18 * 8_000_000 + 5 * 40_000_000}


@pytest.mark.parametrize("query", [
    "group_by=bogus", "level=9&group_by=region", "metrics=nope", "status=hilang",
    "regoin=53.05",  # a misspelt filter would otherwise answer with the totals of the whole scope (issue 18)
    "level=1&level=2",
])
def test_bad_parameters_are_400_in_the_error_shape(client, demo, analyst, query):
    client.force_login(analyst)
    response = client.get(f"/api/v1/aggregates/sentra/?{query}")
    assert response.status_code == 400
    assert response.json()["errors"]


def test_anonymous_is_refused(client, demo):
    assert client.get("/api/v1/aggregates/sentra/").status_code in (401, 403)


def test_constant_queries_for_5_and_500_rows(client, demo, analyst, alor_desa, settings, django_assert_num_queries):
    settings.REPORTS_CACHE_SECONDS = 0
    client.force_login(analyst)
    template = IkmUnitFactory(desa=alor_desa)
    url = "/api/v1/aggregates/ikm/?group_by=region,commodity&level=3"
    client.get(url)
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as before:
        client.get(url)
    IkmUnit.objects.bulk_create([IkmUnit(name=f"x{i}", desa=alor_desa, commodity=template.commodity) for i in range(500)])
    SentraFactory(desa=alor_desa)
    with django_assert_num_queries(len(before)):
        client.get(url)


def test_report_json_and_schema(client, demo, analyst):
    client.force_login(analyst)
    identifiers = [row["identifier"] for row in client.get("/api/v1/reports/").json()]
    assert "dasbor-fasilitas" in identifiers and "ikm" in identifiers
    report = client.get("/api/v1/reports/dasbor-fasilitas/").json()
    per_region = report["sheets"][0]
    assert per_region["totals"][2:5] == [20, 18, 4]
    assert client.get("/api/v1/reports/tidak-ada/").status_code == 404
    schema = client.get("/api/v1/schema/?format=json").json()
    assert "/api/v1/aggregates/rooms/" in schema["paths"]
    params = {p["name"] for p in schema["paths"]["/api/v1/aggregates/rooms/"]["get"]["parameters"]}
    assert {"group_by", "level", "metrics", "region", "state"} <= params
