"""List filters come from the shared FilterSets: commodity, certification, search, sort, bad input."""

from django.urls import reverse

from core.testing.factories import CertificationFactory, CommodityFactory, IkmUnitFactory, SentraFactory


def names(response):
    return [row["cells"][0]["text"] for row in response.context["table"]["rows"]]


def test_commodity_filter_is_a_small_select(client, alor_staff):
    tenun = CommodityFactory(code="tenun-ikat", name="Tenun ikat")
    SentraFactory(name="Sentra Tenun", commodity=tenun)
    SentraFactory(name="Sentra Lain")
    client.force_login(alor_staff)
    response = client.get(reverse("sentra:list"), {"commodity": "tenun-ikat"})
    assert names(response) == ["Sentra Tenun"]
    assert '<option value="tenun-ikat" selected>Tenun ikat</option>' in response.content.decode()


def test_ikm_certification_filter_and_search(client, alor_staff):
    halal = IkmUnitFactory(name="Keripik Halal")
    CertificationFactory(ikm=halal, kind="halal")
    IkmUnitFactory(name="Tenun Ina", nib="9199999999999")
    client.force_login(alor_staff)
    assert names(client.get(reverse("ikm:list"), {"certification": "halal"})) == ["Keripik Halal"]
    assert names(client.get(reverse("ikm:list"), {"q": "9199999999999"})) == ["Tenun Ina"]


def test_sort_by_column_header(client, alor_staff):
    SentraFactory(name="B sentra")
    SentraFactory(name="A sentra")
    client.force_login(alor_staff)
    assert names(client.get(reverse("sentra:list"), {"ordering": "name"})) == ["A sentra", "B sentra"]
    assert names(client.get(reverse("sentra:list"), {"ordering": "-name"})) == ["B sentra", "A sentra"]


def test_bad_region_code_is_explained_not_crashing(client, alor_staff):
    SentraFactory()
    client.force_login(alor_staff)
    response = client.get(reverse("sentra:list"), {"region": "Alor"})
    assert response.status_code == 200
    assert "Kode wilayah tidak dikenal" in response.content.decode()


def test_page_number_that_is_not_a_number_shows_the_first_page(client, alor_staff):
    SentraFactory(name="Satu")
    client.force_login(alor_staff)
    assert names(client.get(reverse("sentra:list"), {"page": "x"})) == ["Satu"]
