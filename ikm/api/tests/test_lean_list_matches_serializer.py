"""The fast list path of /api/v1/ikm-units/ writes exactly what IkmUnitSerializer writes, field for field."""

import json
from datetime import timedelta
from decimal import Decimal

import pytest
from django.utils import timezone
from rest_framework.renderers import JSONRenderer

from core.api.testing import token_client
from core.testing.factories import CommodityFactory, IkmUnitFactory
from ikm.api.serializers import IkmUnitSerializer
from ikm.models import IkmUnit
from ikm.selectors import ikm_list

URL = "/api/v1/ikm-units/"


@pytest.fixture
def client(alor_desa):
    return token_client("53.05")


@pytest.fixture
def units(alor_desa):
    commodity = CommodityFactory()
    plain = IkmUnitFactory(commodity=commodity, nib=None, address="", production_capacity=None)
    rich = IkmUnitFactory(
        commodity=commodity, name="Tenun Ikat «Alor»", production_capacity=Decimal("1250.5"), capacity_unit="lembar",
        investment=2_500_000_000, workers_male=40, production_value=750_000_000, sales=600_000_000,
        production_place="sentra",
    )
    IkmUnit.objects.filter(pk=rich.pk).update(last_verified_at=timezone.now() - timedelta(days=3, microseconds=123456))
    large = IkmUnitFactory(commodity=commodity, investment=20_000_000_000, workers_male=5, workers_female=0)
    deleted = IkmUnitFactory(commodity=commodity)
    IkmUnit.objects.filter(pk=deleted.pk).update(deleted_at=timezone.now())
    return [plain, rich, large, deleted]


def serializer_rows(client, pks, only=None):
    queryset = ikm_list(user=client.api_client.user, include_deleted=True).filter(pk__in=pks).order_by("pk")
    data = IkmUnitSerializer(queryset, many=True, only=only).data
    return json.loads(JSONRenderer().render(data))


@pytest.mark.django_db
def test_every_field_as_the_serializer_writes_it(client, units):
    since = (timezone.now() - timedelta(days=1)).isoformat()
    body = client.get(URL, {"updated_since": since}).json()
    assert {row["id"] for row in body["results"]} == {unit.pk for unit in units}
    assert body["results"] == serializer_rows(client, [unit.pk for unit in units])
    assert [row["is_deleted"] for row in body["results"]] == [False, False, False, True]
    assert [row["ikm_class"] for row in body["results"][:3]] == ["kecil", "menengah", "besar"]


@pytest.mark.django_db
@pytest.mark.parametrize("params, only", [
    ({"brief": "1"}, {"id", "nib", "name", "is_deleted"}),
    ({"fields": "region,commodity_name,production_capacity"}, {"region", "commodity_name", "production_capacity"}),
    ({"fields": "name"}, {"name"}),
])
def test_fields_and_brief_keep_the_serializer_output(client, units, params, only):
    body = client.get(URL, params).json()
    live = [unit.pk for unit in units[:3]]
    assert body["results"] == serializer_rows(client, live, only=only)
    assert list(body["results"][0]) == [name for name in IkmUnitSerializer.Meta.fields if name in only]


@pytest.mark.django_db
def test_cursor_walk_with_narrow_fields_and_ordering(client, units):
    more = IkmUnitFactory.create_batch(5, commodity=units[0].commodity)
    expected = sorted(unit.pk for unit in [*units[:3], *more])
    for params in ({"fields": "name"}, {"fields": "name", "ordering": "-updated_at"}, {"brief": "1", "ordering": "investment"}):
        seen, url, query = [], URL, {**params, "page_size": 3}
        while url:
            body = client.get(url, query).json()
            seen += [row.get("id") for row in body["results"]]
            url, query = body["next"], None
        if "id" in params.get("fields", "id") or params.get("brief"):
            assert sorted(seen) == expected
        else:
            assert len(seen) == len(expected)


@pytest.mark.django_db
def test_filters_still_apply_on_the_fast_path(client, units):
    other = IkmUnitFactory(commodity=CommodityFactory(), name="Kopi Alor")
    by_commodity = client.get(URL, {"commodity": other.commodity.code, "brief": "1"}).json()["results"]
    assert [row["id"] for row in by_commodity] == [other.pk]
    by_class = client.get(URL, {"ikm_class": "besar", "fields": "id"}).json()["results"]
    assert by_class == [{"id": units[2].pk}]
    assert client.get(URL, {"q": "kopi", "fields": "name"}).json()["results"] == [{"name": "Kopi Alor"}]
