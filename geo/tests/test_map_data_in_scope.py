"""The map's points, popups, centres and the GeoJSON API answer inside the caller's scope only (a Belu user never
gets an Alor point), with the sentra list's filters, in a constant number of queries."""

from decimal import Decimal

import pytest

from core.api.testing import token_client
from core.testing.factories import (
    DakActivityFactory, DakAllocationFactory, IkmUnitFactory, MembershipFactory, RoomFactory, SentraFactory, region_tree,
)
from facilities.models import RoomState
from geo.capitals import CAPITALS


@pytest.fixture
def places(alor_desa, belu_desa):
    alor = [
        SentraFactory(name="Sentra Mali", desa=alor_desa, latitude=Decimal("-8.150000"), longitude=Decimal("124.580000"), status="kurang_aktif"),
        SentraFactory(name="Sentra Moramam", desa=alor_desa, latitude=Decimal("-8.315000"), longitude=Decimal("124.415000")),
    ]
    unplaced = SentraFactory(name="Sentra Tanpa Titik", desa=alor_desa)
    belu = SentraFactory(name="Sentra Fatukbot", desa=belu_desa, latitude=Decimal("-9.110000"), longitude=Decimal("124.890000"), status="rencana")
    return {"alor": alor, "unplaced": unplaced, "belu": belu}


def ids(response):
    return {row[0] for row in response.json()["rows"]}


def test_each_user_gets_the_points_of_their_scope(client, places, alor_staff, belu_staff, ntt_staff, analyst):
    alor_ids = {s.pk for s in places["alor"]}
    expected = {alor_staff: alor_ids, belu_staff: {places["belu"].pk}, ntt_staff: alor_ids | {places["belu"].pk},
                analyst: alor_ids | {places["belu"].pk}}
    for user, wanted in expected.items():
        client.force_login(user)
        response = client.get("/peta/data/")
        assert response.status_code == 200
        assert ids(response) == wanted, user.username
        assert "Sentra" not in response.content.decode()  # names only come with a popup, in scope
    client.force_login(belu_staff)
    assert ids(client.get("/peta/data/", {"region": "53.05"})) == set()  # asking for Alor gives nothing


def test_rows_are_compact_arrays_with_status_and_freshness(client, places, alor_staff):
    client.force_login(alor_staff)
    body = client.get("/peta/data/").json()
    assert body["columns"] == ["id", "lat", "lon", "status", "fresh"]
    assert (body["total"], body["placed"]) == (3, 2)  # one Alor sentra has no point yet
    mali = next(row for row in body["rows"] if row[0] == places["alor"][0].pk)
    statuses = [value for value, _label in body["legend"]["status"]]
    assert mali[1:3] == [-8.15, 124.58] and statuses[mali[3]] == "kurang_aktif"
    assert [key for key, _label in body["legend"]["fresh"]][mali[4]] == "never"


def test_the_sentra_list_filters_narrow_the_map(client, places, analyst):
    client.force_login(analyst)
    assert ids(client.get("/peta/data/", {"status": "rencana"})) == {places["belu"].pk}
    assert ids(client.get("/peta/data/", {"region": "53.04"})) == {places["belu"].pk}
    allocation = DakAllocationFactory(kabupaten_kota=places["alor"][0].desa.parent.parent, fiscal_year=2019)
    DakActivityFactory(allocation=allocation, sentra=places["alor"][0])
    assert ids(client.get("/peta/data/", {"dak_funded": "true"})) == {places["alor"][0].pk}
    assert ids(client.get("/peta/data/", {"dak_funded": "false"})) == {places["alor"][1].pk, places["belu"].pk}
    response = client.get("/peta/data/", {"region": "53.0x"})
    assert response.status_code == 400 and "region" in response.json()["errors"]


def test_the_dak_filter_is_on_the_sentra_list_too(client, places, analyst):
    allocation = DakAllocationFactory(kabupaten_kota=places["alor"][0].desa.parent.parent, fiscal_year=2019)
    DakActivityFactory(allocation=allocation, sentra=places["alor"][0])
    client.force_login(analyst)
    body = client.get("/sentra/", {"dak_funded": "true"}).content.decode()
    assert "Sentra Mali" in body and "Sentra Moramam" not in body
    api = token_client()
    listed = api.get("/api/v1/sentra/", {"dak_funded": "true"}).json()["results"]
    assert [row["name"] for row in listed] == ["Sentra Mali"]


def test_the_popup_tells_members_and_rooms_in_scope_only(client, places, alor_staff, belu_staff):
    mali = places["alor"][0]
    members = [MembershipFactory(sentra=mali, ikm=IkmUnitFactory(desa=mali.desa)).ikm for _ in range(3)]
    RoomFactory(sentra=mali, state=RoomState.AKTIF, occupant=members[0])
    RoomFactory(sentra=mali, state=RoomState.TERISI, occupant=members[1])
    RoomFactory(sentra=mali)
    client.force_login(alor_staff)
    info = client.get(f"/peta/sentra/{mali.pk}/").json()
    assert (info["name"], info["members"], info["rooms"]) == ("Sentra Mali", 3, {"total": 3, "occupied": 2, "active": 1})
    assert info["url"] == f"/sentra/{mali.pk}/"
    client.force_login(belu_staff)
    assert client.get(f"/peta/sentra/{mali.pk}/").status_code == 404


