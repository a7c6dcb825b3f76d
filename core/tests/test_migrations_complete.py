"""The database is what the models and migrations say (issue 12: "tests that could not fail").

- Models and migrations agree: a CHECK removed from a model without a migration fails here.
- Every trigger the migrations install exists after all of them, on PostgreSQL and SQLite. SQLite rebuilds a
  table for most schema changes and the rebuild used to drop the table's triggers (the fiscal-year rule was
  lost that way); core/sqlite/base.py keeps them.
"""

from io import StringIO

import pytest
from django.core.management import call_command
from django.db import connection

from changes.triggers import ALL_SOURCES as CHANGE_FEED_SOURCES
from core.search_words import trigger_names as search_vocabulary_triggers
from core.triggers import REFUSALS
from facilities.region_copy import trigger_names as facilities_region_copy_triggers
from ikm.models import IkmUnit

YEAR_RULES = [("funding_dakallocation", "fiscal_year"), ("ikm_yearlyfigure", "year")]
ROLLUP = [
    *(f"reports_{rollup}_rollup_{event}" for rollup in ("ikm", "freshness") for event in ("insert", "update", "delete")),
]
# Issue 18: every registry table writes its changes to the feed, and the feed turns a move into a tombstone.
CHANGE_FEED = [
    *(f"changes_feed_{source.table}_{event}" for source in CHANGE_FEED_SOURCES for event in ("insert", "update", "delete")),
    "changes_feed_moves",
]
# Issue 16: the search vocabulary learns the words of every unit and sentra written (PostgreSQL only).
SEARCH_VOCABULARY = [*search_vocabulary_triggers("ikm_ikmunit"), *search_vocabulary_triggers("sentra_sentra")]
# Issue 16: rooms and machines carry their sentra's desa for the region indexes (PostgreSQL only).
REGION_COPY = facilities_region_copy_triggers()
EXPECTED = {
    "postgresql": sorted([
        *(f"{t}_{c}_not_after_next_year" for t, c in YEAR_RULES), *REFUSALS, *ROLLUP, *CHANGE_FEED, *SEARCH_VOCABULARY, *REGION_COPY,
    ]),
    "sqlite": sorted([
        *(f"{t}_{c}_not_after_next_year_{event}" for t, c in YEAR_RULES for event in ("insert", "update")),
        *(name for refusal in REFUSALS.values() for name in refusal.sqlite_names()),
        *ROLLUP,
        *CHANGE_FEED,
    ]),
}
# Written out once more by hand, so a rule dropped from core.triggers (and from its migration) fails too.
LINK_RULES = {
    "room_occupant_is_member", "membership_end_vacated", "membership_same_kabupaten", "room_occupant_same_kabupaten",
    "machine_room_same_sentra", "dak_activity_sentra_same_kabupaten", "unit_move_keeps_links", "sentra_move_keeps_links",
    "dak_allocation_move_keeps_links", "room_move_keeps_machines",
}


def installed_triggers():
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute("SELECT tgname FROM pg_trigger WHERE NOT tgisinternal")
        else:
            cursor.execute("SELECT name FROM sqlite_master WHERE type = 'trigger'")
        return sorted(row[0] for row in cursor.fetchall())


def test_models_and_migrations_agree(db):
    out = StringIO()
    try:
        call_command("makemigrations", "--check", "--dry-run", stdout=out)
    except SystemExit as exit:  # --check exits 1 when a model change has no migration
        pytest.fail(f"models changed without a migration:\n{out.getvalue()}" if exit.code else out.getvalue())


def test_every_expected_trigger_exists_after_all_migrations(db):
    assert set(REFUSALS) == LINK_RULES
    assert {source.table for source in CHANGE_FEED_SOURCES} >= {
        "sentra_sentra", "ikm_ikmunit", "ikm_sentramembership", "facilities_room", "facilities_machine",
        "funding_dakallocation", "funding_dakactivity", "ikm_yearlyfigure", "ikm_certification", "census_worklistitem", "census_visit",
    }
    assert installed_triggers() == EXPECTED[connection.vendor]


@pytest.mark.skipif("connection.vendor != 'sqlite'")
@pytest.mark.django_db(transaction=True)
def test_rebuilding_a_sqlite_table_keeps_its_triggers():
    before = installed_triggers()
    assert "unit_move_keeps_links" in before and "reports_ikm_rollup_insert" in before
    with connection.schema_editor() as editor:
        editor._remake_table(IkmUnit)  # what a migration altering the table does on SQLite
    assert installed_triggers() == before
