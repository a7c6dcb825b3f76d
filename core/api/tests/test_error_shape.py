"""One JSON error shape with field paths, in the Accept-Language language; hostile input is never a 500."""

import json

import pytest

from core.api.testing import token_client
from core.testing.factories import CommodityFactory, IkmUnitFactory
from ikm.models import IkmUnit


@pytest.fixture
def client(alor_desa):
    return token_client("53.05", read_write=True)


def valid_unit(**overrides):
    return {"name": "Tenun Ina", "desa": "53.05.03.2001", "commodity": CommodityFactory(code="tenun-ikat").code, **overrides}


def assert_error(response, status, field):
    assert response.status_code == status, response.content[:500]
    body = response.json()
    assert set(body) == {"status", "code", "message", "errors"} and body["status"] == status
    assert field in [error["field"] for error in body["errors"]], body


@pytest.mark.django_db
def test_wrong_type_names_the_field(client):
    assert_error(client.post("/api/v1/ikm-units/", valid_unit(workers_male="banyak"), format="json"), 400, "workers_male")


@pytest.mark.django_db
def test_unknown_field_is_refused(client):
    response = client.post("/api/v1/ikm-units/", valid_unit(karyawan=3), format="json")
    assert_error(response, 400, "karyawan")
    assert response.json()["errors"][0]["code"] == "unknown_field"
    assert not IkmUnit.objects.exists()


@pytest.mark.django_db
def test_nul_byte_is_a_400(client):
    assert_error(client.post("/api/v1/ikm-units/", valid_unit(name="Tenun\x00Ina"), format="json"), 400, "name")
    response = client.get("/api/v1/ikm-units/?q=a%00b")
    assert response.status_code == 400
    assert client.get("/api/v1/sentra/by-code/A%00B/").status_code == 404


@pytest.mark.django_db
def test_ten_megabyte_string_is_a_413(client):
    response = client.post("/api/v1/ikm-units/", valid_unit(name="x" * 10_000_000), format="json")
    assert response.status_code == 413
    assert response.json()["code"] == "payload_too_large"


@pytest.mark.django_db
def test_too_long_string_below_the_body_limit_is_a_400(client):
    assert_error(client.post("/api/v1/ikm-units/", valid_unit(name="x" * 300_000), format="json"), 400, "name")


@pytest.mark.django_db
def test_broken_json_and_wrong_body_type(client):
    response = client.generic("POST", "/api/v1/ikm-units/", "{not json", content_type="application/json")
    assert response.status_code == 400 and response.json()["code"] == "parse_error"
    response = client.generic("POST", "/api/v1/ikm-units/", json.dumps([1, 2]), content_type="application/json")
    assert response.status_code == 400
    response = client.generic("POST", "/api/v1/ikm-units/", "name=x", content_type="application/x-www-form-urlencoded")
    assert response.status_code == 415


@pytest.mark.django_db
def test_messages_follow_accept_language(client):
    indonesian = client.post("/api/v1/rooms/", {}, format="json")
    english = client.post("/api/v1/rooms/", {}, format="json", HTTP_ACCEPT_LANGUAGE="en")
    messages_id = {e["field"]: e["message"] for e in indonesian.json()["errors"]}
    messages_en = {e["field"]: e["message"] for e in english.json()["errors"]}
    assert messages_id["name"] == "Bidang ini harus diisi."
    assert messages_en["name"] == "This field is required."
    assert indonesian.json()["message"] == "Data tidak valid."


@pytest.mark.django_db
def test_model_rule_errors_keep_their_field(client):
    IkmUnitFactory(nib="5300000000001")
    response = client.post("/api/v1/ikm-units/", valid_unit(nib="5300000000001"), format="json")
    assert_error(response, 400, "nib")


@pytest.mark.django_db
def test_unauthenticated_is_401_in_the_same_shape(alor_desa):
    from rest_framework.test import APIClient

    response = APIClient().get("/api/v1/sentra/")
    assert response.status_code == 401
    assert response.json()["status"] == 401
    bad = APIClient()
    bad.credentials(HTTP_AUTHORIZATION="Token bukan.token")
    assert bad.get("/api/v1/sentra/").status_code == 401
