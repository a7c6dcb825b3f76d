"""The word index behind a name search on PostgreSQL: whole words looked up, a search's words still found as parts.

A trigram index answers "the document contains 'harapan'" by intersecting the posting lists of its trigrams
(har, ara, rap, apa, pan); in names built from a few hundred common words ("UD Harapan Mandiri", "KUB Mutiara
Anggrek") every one of those lists holds a large share of the registry, and two such words cost 18 ms in the
index plus the re-check of every candidate row. So each searchable model also has a GIN index on the
*words* of its search document (`words_expression`, lower-cased, split at spaces), and a vocabulary of
every word that ever appeared in one (table VOCABULARY, kept by statement triggers on insert and update).
A searched word is first looked up in the vocabulary (`vocabulary_matches`: the few words containing it,
through the vocabulary's own small trigram index), then the rows holding one of those words are read from the
word index: the same rows as "the document contains it as a substring", without re-checking text.

Only words containing a letter are in the vocabulary: NIBs and other numbers would make it as large as the
registry. A searched word without a letter, or one that is part of too many vocabulary words (VOCABULARY_LIMIT),
is answered by the trigram index as before (core.search).

The vocabulary has no unique key on purpose: two writers adding the same new word at the same time each add it
(a look-up reads DISTINCT) rather than one waiting for the other's transaction, which could deadlock a long
import against a form save.
"""

from django.contrib.postgres.fields import ArrayField
from django.db import connection
from django.db.migrations.operations import RunPython
from django.db.models import Func, TextField

from core.lookups import OperatorLookup

VOCABULARY = "core_searchword"
# Beyond this many vocabulary words the word is common as a part ("sari": 188 words) and the array test on every
# candidate row costs more than the trigram index's.
VOCABULARY_LIMIT = 24
WORD_SEPARATOR = " "
HAS_LETTER = "[[:alpha:]]"


class _Words(Func):
    # `string_to_array(lower(document), ' ')`, literals, so the query reads exactly as the index. Split at plain
    # spaces (what core/text.py leaves between words): a quarter of a regular expression's cost per row, and a
    # word cut at no other character is still found, as part of the token that holds it.
    template = f"string_to_array(lower(%(expressions)s), '{WORD_SEPARATOR}')"
    output_field = ArrayField(TextField())


def words_expression(model, fields):
    from core.search import document_expression

    return _Words(document_expression(model, fields))


class Overlaps(OperatorLookup):
    """`words && ARRAY[...]`: the array operator the word index answers."""

    lookup_name = "words_overlap"
    sql = "{lhs} && {rhs}"


COMMON = "common"  # the word is part of more than VOCABULARY_LIMIT vocabulary words


def vocabulary_matches(words):
    """For each searched word, the vocabulary words containing it; None where the vocabulary cannot answer (no
    letter in it), COMMON where it is part of more than VOCABULARY_LIMIT words. One statement for all the words."""
    answerable = [word for word in words if _has_letter(word)]
    found = {word: [] for word in answerable}
    if answerable:
        from core.search import _escape_like

        # One branch per word, each with its pattern as a constant: the planner reads the vocabulary's trigram
        # index for it (a pattern coming from a join would make it scan the whole vocabulary).
        # No DISTINCT (the planner would then walk the b-tree for its order): duplicates are dropped here.
        branch = f"(SELECT %s, word FROM {VOCABULARY} WHERE word LIKE lower(%s) LIMIT {VOCABULARY_LIMIT + 1})"
        params = []
        for position, word in enumerate(answerable):
            params += [position, f"%{_escape_like(word)}%"]
        with connection.cursor() as cursor:
            cursor.execute(" UNION ALL ".join([branch] * len(answerable)), params)
            for position, word in cursor.fetchall():
                found[answerable[position]].append(word)
        found = {word: sorted(set(matches)) for word, matches in found.items()}
    return {word: _answer(found.get(word)) for word in words}


def _answer(matches):
    if matches is None:
        return None
    return matches if len(matches) <= VOCABULARY_LIMIT else COMMON


def _has_letter(word):
    return any(character.isalpha() for character in word)


