import pytest

from core.api.testing import token_client
from core.testing.factories import CommodityFactory, CommodityGroupFactory


@pytest.mark.django_db
def test_commodities_with_group_names_and_filters(alor_desa):
    sandang = CommodityGroupFactory(code="sandang", name="Sandang")
    CommodityFactory(code="tenun-ikat", name="Tenun ikat", group=sandang, kbli_code="13122", is_priority=True)
    CommodityFactory(code="garam", name="Garam", kbli_code="10774")
    client = token_client("53.05")
    rows = client.get("/api/v1/commodities/?group=sandang").json()["results"]
    assert rows == [{"id": rows[0]["id"], "code": "tenun-ikat", "name": "Tenun ikat", "group": {"code": "sandang", "name": "Sandang"},
                     "kbli_code": "13122", "kbli_version": "2020", "is_priority": True}]
    assert [r["code"] for r in client.get("/api/v1/commodities/?kbli=10774").json()["results"]] == ["garam"]
    assert client.post("/api/v1/commodities/", {}, format="json").status_code in (403, 405)
