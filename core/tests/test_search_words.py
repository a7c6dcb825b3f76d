"""The word index and vocabulary behind name searches on PostgreSQL (core/search_words.py, issue 16).

What must hold: a search answered through the vocabulary finds exactly the rows "every word is a
case-insensitive part of the name, owner, NIB or product" finds, including words written a moment ago and words
of renamed records; words without a letter, words too short for an index and words that are part of too many
vocabulary words take the other paths; a word no record holds is answered without reading the units.
"""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from core import search_words
from core.search import search_q, search_words as words_of
from core.search_words import VOCABULARY, trigger_names
from core.testing.factories import IkmUnitFactory, SentraFactory
from ikm.models import IkmUnit
from sentra.models import Sentra

pytestmark = pytest.mark.skipif(connection.vendor != "postgresql", reason="the word index and vocabulary are PostgreSQL's")

FIELDS = ("name", "owner_name", "nib", "product")


def found(text, model=IkmUnit, fields=FIELDS):
    return sorted(model.objects.filter(search_q(model, fields, words_of(text))).values_list("name", flat=True))


def expected(text):
    """The meaning, computed in Python: every word a case-insensitive part of one of the columns."""
    rows = IkmUnit.objects.values_list("name", "owner_name", "nib", "product")
    return sorted(
        row[0] for row in rows
        if all(any(word in (value or "").lower() for value in row) for word in words_of(text))
    )


def vocabulary():
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT DISTINCT word FROM {VOCABULARY}")
        return {row[0] for row in cursor.fetchall()}


@pytest.fixture
def registry(db):
    IkmUnitFactory(name="Tenun Ikat Moramam", owner_name="Maria Lakapu", nib="9120000000001", product="Kain tenun")
    IkmUnitFactory(name="CV.Maju Jaya", owner_name="Yosef Bana", nib="9120000000002", product="Keripik pisang")
    IkmUnitFactory(name="UD Harapan Mandiri", owner_name="Budi Santoso", nib="9120000000003", product="Gerabah")
    IkmUnitFactory(name="KUB MUTIARA Anggrek", owner_name="Siti Aminah", nib=None, product="Anyaman pandan")


@pytest.mark.parametrize("text", [
    "moramam tenun", "MORAMAM", "ramam", "maju", "cv.maju", "v.ma", "harapan mandiri", "mandiri harapan", "ud harapan",
    "mutiara anggrek", "tiara", "budi", "santoso gerabah", "pisang", "9120000000002", "912000", "ikat maria", "tenun songket",
    "zqxvjw", "an pan",
])
def test_results_are_what_every_word_as_a_part_means(registry, text):
    assert found(text) == expected(text)


def test_a_new_unit_and_a_renamed_one_are_found_by_their_new_words_at_once(registry):
    unit = IkmUnitFactory(name="Sentosa Zebrakuda", owner_name="Yohana Lamablawa")
    assert {"zebrakuda", "lamablawa"} <= vocabulary()
    assert found("ebrakud") == ["Sentosa Zebrakuda"]

    unit.name = "Sentosa Kakatuabiru"
    unit.save()
    assert "kakatuabiru" in vocabulary()
    assert found("atuabi") == ["Sentosa Kakatuabiru"]
    assert found("zebrakuda") == []  # the old word stays in the vocabulary and finds nothing


def test_bulk_writes_add_their_words_and_other_updates_add_none(registry):
    IkmUnit.objects.bulk_create([IkmUnitFactory.build(name=f"Impor Gajahmada {n}", desa=IkmUnit.objects.first().desa,
                                                      commodity=IkmUnit.objects.first().commodity) for n in range(3)])
    assert "gajahmada" in vocabulary()
    assert found("gajahmad") == ["Impor Gajahmada 0", "Impor Gajahmada 1", "Impor Gajahmada 2"]
    before = vocabulary()
    IkmUnit.objects.update(investment=5_000_000)  # no searched column changed
    assert vocabulary() == before
    IkmUnit.objects.filter(name__startswith="Impor").update(product="Batik Tulislasem")
    assert "tulislasem" in vocabulary()