def test_geojson_api_is_scoped_and_filtered(places):
    belu = token_client("53.04")
    body = belu.get("/api/v1/geo/sentra/").json()
    assert body["type"] == "FeatureCollection"
    assert [f["properties"]["name"] for f in body["features"]] == ["Sentra Fatukbot"]
    assert body["features"][0]["geometry"] == {"type": "Point", "coordinates": [124.89, -9.11]}
    national = token_client()
    names = {f["properties"]["name"] for f in national.get("/api/v1/geo/sentra/").json()["features"]}
    assert names == {"Sentra Mali", "Sentra Moramam", "Sentra Fatukbot"}
    assert [f["id"] for f in national.get("/api/v1/geo/sentra/", {"status": "rencana"}).json()["features"]] == [places["belu"].pk]
    response = national.get("/api/v1/geo/sentra/", HTTP_ACCEPT="application/geo+json")
    assert response.status_code == 200 and response["Content-Type"].startswith("application/geo+json")
    assert national.get("/api/v1/geo/sentra/", {"region": "zz"}).status_code == 400


def test_geojson_is_in_the_openapi_schema(analyst, client):
    client.force_login(analyst)
    schema = client.get("/api/v1/schema/", HTTP_ACCEPT="application/vnd.oai.openapi+json").json()
    operation = schema["paths"]["/api/v1/geo/sentra/"]["get"]
    assert {"status", "region", "commodity", "dak_funded"} <= {p["name"] for p in operation["parameters"]}


def test_the_centre_walks_up_to_what_is_known(client, places, alor_staff, belu_staff):
    client.force_login(alor_staff)
    centre = client.get("/peta/pusat/", {"wilayah": "53.05.03.2001"}).json()
    assert (centre["source"], centre["level"]) == ("records", 4)
    assert -8.32 <= centre["lat"] <= -8.14
    empty_desa = region_tree("53.05.10.2004")
    centre = client.get("/peta/pusat/", {"wilayah": empty_desa.code}).json()
    assert (centre["source"], centre["level"]) == ("records", 2)  # its kabupaten's records
    client.force_login(belu_staff)
    assert client.get("/peta/pusat/", {"wilayah": "53.05.03.2001"}).status_code == 404
    belu_desa_without = region_tree("53.04.01.2001")
    centre = client.get("/peta/pusat/", {"wilayah": belu_desa_without.code}).json()
    assert centre["source"] == "records" and centre["lat"] == -9.11  # Belu's one placed sentra


def test_the_centre_falls_back_to_the_province_capital(client, loteng_staff):
    client.force_login(loteng_staff)
    centre = client.get("/peta/pusat/", {"wilayah": "52.02.03.2005"}).json()
    assert (centre["source"], centre["lat"], centre["lon"]) == ("capital", *CAPITALS["52"])


def test_the_live_check_refuses_and_flags_like_the_save(client, places, alor_staff, belu_staff):
    client.force_login(alor_staff)
    paris = client.get("/peta/periksa/", {"wilayah": "53.05.03.2001", "lat": "48.8566", "lon": "2.3522"}).json()
    assert paris["warnings"] == [] and any("di luar Indonesia" in error for error in paris["errors"])
    comma = client.get("/peta/periksa/", {"wilayah": "53.05.03.2001", "lat": "-8,2", "lon": "124,5"}).json()
    assert comma == {"errors": [], "warnings": []}
    client.force_login(belu_staff)
    assert client.get("/peta/periksa/", {"wilayah": "53.05.03.2001", "lat": "-8.2", "lon": "124.5"}).status_code == 404


@pytest.mark.parametrize("url", ["/peta/data/", "/api/v1/geo/sentra/"])
def test_map_data_queries_do_not_grow_with_the_sentra(client, analyst, alor_desa, url, django_assert_max_num_queries, settings):
    settings.REPORTS_CACHE_SECONDS = 0
    client.force_login(analyst)
    SentraFactory(desa=alor_desa, latitude=Decimal("-8.2"), longitude=Decimal("124.5"))
    with django_assert_max_num_queries(6) as few:
        assert client.get(url).status_code == 200
    for i in range(25):
        SentraFactory(desa=alor_desa, latitude=Decimal("-8.2") + Decimal(i) / 1000, longitude=Decimal("124.5"))
    with django_assert_max_num_queries(len(few.captured_queries)):
        assert client.get(url).status_code == 200


def test_the_map_page_draws_the_filters_and_the_map(client, places, alor_staff, django_assert_max_num_queries):
    client.force_login(alor_staff)
    with django_assert_max_num_queries(12):
        response = client.get("/peta/", {"status": "aktif"})
    body = response.content.decode()
    assert 'data-sentra-map' in body and "/peta/data/?status=aktif" in body
    assert 'name="dak_funded"' in body and "/sentra/?status=aktif" in body
