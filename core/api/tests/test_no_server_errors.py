"""No 5xx from any input (issue 12): each reproduced finding, as written, answered in the JSON error shape.

Every error of the API has one shape ({status, code, message, errors}) and a message of the registry's own,
Indonesian by default and English with Accept-Language: en.
"""

import json

import pytest
from django.conf import settings
from django.core.cache import cache
from drf_spectacular.generators import SchemaGenerator

from core.api.testing import token_client
from core.testing.factories import CommodityFactory, IkmUnitFactory, SentraFactory
from ikm.models import IkmUnit
from security.tests.test_api_access_matrix import LIST_OPERATIONS

pytestmark = pytest.mark.django_db

LIST_PATHS = [param.values[0] for param in LIST_OPERATIONS]
TAMPERED_CURSOR = "cD1hYmM%3D"  # base64 of "p=abc"


@pytest.fixture
def client(alor_desa):
    return token_client("53.05", read_write=True)


def assert_shape(response, status):
    assert response.status_code == status, (response.status_code, response.content[:300])
    assert response["Content-Type"].startswith("application/json"), response["Content-Type"]
    body = response.json()
    assert set(body) == {"status", "code", "message", "errors"} and body["status"] == status, body
    return body


def declared_params(path):
    """The query parameters the OpenAPI schema declares for GET `path`: the contract a client is generated from."""
    global _SCHEMA
    if _SCHEMA is None:
        _SCHEMA = SchemaGenerator().get_schema(request=None, public=True)
    return {param["name"] for param in _SCHEMA["paths"][path]["get"].get("parameters", []) if param["in"] == "query"}


_SCHEMA = None


@pytest.mark.parametrize("path", LIST_PATHS)
def test_a_tampered_cursor_is_a_404_where_a_cursor_exists_and_a_400_where_it_does_not(client, path):
    SentraFactory()
    response = client.get(f"{path}?cursor={TAMPERED_CURSOR}")
    if "cursor" in declared_params(path):
        body = assert_shape(response, 404)
        assert body["message"].startswith("Kursor halaman tidak valid")
    else:  # a parameter the list does not have is refused, never ignored (issue 18)
        assert assert_shape(response, 400)["errors"][0]["field"] == "cursor"


def keyset_cursor(*values):
    from base64 import b64encode
    from urllib.parse import quote, urlencode

    return quote(b64encode(urlencode({"p": json.dumps(list(values))}).encode()).decode())


def test_a_cursor_on_a_date_column_with_an_impossible_offset_is_refused_not_a_500(client):
    unit = IkmUnitFactory()
    cursor = keyset_cursor("2020-01-01T00:00:00-22:00", 0)
    response = client.get(f"/api/v1/ikm-units/?ordering=updated_at&cursor={cursor}")
    assert response.status_code == 200, response.content[:300]  # a valid moment, shifted to UTC for the database
    assert [row["id"] for row in response.json()["results"]] == [unit.pk]
    for position in (("2020-13-45", 0), ("2020-01-01T00:00:00+99:00", 0), ("2020-01-01", 2**70), ("\x00", 1)):
        assert_shape(client.get(f"/api/v1/ikm-units/?ordering=updated_at&cursor={keyset_cursor(*position)}"), 404)


@pytest.mark.parametrize("path", LIST_PATHS)
def test_updated_since_with_a_minus_22_hours_offset_is_answered_wherever_it_is_declared(client, path):
    SentraFactory()
    response = client.get(f"{path}?updated_since=2020-01-01T00:00:00-22:00")
    if "updated_since" in declared_params(path):
        assert response.status_code == 200, response.content[:300]
    else:
        assert assert_shape(response, 400)["errors"][0]["field"] == "updated_since"


def test_updated_since_next_to_year_one_is_a_400(client):
    body = assert_shape(client.get("/api/v1/ikm-units/?updated_since=0001-01-01T00:00:00%2B14:00"), 400)
    assert body["errors"][0]["field"] == "updated_since"


@pytest.mark.parametrize("path", ["/api/v1/ikm-units/by-nib/9100000000001/", "/api/v1/sentra/by-code/SNT-00001/"])
def test_options_on_the_natural_key_routes(client, path):
    response = client.options(path)
    assert response.status_code == 200, response.content[:300]
    assert "actions" not in response.json()


@pytest.mark.parametrize(
    "path, item", [("/api/v1/ikm-units/bulk/", {"nib": {}}), ("/api/v1/sentra/bulk/", {"code": []})]
)
def test_unhashable_keys_in_bulk_items_are_a_400(client, path, item):
    body = assert_shape(client.post(path, {"items": [item]}, format="json"), 400)
    assert body["errors"][0]["index"] == 0


