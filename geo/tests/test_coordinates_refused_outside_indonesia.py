"""A point outside Indonesia is refused on every write path (service, form, API, import, the database itself),
with a message that says why; a real point on a small island (Alor) is accepted."""

from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from core.api.testing import token_client
from core.coordinates import Placement, validate_latitude, validate_longitude, validate_point
from core.testing.factories import CommodityFactory, IkmUnitFactory, SentraFactory
from ikm.models import IkmUnit
from ikm.services import ikm_create, ikm_update
from sentra.models import Sentra
from sentra.services import sentra_create, sentra_update

PARIS = (Decimal("48.856600"), Decimal("2.352200"))
ALOR = (Decimal("-8.250000"), Decimal("124.550000"))  # Pulau Alor, a small island of Kab. Alor
MORAMAM = (Decimal("-8.315000"), Decimal("124.415000"))
DILI = (Decimal("-8.556000"), Decimal("125.578000"))  # Timor-Leste, across the border from Belu
SINGAPORE = (Decimal("1.290000"), Decimal("103.850000"))  # 20 km from Batam: across the border, not Indonesia
INDIAN_OCEAN = (Decimal("-10.900000"), Decimal("100.000000"))  # inside the box, 400 km from Java
OFF_ALOR = (Decimal("-8.000000"), Decimal("124.000000"))  # 26 km off the coast: allowed (small islands), flagged


def messages_of(error):
    return " ".join(error.messages)


def refusal(lat, lon):
    """Every message the model would give (field validators and the point rule), joined; empty when accepted."""
    messages = []
    for check in (lambda: validate_latitude(lat), lambda: validate_longitude(lon), lambda: validate_point(lat, lon)):
        try:
            check()
        except ValidationError as error:
            messages += error.messages
    return " ".join(messages)


def history_count(instance):
    return type(instance).history.filter(id=instance.pk).count()


@pytest.mark.django_db
def test_service_refuses_paris_for_a_new_sentra(alor_staff):
    with pytest.raises(ValidationError) as refused:
        sentra_create(user=alor_staff, data={"code": "ALR-P", "name": "Sentra Paris", "desa_id": "53.05.03.2001",
                                             "latitude": PARIS[0], "longitude": PARIS[1]})
    assert set(refused.value.message_dict) == {"latitude", "longitude"}
    assert "di luar Indonesia" in messages_of(refused.value)
    assert not Sentra.all_objects.exists()


@pytest.mark.django_db
def test_service_refuses_paris_for_an_existing_sentra_and_leaves_it_as_it_was(alor_staff):
    sentra = SentraFactory(latitude=MORAMAM[0], longitude=MORAMAM[1])
    before = history_count(sentra)
    with pytest.raises(ValidationError):
        sentra_update(user=alor_staff, sentra=sentra, data={"latitude": PARIS[0], "longitude": PARIS[1]})
    sentra.refresh_from_db()
    assert (sentra.latitude, sentra.longitude, sentra.version) == (MORAMAM[0], MORAMAM[1], 1)
    assert history_count(sentra) == before


@pytest.mark.django_db
def test_service_accepts_a_real_point_on_alor(alor_staff):
    sentra = sentra_create(user=alor_staff, data={"code": "ALR-1", "name": "Sentra Alor", "desa_id": "53.05.03.2001",
                                                  "latitude": ALOR[0], "longitude": ALOR[1]})
    sentra.refresh_from_db()
    assert (sentra.latitude, sentra.longitude) == ALOR


@pytest.mark.django_db
def test_service_refuses_paris_for_an_ikm_unit_too(alor_staff):
    commodity = CommodityFactory()
    with pytest.raises(ValidationError):
        ikm_create(user=alor_staff, data={"name": "Usaha Paris", "desa_id": "53.05.03.2001", "commodity": commodity,
                                          "latitude": PARIS[0], "longitude": PARIS[1]})
    assert not IkmUnit.all_objects.exists()
    unit = IkmUnitFactory()
    with pytest.raises(ValidationError) as refused:
        ikm_update(user=alor_staff, ikm=unit, data={"latitude": DILI[0], "longitude": DILI[1]})
    assert "Timor-Leste" in messages_of(refused.value)
    unit.refresh_from_db()
    assert unit.latitude is None and unit.version == 1


@pytest.mark.parametrize("point, words", [
    (DILI, "Timor-Leste"),
    (SINGAPORE, "Singapore"),
    (INDIAN_OCEAN, "di laut"),
    ((Decimal("124.55"), Decimal("-8.25")), "tertukar"),
    ((Decimal("8.25"), Decimal("124.55")), "di luar Indonesia"),  # north instead of south: Mindanao's sea, out of the box
])
def test_points_outside_indonesia_are_refused_with_the_reason(point, words):
    assert words in refusal(*point)


@pytest.mark.parametrize("point", [ALOR, MORAMAM, OFF_ALOR, (Decimal("-9.110000"), Decimal("124.890000")),
                                   (Decimal("5.557"), Decimal("126.581")),  # Miangas, the northernmost island
                                   (Decimal("-11.000"), Decimal("122.860"))])  # Pulau Ndana, the southernmost
