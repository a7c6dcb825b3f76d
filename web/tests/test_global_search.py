"""The search box of the top bar finds sentra and IKM units of the user's region by name, code, NIB or owner,
through the lists' own FilterSets, and links to each record and to the full filtered list."""

import pytest
from django.db import connection  # noqa: F401 (read by skipif)
from django.shortcuts import resolve_url

from core.testing.factories import IkmUnitFactory, SentraFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def records(alor_desa, belu_desa):
    return {
        "moramam": SentraFactory(code="ALR-MRM", name="Sentra Tenun Moramam", desa=alor_desa),
        "weaver": IkmUnitFactory(name="Tenun Ikat Ibu Maria", nib="9100000000555", owner_name="Maria Lamma", desa=alor_desa),
        "belu": IkmUnitFactory(name="Tenun Ikat Fatukbot", nib="9100000000666", desa=belu_desa),
    }


def test_finds_sentra_and_units_of_the_region_with_links(client, alor_staff, records):
    client.force_login(alor_staff)
    page = client.get("/cari/", {"q": "tenun"}).content.decode()
    assert "Sentra Tenun Moramam" in page
    assert "Sentra Tenun Moramam" in client.get("/cari/", {"q": "moramam tenun"}).content.decode()  # words in any order and f'/sentra/{records["moramam"].pk}/' in page
    assert "Tenun Ikat Ibu Maria" in page and f'/ikm/{records["weaver"].pk}/' in page
    assert "Fatukbot" not in page  # Kab. Belu: outside the Alor officer's region
    assert "/ikm/?q=tenun" in page  # the full list, filtered and downloadable


def test_a_nib_and_an_owner_find_the_unit(client, alor_staff, records):
    client.force_login(alor_staff)
    assert "Tenun Ikat Ibu Maria" in client.get("/cari/", {"q": "9100000000555"}).content.decode()
    assert "Tenun Ikat Ibu Maria" in client.get("/cari/", {"q": "maria lamma"}).content.decode()
    assert "Tidak ada sentra atau unit IKM" in client.get("/cari/", {"q": "9100000000666"}).content.decode()


def test_the_box_is_on_every_page_for_people_who_are_logged_in(client, alor_staff):
    assert 'action="/cari/"' not in client.get("/bantuan/").content.decode()
    client.force_login(alor_staff)
    page = client.get("/sentra/").content.decode()
    assert 'action="/cari/"' in page  # in the menu: the top bar on a desktop, inside the folded menu on a phone


def test_hostile_queries_are_answered_not_crashed(client, alor_staff, records):
    client.force_login(alor_staff)
    for query in ("\x00", "x" * 10_000, "%", "_", "'; DROP TABLE sentra_sentra; --", "\u202e\u200b"):
        assert client.get("/cari/", {"q": query}).status_code == 200
    assert client.get("/cari/").status_code == 200


def test_anonymous_is_sent_to_login(client, settings):
    response = client.get("/cari/", {"q": "tenun"})
    assert response.status_code == 302 and response["Location"].startswith(resolve_url(settings.LOGIN_URL))


def test_in_english_for_an_english_speaking_user(client, alor_staff, records):
    alor_staff.language = "en"
    alor_staff.save()
    client.force_login(alor_staff)
    page = client.get("/cari/", {"q": "tidak-ada-apa-apa"}).content.decode()
    assert "Search the registry" in page and 'No sentra or IKM unit in your region matches "tidak-ada-apa-apa".' in page


def test_a_search_too_short_for_the_index_says_so(client, alor_staff, records):
    client.force_login(alor_staff)
    page = client.get("/cari/", {"q": "ab"}).content.decode()
    assert 'class="errorlist"' in page and "Tidak ada sentra" not in page


@pytest.mark.skipif("connection.vendor != 'postgresql'", reason="typo tolerance reads PostgreSQL's trigram index")
def test_a_misspelt_name_is_suggested_from_the_region_only(client, alor_staff, records, belu_desa):
    IkmUnitFactory(name="Tenun Moramam Belu", desa=belu_desa)
    client.force_login(alor_staff)
    page = client.get("/cari/", {"q": "moraman"}).content.decode()  # "Moramam" with one letter wrong
    assert "Mungkin maksud Anda" in page and "Sentra Tenun Moramam" in page
    assert "Moramam Belu" not in page
