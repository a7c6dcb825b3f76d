"""Creating and editing a sentra through the form: inline errors in Indonesian, writes through the service."""

import pytest
from django.urls import reverse

from commodities.models import Commodity
from core.testing.factories import CommodityFactory, SentraFactory
from sentra.models import Sentra


@pytest.fixture
def tenun(db):
    return CommodityFactory(code="tenun-ikat", name="Tenun ikat")


def valid_data(commodity, **overrides):
    return {"code": "ALR-001", "name": "Sentra Tenun Mali", "desa": "53.05.03.2001", "commodities": [commodity.pk],
            "status": "aktif", **overrides}


def test_invalid_form_shows_errors_next_to_fields_and_writes_nothing(client, alor_staff, tenun):
    client.force_login(alor_staff)
    response = client.post(reverse("sentra:create"), {"code": "", "name": "", "desa": "99.99.99.9999", "founding_year": "abc"})
    assert response.status_code == 200
    errors = response.context["form"].errors
    assert {"name", "desa", "commodities", "founding_year"} <= set(errors)
    assert "code" not in errors  # an empty code on a new sentra means "generate it" (sentra.codes)
    assert "Desa/kelurahan tidak ditemukan di wilayah kerja Anda" in response.content.decode()
    assert "Pilih sedikitnya satu komoditas." in response.content.decode()
    assert not Sentra.all_objects.exists()


def test_valid_form_creates_sentra_with_commodities_and_audit(client, alor_staff, tenun):
    other = CommodityFactory(code="gerabah", name="Gerabah")
    client.force_login(alor_staff)
    response = client.post(reverse("sentra:create"), valid_data(tenun, commodities=[tenun.pk, other.pk], primary_commodity=other.pk))
    sentra = Sentra.objects.get(code="ALR-001")
    assert response.status_code == 302 and response["Location"] == reverse("sentra:detail", args=[sentra.pk])
    assert sentra.primary_commodity == other
    assert set(sentra.commodities.all()) == {tenun, other}
    assert sentra.history.get().history_user == alor_staff


def test_primary_commodity_must_be_one_of_the_commodities(client, alor_staff, tenun):
    other = CommodityFactory(code="gerabah", name="Gerabah")
    client.force_login(alor_staff)
    response = client.post(reverse("sentra:create"), valid_data(tenun, primary_commodity=other.pk))
    assert "primary_commodity" in response.context["form"].errors
    assert not Sentra.objects.exists()


def test_desa_outside_the_users_region_is_refused(client, alor_staff, belu_desa, tenun):
    client.force_login(alor_staff)
    response = client.post(reverse("sentra:create"), valid_data(tenun, desa=belu_desa.code))
    assert "desa" in response.context["form"].errors
    assert not Sentra.objects.exists()


def test_duplicate_code_is_an_inline_error(client, alor_staff, tenun):
    SentraFactory(code="ALR-001")
    client.force_login(alor_staff)
    response = client.post(reverse("sentra:create"), valid_data(tenun))
    assert response.context["form"].errors["code"] == ["Kode sentra ini sudah dipakai."]


def test_edit_keeps_unchanged_fields_and_bumps_version(client, alor_staff, tenun):
    sentra = SentraFactory(code="ALR-001", commodity=tenun)
    client.force_login(alor_staff)
    response = client.post(reverse("sentra:update", args=[sentra.pk]),
                           valid_data(tenun, name="Sentra Tenun Ikat Mali", version=sentra.version))
    assert response.status_code == 302
    sentra.refresh_from_db()
    assert sentra.name == "Sentra Tenun Ikat Mali" and sentra.version == 2


def test_province_staff_cannot_open_the_form(client, ntt_staff):
    client.force_login(ntt_staff)
    assert client.get(reverse("sentra:create")).status_code == 403
    assert Commodity.objects.count() == 0
