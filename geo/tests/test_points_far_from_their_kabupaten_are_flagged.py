"""A point far from the other records of its kabupaten is flagged, not refused: on the form (saved only once the
user confirms), by point_warnings (for the import preview) and in the data-quality list, each in scope."""

from decimal import Decimal

import pytest
from django.core.cache import cache

from core.testing.factories import CommodityFactory, IkmUnitFactory, SentraFactory, region_tree
from geo.checks import point_warnings
from sentra.models import Sentra

BELU = (Decimal("-9.110000"), Decimal("124.890000"))  # Atambua, Kab. Belu: 110 km from Kalabahi
ALOR_POINTS = [("-8.220000", "124.520000"), ("-8.180000", "124.490000"), ("-8.150000", "124.580000"), ("-8.315000", "124.415000")]
EAST_ALOR = (Decimal("-8.250000"), Decimal("125.050000"))  # still Pulau Alor, 60 km east of Kalabahi
DILI = (Decimal("-8.556000"), Decimal("125.578000"))  # Timor-Leste


@pytest.fixture
def alor_sentra(alor_desa, belu_desa):
    """Four placed sentra of Kab. Alor (the reference of the kabupaten) and one to edit."""
    placed = [SentraFactory(desa=alor_desa, latitude=Decimal(lat), longitude=Decimal(lon)) for lat, lon in ALOR_POINTS]
    return placed


def test_a_belu_point_on_an_alor_sentra_is_flagged(alor_sentra):
    warnings = point_warnings("53.05.03.2001", *BELU)
    assert len(warnings) == 1
    assert "Kabupaten Alor" in warnings[0] and "km" in warnings[0]


def test_real_alor_points_are_not_flagged(alor_sentra):
    assert point_warnings("53.05.03.2001", Decimal("-8.230000"), Decimal("124.530000")) == []
    assert point_warnings("53.05.03.2001", *EAST_ALOR) == []


def test_the_record_itself_is_left_out_of_its_reference(alor_sentra):
    # With three others the kabupaten is still judged; with the edited record left out of two, it is not.
    assert point_warnings("53.05.03.2001", *BELU, exclude=("sentra", alor_sentra[0].pk))
    Sentra.objects.filter(pk__in=[s.pk for s in alor_sentra[2:]]).update(latitude=None, longitude=None)
    assert point_warnings("53.05.03.2001", *BELU, exclude=("sentra", alor_sentra[0].pk)) == []


def test_ikm_units_count_as_records_of_the_kabupaten(alor_desa):
    for lat, lon in ALOR_POINTS[:3]:
        IkmUnitFactory(desa=alor_desa, latitude=Decimal(lat), longitude=Decimal(lon))
    assert point_warnings("53.05.03.2001", *BELU)


def test_too_few_records_say_nothing(alor_desa):
    SentraFactory(desa=alor_desa, latitude=Decimal("-8.22"), longitude=Decimal("124.52"))
    assert point_warnings("53.05.03.2001", *BELU) == []


def test_a_point_at_sea_is_flagged(alor_desa):
    warnings = point_warnings("53.05.03.2001", Decimal("-8.000000"), Decimal("124.000000"))
    assert len(warnings) == 1 and "di laut" in warnings[0]


def test_out_of_indonesia_is_for_the_refusal_not_a_warning(alor_sentra):
    assert point_warnings("53.05.03.2001", Decimal("48.8566"), Decimal("2.3522")) == []
    assert point_warnings("53.05.03.2001", Decimal("-8.556"), Decimal("125.578")) == []  # Dili


def form_data(sentra, **changes):
    data = {"code": sentra.code, "name": sentra.name, "desa": sentra.desa_id, "commodities": [sentra.primary_commodity.pk],
            "status": sentra.status, "version": sentra.version, "latitude": str(sentra.latitude or ""),
            "longitude": str(sentra.longitude or "")}
    return {**data, **changes}


def test_the_form_shows_the_warning_and_saves_only_after_confirmation(client, alor_staff, alor_sentra):
    sentra = alor_sentra[0]
    client.force_login(alor_staff)
    url = f"/sentra/{sentra.pk}/ubah/"
    response = client.post(url, form_data(sentra, latitude=str(BELU[0]), longitude=str(BELU[1])))
    assert response.status_code == 200
    body = response.content.decode()
    assert "Kabupaten Alor" in body and 'name="confirm_location"' in body and 'type="checkbox"' in body
    sentra.refresh_from_db()
    assert (sentra.latitude, sentra.version) == (Decimal(ALOR_POINTS[0][0]), 1)

    response = client.post(url, form_data(sentra, latitude=str(BELU[0]), longitude=str(BELU[1]), confirm_location="on"))
    assert response.status_code == 302
    sentra.refresh_from_db()
    assert (sentra.latitude, sentra.longitude, sentra.version) == (BELU[0], BELU[1], 2)

    # A later edit of something else does not ask again about the point already confirmed.
    response = client.post(url, form_data(sentra, name="Sentra Alor Baru"))
    assert response.status_code == 302
    sentra.refresh_from_db()
    assert sentra.name == "Sentra Alor Baru"