@pytest.mark.parametrize("method, path", [("POST", "/api/v1/ikm-units/bulk/"), ("PATCH", "/api/v1/ikm-units/{id}/")])
def test_json_nested_100000_levels_deep_is_a_400(client, method, path):
    unit = IkmUnitFactory()
    body = "[" * 100_000 + "]" * 100_000
    response = client.generic(method, path.format(id=unit.pk), body, content_type="application/json")
    assert assert_shape(response, 400)["code"] == "parse_error"
    nested = '{"items": ' + '{"a": ' * 40 + "1" + "}" * 40 + "}"
    assert assert_shape(client.generic(method, path.format(id=unit.pk), nested, content_type="application/json"), 400)


def test_django_and_the_api_agree_on_the_body_limit():
    assert settings.DATA_UPLOAD_MAX_MEMORY_SIZE == settings.API_MAX_BODY_BYTES == 4 * 1024 * 1024


def test_a_3_9_megabyte_body_is_processed_and_a_body_over_4_megabytes_is_a_json_413(client):
    CommodityFactory(code="tenun-ikat")
    item = {"name": "Tenun", "desa": "53.05.03.2001", "commodity": "tenun-ikat", "address": "x" * 10_000}
    near_limit = json.dumps({"items": [dict(item, nib=f"{9200000000000 + n}") for n in range(99)] + [{"address": "y" * 2_900_000}]})
    assert 3_800_000 < len(near_limit) < settings.API_MAX_BODY_BYTES
    body = assert_shape(client.generic("POST", "/api/v1/ikm-units/bulk/", near_limit, content_type="application/json"), 400)
    assert body["errors"][0]["index"] == 99  # read and validated: the last item lacks a name
    over = json.dumps({"items": [{"address": "y" * (settings.API_MAX_BODY_BYTES + 10)}]})
    assert assert_shape(client.generic("POST", "/api/v1/ikm-units/bulk/", over, content_type="application/json"), 413)["code"] == "payload_too_large"
    assert not IkmUnit.objects.exists()


def test_an_oversized_body_refused_by_django_itself_is_a_json_413(rf):
    from django.core.exceptions import RequestDataTooBig

    from security.views import bad_request

    response = bad_request(rf.post("/api/v1/ikm-units/"), RequestDataTooBig("too big"))
    assert response.status_code == 413 and json.loads(response.content)["code"] == "payload_too_large"
    assert bad_request(rf.post("/sentra/baru/"), RequestDataTooBig("too big")).status_code == 400


@pytest.mark.parametrize("path", ["/api/v1/ikm-units/1%0A/", "/api/v1/ikm-units/%0A", "/api/v1/tidak-ada/", "/api/v1/ikm-units/999999/"])
def test_not_found_is_json_even_with_a_newline_in_the_id(client, path):
    assert assert_shape(client.get(path), 404)["message"] == "Data tidak ditemukan."


def test_405_415_and_406_are_json_and_in_our_words(client):
    body = assert_shape(client.delete("/api/v1/commodities/"), 405)
    assert body["message"] == "Metode DELETE tidak diizinkan di alamat ini."
    body = assert_shape(client.generic("POST", "/api/v1/rooms/", "a=b", content_type="text/plain"), 415)
    assert body["message"] == "Jenis isi permintaan tidak didukung."
    response = client.get("/api/v1/commodities/", HTTP_ACCEPT="text/csv")
    assert response.status_code == 406 and response.json()["message"] == "Format jawaban yang diminta tidak tersedia."


ENGLISH = {
    "cursor": "Invalid page cursor; start again from the first page (without the cursor parameter).",
    "405": "Method DELETE is not allowed at this address.",
    "json": "The request body is not valid JSON.",
    "429": "Too many requests; try again in",
}


def test_bad_cursor_405_malformed_json_and_429_are_translated(client):
    cache.clear()
    for language, expected in (("id", None), ("en", ENGLISH)):
        headers = {"HTTP_ACCEPT_LANGUAGE": language}
        messages = {
            "cursor": client.get(f"/api/v1/sentra/?cursor={TAMPERED_CURSOR}", **headers).json()["message"],
            "405": client.delete("/api/v1/commodities/", **headers).json()["message"],
            "json": client.generic("POST", "/api/v1/rooms/", "{rusak", content_type="application/json", **headers).json()["message"],
        }
        if language == "id":
            assert messages == {
                "cursor": "Kursor halaman tidak valid; mulai lagi dari halaman pertama (tanpa parameter cursor).",
                "405": "Metode DELETE tidak diizinkan di alamat ini.",
                "json": "Isi permintaan bukan JSON yang valid.",
            }
        else:
            assert messages == {key: ENGLISH[key] for key in messages}
    slow = token_client("53.05", throttle_rate="2/min", name="Lambat")
    slow.get("/api/v1/commodities/")
    slow.get("/api/v1/commodities/")
    indonesian = slow.get("/api/v1/commodities/")
    english = slow.get("/api/v1/commodities/", HTTP_ACCEPT_LANGUAGE="en")
    assert assert_shape(indonesian, 429)["message"].startswith("Terlalu banyak permintaan; coba lagi dalam ")
    assert assert_shape(english, 429)["message"].startswith(ENGLISH["429"])
    assert int(indonesian["Retry-After"]) > 0
    cache.clear()
