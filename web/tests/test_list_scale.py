"""Lists at national scale (issue 16): word search in any order, keyset pages, capped offsets, bounded counts,
sort whitelist, the statement timeout and the per-user limit on concurrent searches. These run on SQLite and
on PostgreSQL (the trigram-index path); the timeout test needs PostgreSQL."""

import re

import pytest
from django.db import connection
from django.db.models.expressions import RawSQL
from django.urls import reverse

from core.bounded import user_slot
from core.testing.factories import IkmUnitFactory, SentraFactory
from ikm.models import IkmUnit
from ikm.views import IkmListView
from web import listing


def names(response):
    return [row["cells"][0]["text"] for row in response.context["table"]["rows"]]


def follow(client, url, params=None, link="next_url"):
    """Every page's first-column texts, following `link` (a "?..." query of `url`) until there is none."""
    pages, response = [], client.get(url, params or {})
    while True:
        assert response.status_code == 200
        pages.append(names(response))
        target = response.context[link]
        if not target:
            return pages
        response = client.get(url + target)


@pytest.fixture
def units(db):
    IkmUnitFactory(name="Tenun Moramam", owner_name="Maria Lakapu", nib="9100000000001")
    IkmUnitFactory(name="Kain Moramam", owner_name="Yosef Bana", nib="9100000000002")
    IkmUnitFactory(name="Tenun Ikat Belu", owner_name="Maria Kolo", nib="9100000000003")


def test_words_in_any_order_find_the_unit_and_every_word_must_match(client, analyst, units):
    client.force_login(analyst)
    assert names(client.get(reverse("ikm:list"), {"q": "moramam tenun"})) == ["Tenun Moramam"]
    assert names(client.get(reverse("ikm:list"), {"q": "MORAMAM"})) == ["Kain Moramam", "Tenun Moramam"]
    assert names(client.get(reverse("ikm:list"), {"q": "tenun songket"})) == []


def test_owner_and_nib_and_words_across_columns(client, analyst, units):
    client.force_login(analyst)
    assert names(client.get(reverse("ikm:list"), {"q": "lakapu"})) == ["Tenun Moramam"]
    assert names(client.get(reverse("ikm:list"), {"q": "9100000000003"})) == ["Tenun Ikat Belu"]
    # "maria" is in the owner column, "ikat" in the name: one unit has both
    assert names(client.get(reverse("ikm:list"), {"q": "ikat maria"})) == ["Tenun Ikat Belu"]


def test_like_wildcards_in_the_search_are_plain_characters(client, analyst, units):
    IkmUnitFactory(name="Usaha 100% Kopi")
    client.force_login(analyst)
    assert names(client.get(reverse("ikm:list"), {"q": "100%"})) == ["Usaha 100% Kopi"]
    assert names(client.get(reverse("ikm:list"), {"q": "te_un"})) == []


def test_api_search_uses_the_same_words(client, analyst, units):
    client.force_login(analyst)
    response = client.get("/api/v1/ikm-units/", {"q": "moramam tenun"})
    assert response.status_code == 200
    assert [row["name"] for row in response.json()["results"]] == ["Tenun Moramam"]


def test_sentra_search_words_in_any_order(client, analyst, alor_desa):
    SentraFactory(name="Sentra Tenun Ikat Moramam", code="5305-001")
    SentraFactory(name="Sentra Bambu", code="5305-002")
    client.force_login(analyst)
    assert names(client.get(reverse("sentra:list"), {"q": "moramam sentra"})) == ["Sentra Tenun Ikat Moramam"]
    assert names(client.get(reverse("sentra:list"), {"q": "5305-002"})) == ["Sentra Bambu"]


def test_search_too_short_to_use_an_index_is_refused_with_a_message(client, analyst, units):
    client.force_login(analyst)
    response = client.get(reverse("ikm:list"), {"q": "ab"})
    assert response.status_code == 200
    assert "Kata pencarian terlalu pendek" in response.content.decode()
    api = client.get("/api/v1/ikm-units/", {"q": "ab"})
    assert api.status_code == 400
    assert "terlalu pendek" in api.content.decode()
    # a short word beside a long one still filters
    assert names(client.get(reverse("ikm:list"), {"q": "moramam ba"})) == ["Kain Moramam"]