def test_the_ikm_form_flags_too(client, alor_staff, alor_sentra):
    commodity = CommodityFactory()
    client.force_login(alor_staff)
    data = {"name": "Usaha Jauh", "desa": "53.05.03.2001", "commodity": commodity.pk, "workers_male": 1, "workers_female": 1,
            "investment": 0, "production_value": 0, "sales": 0, "production_place": "rumah",
            "latitude": str(BELU[0]), "longitude": str(BELU[1])}
    response = client.post("/ikm/baru/", data)
    assert response.status_code == 200 and "Kabupaten Alor" in response.content.decode()
    response = client.post("/ikm/baru/", {**data, "confirm_location": "on"})
    assert response.status_code == 302


def test_the_quality_list_names_the_flagged_record_in_scope_only(client, alor_staff, belu_staff, analyst, alor_sentra):
    sentra = alor_sentra[0]
    Sentra.objects.filter(pk=sentra.pk).update(latitude=BELU[0], longitude=BELU[1], name="Sentra Salah Titik")
    belu_placed = [SentraFactory(desa=region_tree("53.04.22.1004"), latitude=BELU[0] + Decimal(i) / 100, longitude=BELU[1]) for i in range(3)]
    for user, sees in ((alor_staff, True), (analyst, True), (belu_staff, False)):
        client.force_login(user)
        body = client.get("/peta/kualitas/").content.decode()
        assert ("Sentra Salah Titik" in body) is sees, user
        assert f"/sentra/{sentra.pk}/" in body if sees else f"/sentra/{sentra.pk}/" not in body
    assert all(f"/sentra/{s.pk}/" not in body for s in belu_placed)  # Belu's own records sit where Belu's are


def test_the_quality_list_queries_stay_few(client, analyst, alor_sentra, django_assert_max_num_queries):
    client.force_login(analyst)
    with django_assert_max_num_queries(12):
        assert client.get("/peta/kualitas/").status_code == 200
    for i in range(20):
        SentraFactory(desa=alor_sentra[0].desa, latitude=Decimal("-8.2") - Decimal(i) / 1000, longitude=Decimal("124.5"))
    cache.clear()  # a fresh national pass, not the cached one
    with django_assert_max_num_queries(12):
        assert client.get("/peta/kualitas/").status_code == 200


def test_many_points_at_once_get_the_forms_warnings(alor_sentra, django_assert_max_num_queries):
    """The import's bulk check (many_point_warnings) says what point_warnings says for each point, record left out."""
    from geo.checks import many_point_warnings

    edited = alor_sentra[0]
    points = [
        ("53.05.03.2001", *BELU, None, None), ("53.05.03.2001", Decimal("-8.230000"), Decimal("124.530000"), None, None),
        ("53.05.03.2001", *EAST_ALOR, None, None), ("53.05.03.2001", Decimal("-8.000000"), Decimal("124.000000"), None, None),
        ("53.05.03.2001", Decimal("48.8566"), Decimal("2.3522"), None, None), ("53.05.03.2001", *BELU, edited.pk, None),
        ("53.05.03.2001", *DILI, None, None),  # Timor-Leste: refused elsewhere, not flagged here
        ("53.04.22.1004", *BELU, None, None),  # Kab. Belu has no placed records: nothing to compare with
    ]
    with django_assert_max_num_queries(5):  # two per kabupaten and the names, however many points
        found = many_point_warnings(points, kind="sentra")
    expected = {index: point_warnings(region, lat, lon, exclude=("sentra", pk)) for index, (region, lat, lon, pk, _p) in enumerate(points)}
    assert found == {index: warnings for index, warnings in expected.items() if warnings}
    assert set(found) == {0, 3, 5}
    # With two others left the kabupaten cannot be judged once the edited record is left out, as on the form.
    Sentra.objects.filter(pk__in=[s.pk for s in alor_sentra[2:]]).update(latitude=None, longitude=None)
    assert many_point_warnings([("53.05.03.2001", *BELU, edited.pk, None)], kind="sentra") == {}