def _statements(model, fields, index_name, using):
    table = model._meta.db_table

    def words(alias=""):
        from core.search import document_sql

        return f"string_to_array(lower({document_sql(model, fields, using, alias)}), '{WORD_SEPARATOR}')"

    def add_words(source, condition="TRUE"):
        return (
            f"INSERT INTO {VOCABULARY} (word) SELECT DISTINCT new_word FROM {source}, unnest({words('written_rows')}) AS new_word "
            f"WHERE {condition} AND new_word ~ '{HAS_LETTER}' "
            f"AND NOT EXISTS (SELECT 1 FROM {VOCABULARY} known WHERE known.word = new_word)"
        )

    pk = model._meta.pk.column
    changed = " OR ".join(
        f'written_rows."{model._meta.get_field(name).column}" IS DISTINCT FROM old_rows."{model._meta.get_field(name).column}"'
        for name in fields
    )
    return [
        f"CREATE TABLE IF NOT EXISTS {VOCABULARY} (word text NOT NULL)",
        f"CREATE INDEX IF NOT EXISTS {VOCABULARY}_word ON {VOCABULARY} (word)",
        f"""
        CREATE OR REPLACE FUNCTION {table}_search_vocabulary_insert() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN
            {add_words("written_rows")};
            RETURN NULL;
        END $$""",
        # Only the rows whose searched columns changed: a verification stamp on 100,000 units adds no word.
        f"""
        CREATE OR REPLACE FUNCTION {table}_search_vocabulary_update() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN
            {add_words(f'written_rows JOIN old_rows ON old_rows."{pk}" = written_rows."{pk}"', f"({changed})")};
            RETURN NULL;
        END $$""",
        f'CREATE TRIGGER {table}_search_vocabulary_insert AFTER INSERT ON "{table}" '
        f"REFERENCING NEW TABLE AS written_rows FOR EACH STATEMENT EXECUTE FUNCTION {table}_search_vocabulary_insert()",
        # (PostgreSQL allows no column list on an UPDATE trigger with transition tables: the function compares.)
        f'CREATE TRIGGER {table}_search_vocabulary_update AFTER UPDATE ON "{table}" '
        f"REFERENCING OLD TABLE AS old_rows NEW TABLE AS written_rows FOR EACH STATEMENT "
        f"EXECUTE FUNCTION {table}_search_vocabulary_update()",
        add_words(f'"{table}" AS written_rows'),  # the words already there
        # Built after the words are in. Without the fast-update list: new words are rare, and every look-up
        # would read that whole unsorted list (13 ms for 19,000 words, against 0.2 ms from the index).
        f"CREATE INDEX IF NOT EXISTS {VOCABULARY}_trgm ON {VOCABULARY} USING gin (word gin_trgm_ops) WITH (fastupdate = off)",
        f'CREATE INDEX IF NOT EXISTS "{index_name}" ON "{table}" USING gin ({words()})',
        f"ANALYZE {VOCABULARY}",
    ]


def trigger_names(table):
    return [f"{table}_search_vocabulary_insert", f"{table}_search_vocabulary_update"]


def word_index_operation(app_label, model_name, fields, index_name):
    """A migration operation adding the word index, the vocabulary and its triggers on PostgreSQL; nothing on
    SQLite (searched column by column there)."""

    def forwards(apps, schema_editor):
        if schema_editor.connection.vendor != "postgresql":
            return
        model = apps.get_model(app_label, model_name)
        for statement in _statements(model, fields, index_name, schema_editor.connection):
            schema_editor.execute(statement)

    def backwards(apps, schema_editor):
        if schema_editor.connection.vendor != "postgresql":
            return
        table = apps.get_model(app_label, model_name)._meta.db_table
        for trigger in trigger_names(table):  # each trigger's function has its name
            schema_editor.execute(f'DROP TRIGGER IF EXISTS {trigger} ON "{table}"')
            schema_editor.execute(f"DROP FUNCTION IF EXISTS {trigger}()")
        schema_editor.execute(f'DROP INDEX IF EXISTS "{index_name}"')

    return RunPython(forwards, backwards)