def test_room_search_through_its_occupant(client, analyst, units):
    from core.testing.factories import MembershipFactory, RoomFactory

    unit = IkmUnit.objects.get(name="Kain Moramam")
    membership = MembershipFactory(ikm=unit)
    RoomFactory(name="Ruang 1", sentra=membership.sentra, occupant=unit, state="aktif")
    RoomFactory(name="Ruang 2", sentra=membership.sentra)
    client.force_login(analyst)
    assert names(client.get(reverse("facilities:room_list"), {"q": "moramam"})) == ["Ruang 1"]
    assert names(client.get(reverse("facilities:room_list"), {"q": "bana"})) == []  # owner is not a room column


@pytest.fixture
def many_units(db):
    # Equal investments: pages must still list every unit once (the id breaks the ties).
    first = IkmUnitFactory(name="Usaha 000", nib="9100000001000", investment=0)
    IkmUnit.objects.bulk_create(
        IkmUnitFactory.build(name=f"Usaha {n:03d}", nib=f"{9100000001000 + n}", investment=(n % 3) * 1000,
                             commodity=first.commodity, desa=first.desa)
        for n in range(1, 123)
    )


@pytest.mark.parametrize("ordering", ["", "name", "-name", "investment", "-investment"])
def test_next_links_walk_every_row_once_in_order(client, analyst, many_units, ordering):
    client.force_login(analyst)
    pages = follow(client, reverse("ikm:list"), {"ordering": ordering} if ordering else {})
    assert [len(page) for page in pages] == [50, 50, 23]
    walked = [name for page in pages for name in page]
    units = IkmUnit.objects.order_by(*(([ordering] if ordering else []) + ["name", "id"]))
    if ordering.lstrip("-") == "investment":
        units = IkmUnit.objects.order_by(ordering, "-id" if ordering.startswith("-") else "id")
    assert walked == [unit.name for unit in units]


def test_last_page_and_previous_links_walk_back_to_the_first(client, analyst, many_units):
    client.force_login(analyst)
    last = client.get(reverse("ikm:list"), {"terakhir": "1", "ordering": "-investment"})
    assert "Halaman terakhir" in last.content.decode()
    assert last.context["next_url"] is None and last.context["previous_url"]
    pages = follow(client, reverse("ikm:list"), {"terakhir": "1", "ordering": "-investment"}, link="previous_url")
    walked = [name for page in reversed(pages) for name in page]
    expected = [unit.name for unit in IkmUnit.objects.order_by("-investment", "-id")]
    assert sorted(walked) == sorted(expected) and len(walked) == 123
    assert walked == expected


def test_deep_page_number_explains_how_to_get_there(client, analyst, many_units):
    client.force_login(analyst)
    response = client.get(reverse("ikm:list"), {"page": "2000"})
    assert response.status_code == 200
    assert names(response) == []
    text = response.content.decode()
    assert "terlalu jauh untuk dibuka langsung" in text and "unduh CSV/XLSX" in text
    assert response.context["first_url"]
    # an old link within the cap still opens its page, and continues by keyset
    third = client.get(reverse("ikm:list"), {"page": "3"})
    assert len(names(third)) == 23 and third.context["previous_url"]


def test_tampered_cursor_falls_back_to_the_first_page(client, analyst, many_units):
    client.force_login(analyst)
    for token in ["%%%", "bm90IGpzb24", "WzEsMiwzXQ", "WyJhIiwiYiJd"]:  # junk, not JSON, 3 values, id not a number
        response = client.get(reverse("ikm:list"), {"after": token})
        assert response.status_code == 200
        assert names(response)[0] == "Usaha 000"


def test_count_is_exact_when_small_and_bounded_when_large(client, analyst, many_units, monkeypatch):
    client.force_login(analyst)
    assert re.search(r"data-list-count>\s*1 data", client.get(reverse("ikm:list"), {"q": "9100000001012"}).content.decode())
    assert re.search(r"data-list-count>\s*123 data", client.get(reverse("ikm:list")).content.decode())
    monkeypatch.setattr(listing, "COUNT_LIMIT", 100)
    response = client.get(reverse("ikm:list"))
    assert re.search(r"data-list-count>\s*lebih dari 100 data", response.content.decode())