def test_sentra_are_searched_the_same_way(alor_desa):
    SentraFactory(name="Sentra Tenun Ikat Moramam", code="5305-001", manager_name="Maria Lakapu")
    SentraFactory(name="Sentra Bambu", code="5305-002")
    fields = ("name", "code", "manager_name")
    assert found("moramam sentra", Sentra, fields) == ["Sentra Tenun Ikat Moramam"]
    assert found("lakapu", Sentra, fields) == ["Sentra Tenun Ikat Moramam"]
    assert found("5305-002", Sentra, fields) == ["Sentra Bambu"]


def sql_of(text):
    with CaptureQueriesContext(connection) as queries:
        list(IkmUnit.objects.filter(search_q(IkmUnit, FIELDS, words_of(text))).values_list("pk", flat=True))
    return [query["sql"] for query in queries.captured_queries]


def test_each_kind_of_word_takes_its_path(registry):
    *_lookups, units = sql_of("mandiri")
    assert "&&" in units and "ILIKE" not in units  # the word index
    *_lookups, units = sql_of("9120000000003")
    assert "ILIKE" in units and "&&" not in units  # no letter: the trigram index
    *_lookups, units = sql_of("ud harapan")
    assert "strpos(lower(" in units and "&&" in units  # "ud" only filters what "harapan" found
    # A word no record holds: the vocabulary says so and the units are not read at all.
    assert all(VOCABULARY in sql for sql in sql_of("zqxvjw"))


def test_a_word_in_too_many_vocabulary_words_takes_the_trigram_index(registry, monkeypatch):
    monkeypatch.setattr(search_words, "VOCABULARY_LIMIT", 1)
    *_lookups, units = sql_of("ara")  # "harapan" and "mutiara": more than one
    assert "ILIKE" in units and "&&" not in units
    assert found("ara") == expected("ara") == ["KUB MUTIARA Anggrek", "UD Harapan Mandiri"]


def test_the_triggers_and_indexes_are_installed(db):
    with connection.cursor() as cursor:
        cursor.execute("SELECT tgname FROM pg_trigger WHERE NOT tgisinternal")
        triggers = {row[0] for row in cursor.fetchall()}
        cursor.execute("SELECT indexname FROM pg_indexes WHERE indexname IN ('ikm_search_words', 'sentra_search_words', "
                       f"'{VOCABULARY}_trgm')")
        indexes = {row[0] for row in cursor.fetchall()}
    assert set(trigger_names("ikm_ikmunit") + trigger_names("sentra_sentra")) <= triggers
    assert indexes == {"ikm_search_words", "sentra_search_words", f"{VOCABULARY}_trgm"}


def test_common_words_skip_the_probe_in_the_api_but_the_list_page_still_counts_them(registry, client, analyst, monkeypatch):
    """A search whose every word is part of many vocabulary words matches thousands of rows: the API reads its page
    directly; the HTML list, which counts and sorts the matches, still collects them first and counts right."""
    monkeypatch.setattr(search_words, "VOCABULARY_LIMIT", 1)
    client.force_login(analyst)
    with CaptureQueriesContext(connection) as queries:
        response = client.get("/api/v1/ikm-units/", {"q": "ara"})
    assert sorted(row["name"] for row in response.json()["results"]) == expected("ara") == ["KUB MUTIARA Anggrek", "UD Harapan Mandiri"]
    assert not any("enable_seqscan" in query["sql"] for query in queries.captured_queries)

    with CaptureQueriesContext(connection) as queries:
        page = client.get("/ikm/", {"q": "ara"})
    assert any("enable_seqscan" in query["sql"] for query in queries.captured_queries)
    assert page.context["total"] == 2 and page.context["notice"] is None  # counted, not "more than 5.000"
    assert [row["cells"][0]["text"] for row in page.context["table"]["rows"]] == ["KUB MUTIARA Anggrek", "UD Harapan Mandiri"]
    # one common word beside a selective one: the selective one decides, the probe runs for the API too
    with CaptureQueriesContext(connection) as queries:
        response = client.get("/api/v1/ikm-units/", {"q": "ara mandiri"})
    assert [row["name"] for row in response.json()["results"]] == ["UD Harapan Mandiri"]
    assert any("enable_seqscan" in query["sql"] for query in queries.captured_queries)
