import pytest

from core.api.testing import token_client
from core.testing.factories import CommodityFactory, IkmUnitFactory
from ikm.models import IkmUnit

NIB = "5305000000001"


@pytest.fixture
def client(alor_desa):
    return token_client("53.05", read_write=True)


def unit_body(**overrides):
    return {"name": "Tenun Ina", "desa": "53.05.03.2001", "commodity": CommodityFactory(code="tenun-ikat").code, **overrides}


@pytest.mark.django_db
def test_put_by_nib_creates_then_updates(client):
    response = client.put(f"/api/v1/ikm-units/by-nib/{NIB}/", unit_body(), format="json")
    assert response.status_code == 201 and response.json()["nib"] == NIB
    response = client.put(f"/api/v1/ikm-units/by-nib/{NIB}/", unit_body(name="Tenun Ina Jaya", workers_female=12), format="json")
    assert response.status_code == 200
    unit = IkmUnit.objects.get(nib=NIB)
    assert (unit.name, unit.workers_female, unit.version) == ("Tenun Ina Jaya", 12, 2)
    assert client.get(f"/api/v1/ikm-units/by-nib/{NIB}/").json()["id"] == unit.pk


@pytest.mark.django_db
def test_put_by_nib_honours_if_match(client):
    unit = IkmUnitFactory(nib=NIB)
    response = client.put(f"/api/v1/ikm-units/by-nib/{NIB}/", unit_body(name="X"), format="json", HTTP_IF_MATCH='"9"')
    assert response.status_code == 412
    unit.refresh_from_db()
    assert unit.name != "X"


@pytest.mark.django_db
def test_put_by_nib_brings_back_a_deleted_unit(client):
    unit = IkmUnitFactory(nib=NIB)
    client.delete(f"/api/v1/ikm-units/{unit.pk}/")
    assert client.put(f"/api/v1/ikm-units/by-nib/{NIB}/", unit_body(), format="json").status_code == 200
    unit.refresh_from_db()
    assert unit.deleted_at is None


@pytest.mark.django_db
def test_body_nib_must_match_the_url(client):
    response = client.put(f"/api/v1/ikm-units/by-nib/{NIB}/", unit_body(nib="5305000000002"), format="json")
    assert response.status_code == 400 and response.json()["errors"][0]["field"] == "nib"
    assert not IkmUnit.objects.exists()


@pytest.mark.django_db
def test_malformed_nib_in_url_is_404(client):
    assert client.put("/api/v1/ikm-units/by-nib/123/", unit_body(), format="json").status_code == 404
