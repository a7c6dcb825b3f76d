"""The API list's `.values()` path: its cached query shape never carries one user's scope to another, and the
fast Decimal writer prints exactly what DRF prints."""

from decimal import Decimal

import pytest

from core.api.testing import token_client
from core.testing.factories import IkmUnitFactory, UserFactory
from ikm.api.lean import IkmUnitLeanList, _decimal_writer
from ikm.api.serializers import IkmUnitSerializer
from ikm.models import IkmUnit
from ikm.selectors import ikm_api_rows, ikm_list

URL = "/api/v1/ikm-units/"


@pytest.mark.django_db
def test_rows_are_scoped_per_call_although_the_query_shape_is_shared(alor_desa, belu_desa, loteng_desa):
    alor_unit, belu_unit = IkmUnitFactory(), IkmUnitFactory(desa=belu_desa)
    deleted = IkmUnitFactory()
    IkmUnit.objects.filter(pk=deleted.pk).update(deleted_at=alor_unit.created_at)
    columns = tuple(IkmUnitLeanList().columns(None))
    alor_staff = UserFactory(role="district", region_id="53.05")
    belu_staff = UserFactory(role="district", region_id="53.04")
    outsider = UserFactory(role="district", region_id="52.02")
    for _ in range(2):  # the second round reuses the cached shape
        assert [r["id"] for r in ikm_api_rows(user=alor_staff, columns=columns)] == [alor_unit.pk]
        assert [r["id"] for r in ikm_api_rows(user=belu_staff, columns=columns)] == [belu_unit.pk]
        assert list(ikm_api_rows(user=outsider, columns=columns)) == []
        assert sorted(r["id"] for r in ikm_api_rows(user=alor_staff, columns=columns, include_deleted=True)) == [
            alor_unit.pk, deleted.pk,
        ]
        assert list(ikm_api_rows(user=None, columns=columns)) == []


@pytest.mark.django_db
def test_list_through_tokens_of_two_regions_in_turn(alor_desa, belu_desa):
    alor_unit, belu_unit = IkmUnitFactory(), IkmUnitFactory(desa=belu_desa)
    alor, belu = token_client("53.05"), token_client("53.04")
    for _ in range(2):
        assert [row["id"] for row in alor.get(URL).json()["results"]] == [alor_unit.pk]
        assert [row["id"] for row in belu.get(URL).json()["results"]] == [belu_unit.pk]


@pytest.mark.django_db
def test_list_rows_equal_the_serializer_for_stored_decimals(alor_desa):
    values = ["0.00", "0.01", "1250.50", "999999999999.99", "12345.675"]
    units = [IkmUnitFactory(production_capacity=Decimal(value)) for value in values]
    body = token_client("53.05").get(URL, {"fields": "id,production_capacity"}).json()["results"]
    queryset = ikm_list(user=UserFactory(role="analyst")).filter(pk__in=[u.pk for u in units]).order_by("pk")
    expected = IkmUnitSerializer(queryset, many=True, only={"id", "production_capacity"}).data
    assert body == [dict(row) for row in expected]
    assert [row["production_capacity"] for row in body][:4] == values[:4]


@pytest.mark.parametrize("value", [
    Decimal("1250.50"), Decimal("1250.5"), Decimal("1250"), Decimal("0.005"), Decimal("0.015"), Decimal("2.675"),
    Decimal("-3.10"), Decimal("1E+3"), Decimal("12.3456"), 7, 2.5,
])
def test_fast_decimal_writer_matches_drf_for_any_value(value):
    field = IkmUnitSerializer().fields["production_capacity"]
    assert _decimal_writer(field)(value) == field.to_representation(value)