def test_real_points_including_small_islands_are_accepted(point):
    assert refusal(*point) == ""


def test_a_point_off_the_coast_is_accepted_but_marked_at_sea():
    assert Placement(*OFF_ALOR).at_sea and Placement(*OFF_ALOR).refusal is None
    assert not Placement(*ALOR).at_sea


def test_half_a_coordinate_is_refused():
    with pytest.raises(ValidationError) as refused:
        validate_point(ALOR[0], None)
    assert set(refused.value.message_dict) == {"longitude"}


@pytest.mark.django_db
def test_the_database_refuses_paris_even_past_the_services(alor_desa):
    sentra = SentraFactory()
    unit = IkmUnitFactory()
    for model, pk in ((Sentra, sentra.pk), (IkmUnit, unit.pk)):
        with pytest.raises(IntegrityError), transaction.atomic():
            model.objects.filter(pk=pk).update(latitude=PARIS[0], longitude=PARIS[1])
        with pytest.raises(IntegrityError), transaction.atomic():
            model.objects.filter(pk=pk).update(latitude=ALOR[0])  # half a coordinate
    assert Sentra.objects.filter(latitude__isnull=False).count() == 0


@pytest.mark.django_db
def test_the_form_refuses_paris_in_indonesian_and_keeps_nothing(client, alor_staff):
    commodity = CommodityFactory()
    client.force_login(alor_staff)
    response = client.post("/sentra/baru/", {
        "code": "ALR-F", "name": "Sentra Paris", "desa": "53.05.03.2001", "commodities": [commodity.pk], "status": "aktif",
        "latitude": "48.8566", "longitude": "2.3522",
    })
    assert response.status_code == 200
    body = response.content.decode()
    assert "Lintang 48,8566 di luar Indonesia" in body and "Bujur 2,3522 di luar Indonesia" in body
    assert not Sentra.all_objects.exists()


@pytest.mark.django_db
def test_the_form_takes_the_indonesian_decimal_comma(client, alor_staff):
    commodity = CommodityFactory()
    client.force_login(alor_staff)
    response = client.post("/sentra/baru/", {
        "code": "ALR-K", "name": "Sentra Koma", "desa": "53.05.03.2001", "commodities": [commodity.pk], "status": "aktif",
        "latitude": "-8,25", "longitude": "124,55",
    })
    assert response.status_code == 302, response.content.decode()[:2000]
    assert (Sentra.objects.get().latitude, Sentra.objects.get().longitude) == ALOR


@pytest.mark.django_db
def test_the_api_refuses_paris_with_the_json_error_shape(alor_desa):
    api = token_client("53.05", read_write=True)
    response = api.post("/api/v1/sentra/", {"code": "ALR-A", "name": "Sentra Paris", "desa": "53.05.03.2001",
                                             "latitude": "48.856600", "longitude": "2.352200"}, format="json")
    assert response.status_code == 400, response.content
    assert {item["field"] for item in response.json()["errors"]} >= {"latitude", "longitude"}
    assert not Sentra.all_objects.exists()
    sentra = SentraFactory(latitude=MORAMAM[0], longitude=MORAMAM[1])
    response = api.patch(f"/api/v1/sentra/{sentra.pk}/", {"latitude": str(DILI[0]), "longitude": str(DILI[1])}, format="json")
    assert response.status_code == 400 and "Timor-Leste" in response.content.decode()
    sentra.refresh_from_db()
    assert (sentra.latitude, sentra.version) == (MORAMAM[0], 1)


@pytest.mark.django_db
def test_the_api_reads_and_writes_unit_coordinates(alor_desa):
    api = token_client("53.05", read_write=True)
    unit = IkmUnitFactory()
    response = api.patch(f"/api/v1/ikm-units/{unit.pk}/", {"latitude": "-8.25", "longitude": "124.55"}, format="json")
    assert response.status_code == 200, response.content
    listed = api.get("/api/v1/ikm-units/").json()["results"]
    assert [(row["latitude"], row["longitude"]) for row in listed] == [("-8.250000", "124.550000")]


@pytest.mark.django_db
def test_an_import_row_in_paris_stores_nothing(alor_staff, settings, tmp_path):
    from imports.services import import_job_create, import_job_request_commit
    from imports.tests.conftest import xlsx_upload

    settings.MEDIA_ROOT = tmp_path
    CommodityFactory(code="tenun-ikat", name="Tenun ikat")
    rows = [["Kode Sentra", "Nama Sentra", "Kode Wilayah", "Komoditas Utama", "Lintang", "Bujur"],
            ["ALR-I", "Sentra Paris", "53.05.03.2001", "tenun-ikat", "48.8566", "2.3522"]]
    job = import_job_create(user=alor_staff, kind="sentra", upload=xlsx_upload(rows))
    if job.writable_count:
        try:
            import_job_request_commit(user=alor_staff, job=job)
        except ValidationError:
            pass
    assert not Sentra.all_objects.exists()