def test_sortable_columns_are_the_indexed_ones_and_others_are_ignored(client, analyst, many_units):
    client.force_login(analyst)
    response = client.get(reverse("ikm:list"))
    linked = [header["label"] for header in response.context["headers"] if header["link"]]
    assert [str(label) for label in linked] == ["Nama usaha", "Investasi (Rp)"]
    # a parameter the FilterSet does not know is ignored: the default order, no error page
    tampered = client.get(reverse("ikm:list"), {"ordering": "__class__"})
    assert tampered.status_code == 200 and names(tampered)[:2] == ["Usaha 000", "Usaha 001"]
    # a known but nullable column (NIB) still sorts, through capped offset pages
    by_nib = client.get(reverse("ikm:list"), {"ordering": "-nib"})
    assert names(by_nib)[0] == "Usaha 122"


def test_searches_beyond_the_users_limit_are_refused_with_429(client, analyst, units, settings):
    settings.EXPENSIVE_REQUESTS_PER_USER = 1
    client.force_login(analyst)
    with user_slot(analyst, "list"):
        page = client.get(reverse("ikm:list"), {"q": "moramam"})
        api = client.get("/api/v1/ikm-units/", {"q": "moramam"})
        plain = client.get(reverse("ikm:list"))  # the plain list is not an expensive request
    assert page.status_code == 429 and "terlalu banyak pencarian atau unduhan sekaligus" in page.content.decode()
    assert api.status_code == 429 and "terlalu banyak pencarian" in api.json()["message"]
    assert plain.status_code == 200
    # the slot is given back: the same search works afterwards
    assert client.get(reverse("ikm:list"), {"q": "moramam"}).status_code == 200


def test_direct_exports_beyond_the_users_limit_are_refused_with_429(client, analyst, units, settings):
    settings.EXPENSIVE_REQUESTS_PER_USER = 1
    client.force_login(analyst)
    url = reverse("reports:export", args=["ikm", "csv"])
    with user_slot(analyst, "export"):
        refused = client.get(url)
    assert refused.status_code == 429
    assert "Tunggu sampai yang berjalan selesai" in refused.content.decode()
    streamed = client.get(url)
    assert streamed.status_code == 200
    b"".join(streamed.streaming_content)  # the test client closes the response once the stream is read
    assert client.get(url).status_code == 200  # the stream gave its slot back


@pytest.mark.skipif("connection.vendor != 'postgresql'")
def test_statement_timeout_answers_with_a_message_not_a_500(client, analyst, units, settings, monkeypatch):
    settings.LIST_STATEMENT_TIMEOUT_MS = 50
    slow = staticmethod(lambda user: IkmUnit.objects.with_class().filter(
        pk__in=RawSQL("SELECT id FROM ikm_ikmunit, pg_sleep(0.3) AS slept", [])))
    monkeypatch.setattr(IkmListView, "selector", slow)
    client.force_login(analyst)
    response = client.get(reverse("ikm:list"))
    assert response.status_code == 200
    assert "melewati batas waktu" in response.content.decode() and names(response) == []

    from ikm.api import views as api_views

    monkeypatch.setattr(api_views.IkmUnitViewSet, "lean_selector", None)
    monkeypatch.setattr(api_views.IkmUnitViewSet, "selector", slow)
    api = client.get("/api/v1/ikm-units/", {"region": "53"})  # a filtered list (a plain national page is a key range)
    assert api.status_code == 503
    assert "melewati batas waktu" in api.json()["message"]
    # the connection is usable afterwards, with the default timeout back
    with connection.cursor() as cursor:
        cursor.execute("SHOW statement_timeout")
        assert cursor.fetchone()[0] == "0"


def test_related_filters_list_each_unit_once(client, analyst, units):
    """Sentra member, certification and programme filters (EXISTS / id lists, no DISTINCT) keep their meaning."""
    from core.testing.factories import CertificationFactory, MembershipFactory

    tenun, kain = IkmUnit.objects.get(name="Tenun Moramam"), IkmUnit.objects.get(name="Kain Moramam")
    membership = MembershipFactory(ikm=tenun)
    MembershipFactory(ikm=kain, sentra=membership.sentra, left_on="2024-01-01", joined_on="2020-01-01")  # left
    CertificationFactory(ikm=tenun, kind="halal")
    CertificationFactory(ikm=tenun, kind="halal", number="HALAL-2")  # two certificates: still one row
    client.force_login(analyst)
    assert names(client.get(reverse("ikm:list"), {"sentra": membership.sentra.code})) == ["Tenun Moramam"]
    assert names(client.get(reverse("ikm:list"), {"certification": "halal"})) == ["Tenun Moramam"]
    assert names(client.get(reverse("ikm:list"), {"certification": "sni"})) == []
