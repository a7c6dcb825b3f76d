"""Name search that stays fast at a million rows: every word, in any order, in any of the searched columns.

"moramam tenun" finds "Tenun Moramam": the text is split into words and a row matches when each word occurs
(case-insensitively, as a substring) in one of the columns. On PostgreSQL the local columns of a model that
declares `SEARCH_DOCUMENT` are searched through one expression, their concatenation, with a pg_trgm GIN index
on exactly that expression (created by `trigram_index_operation` in the model's migration), so a search reads
the few matching rows instead of a million (`UPPER(col) LIKE '%x%'` over four columns read them all). SQLite
(development, tests) has no pg_trgm: the same words are matched column by column, same result.

A word with a letter is first looked up in the vocabulary of every word the documents hold and read from the
word index (core/search_words.py): common words like "Harapan" or "Mandiri" cost a third of what their trigrams
do. Words without a letter (NIBs) and words that are part of too many vocabulary words use the trigram index.

A word shorter than MIN_WORD letters carries no trigram, so pg_trgm would have to read the whole index for it.
Such words only filter the rows the other words found, and at least one word of a search must be long enough.
"""

from django.contrib.postgres.fields import ArrayField
from django.contrib.postgres.operations import TrigramExtension
from django.core.exceptions import ValidationError
from django.db import connection
from django.db.migrations.operations import RunPython
from django.db.models import F, Func, Q, TextField, Value
from django.utils.translation import gettext_lazy as _

from core.lookups import OperatorLookup
from core.search_words import COMMON, Overlaps, vocabulary_matches, words_expression

MIN_WORD = 3
MAX_WORDS = 8
MAX_LENGTH = 200


class ILikeContains(OperatorLookup):
    """`expression ILIKE '%word%'`: the operator pg_trgm's gin_trgm_ops answers from the index."""

    lookup_name = "ilike_contains"
    sql = "{lhs} ILIKE {rhs}"


class ContainsText(OperatorLookup):
    """`strpos(lower(expression), lower(word)) > 0`: the same test as ILIKE '%word%', in a form no index answers,
    so a word too short for an index filters the rows the other words found instead of scanning an index."""

    lookup_name = "contains_text"
    sql = "strpos(lower({lhs}), lower({rhs})) > 0"


def _escape_like(word):
    return word.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


def search_words(text):
    """The words of a search box, or ValidationError when none can use an index (or the text is absurd)."""
    text = (text or "").strip()
    if not text:
        return []
    if len(text) > MAX_LENGTH or "\x00" in text:
        raise ValidationError(_("Teks pencarian terlalu panjang (paling banyak %(max)s karakter).") % {"max": MAX_LENGTH})
    words = list(dict.fromkeys(word.lower() for word in text.split()))
    if len(words) > MAX_WORDS:
        raise ValidationError(_("Pencarian paling banyak %(max)s kata.") % {"max": MAX_WORDS})
    if not any(len(word) >= MIN_WORD for word in words):
        raise ValidationError(
            _("Kata pencarian terlalu pendek: tulis setidaknya satu kata dengan %(min)s huruf atau lebih.") % {"min": MIN_WORD}
        )
    return words


def document_expression(model, fields):
    """The concatenation of `fields` (local text columns) that the trigram index of `model` is built on."""
    parts = []
    for name in fields:
        field = model._meta.get_field(name)
        column = _OrEmpty(F(name)) if field.null else F(name)
        parts.append(column)
    # `||` via a custom template: PostgreSQL's CONCAT() is only STABLE, and an index expression must be
    # IMMUTABLE; the query must spell the expression exactly as the index does.
    return _Concat(*parts)


class _OrEmpty(Func):
    # A literal, not a parameter: the index expression is plain SQL and the query must read the same.
    template = "COALESCE(%(expressions)s, '')"
    output_field = TextField()


class _Concat(Func):
    arg_joiner = " || ' ' || "
    template = "(%(expressions)s)"
    output_field = TextField()


class TrigramWordSimilar(OperatorLookup):
    """`document %> text`: a word of the document is like `text` (pg_trgm word_similarity above its threshold,
    0.6 by default), answered from the same trigram index; "moraman" finds "Tenun Moramam"."""

    lookup_name = "trigram_word_similar"
    sql = "{lhs} %%> {rhs}"


def similar(queryset, text, *, limit=5):
    """Rows of `queryset` whose search document holds a word a typo or two away from `text`, most alike first;
    None where that cannot be answered from an index (SQLite, or a model without a SEARCH_DOCUMENT)."""
    from django.contrib.postgres.search import TrigramWordSimilarity

    model = queryset.model
    fields = getattr(model, "SEARCH_DOCUMENT", None)
    text = (text or "").strip()[:MAX_LENGTH]
    if connection.vendor != "postgresql" or not fields or len(text) < MIN_WORD:
        return None
    document = document_expression(model, fields)
    return (
        queryset.filter(TrigramWordSimilar(document, Value(text)))
        .annotate(likeness=TrigramWordSimilarity(Value(text), document))
        .order_by("-likeness", "pk")[:limit]
    )


def _document_fields(model, fields):
    declared = getattr(model, "SEARCH_DOCUMENT", None)
    if connection.vendor != "postgresql" or not declared:
        return None
    return declared if set(declared) <= set(fields) else None


def search_q(model, fields, words):
    """Each word in one of `fields` (lookups allowed: "sentra__name")."""
    condition = Q()
    indexed = _document_fields(model, fields)
    vocabulary = _Vocabulary(words)
    for word in words:
        pattern = f"%{_escape_like(word)}%"
        if indexed:
            either = _document_q(model, indexed, word, vocabulary)
            others = [name for name in fields if name not in indexed]
        else:
            either, others = Q(), fields
        for name in others:
            either |= _field_q(model, name, word, pattern, vocabulary)
        condition &= either
    # Every indexable word is part of many words ("sari"): thousands of rows match, `narrowed` need not count them.
    condition.common_words = bool(indexed and vocabulary.words) and all(vocabulary.get(word) == COMMON for word in vocabulary.words)
    return condition


class _Vocabulary:
    """The vocabulary words of each searched word, looked up once, only when a word index is to be used."""

    def __init__(self, words):
        self.words, self.matches = [word for word in words if len(word) >= MIN_WORD], None

    def get(self, word):
        if self.matches is None:
            self.matches = vocabulary_matches(self.words)
        return self.matches[word]


def _document_q(model, fields, word, vocabulary):
    """The search document contains the word: through the word index when the vocabulary knows every word that
    contains it (core/search_words.py), else through the trigram index; a word too short for either only
    filters the rows the other words found."""
    document = document_expression(model, fields)
    if len(word) < MIN_WORD:
        return Q(ContainsText(document, Value(word)))
    known_words = vocabulary.get(word)
    if known_words is None or known_words == COMMON:
        return Q(ILikeContains(document, Value(f"%{_escape_like(word)}%")))
    if not known_words:
        return Q(pk__in=[])  # no document holds it: answered without reading the table
    return Q(Overlaps(words_expression(model, fields), Value(known_words, output_field=ArrayField(TextField()))))


def _field_q(model, name, word, pattern, vocabulary):
    """`name` contains `word`. Through a relation to a model with a SEARCH_DOCUMENT (a room's occupant, an
    IKM unit), on PostgreSQL: the related ids whose document contains the word (the trigram index) and whose
    column does (the exact meaning), so a search over 57,000 rooms does not test a million units' names."""
    path, _sep, column = name.rpartition("__")
    if path and connection.vendor == "postgresql":
        related = model
        for step in path.split("__"):
            related = related._meta.get_field(step).related_model
        document = getattr(related, "SEARCH_DOCUMENT", None)
        if document and column in document and "__" not in path:
            matching = related._base_manager.filter(
                _document_q(related, document, word, vocabulary), **{f"{column}__icontains": word}
            )
            return Q(**{f"{path}__in": matching.values("pk")})
    return Q(**{f"{name}__icontains": word})


# A search matching at most this many rows is answered from its matches (read through the trigram index);
# one matching more is dense enough that walking the list's sort index finds a page of matches quickly.
SELECTIVE_MATCHES = 5000


def narrowed(queryset, condition, filterset=None):
    """`queryset.filter(condition)` in the shape PostgreSQL answers fast whatever the search.

    With ORDER BY name LIMIT 51 the planner walks the name index and tests every row: for a name matching
    a few thousand units it read 90,000 rows before the first page was full, and for "kub" (every "KUB ..."
    sorts after "Industri ..." and "Kelompok ...") 250,000. Here the matches are first collected through the
    trigram index, at most SELECTIVE_MATCHES + 1 of them (the sequential scan is switched off for that one
    query, else the planner reads the table hoping to meet matches early). When there are that few, the
    rows are exactly those ids. When there are more, the condition stays as it is (the API and exports
    need every match) and `filterset.search_overflow` is the queryset of the first SELECTIVE_MATCHES found, so
    a list page can sort a bounded sample and say so (web.listing).
    """
    searched = queryset.filter(condition)
    if connection.vendor != "postgresql" or not getattr(queryset.model, "SEARCH_DOCUMENT", None):
        return searched
    if getattr(condition, "common_words", False) and not getattr(filterset, "sorts_search_sample", False):
        # The API and exports need every match in their own order, and the probe would only confirm that words
        # which are each part of more than VOCABULARY_LIMIT words match more than SELECTIVE_MATCHES rows ("sari":
        # 60 ms of an 85 ms API page). Only the HTML list, which counts and sorts a bounded sample, probes.
        return searched
    from django.db import transaction

    probe = searched.order_by().values_list("pk", flat=True)[: SELECTIVE_MATCHES + 1]
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("SET LOCAL enable_seqscan = off")
        ids = list(probe)
        cursor.execute("SET LOCAL enable_seqscan = on")
    if filterset is not None:
        filterset.search_narrowed = True
    if len(ids) > SELECTIVE_MATCHES:
        if filterset is not None:
            # The sample without the search condition: those ids matched it already, and testing them again
            # cost as much as finding them.
            filterset.search_overflow = queryset.filter(pk__any_of=ids[:SELECTIVE_MATCHES])
        return searched
    if filterset is not None:
        filterset.search_matches = len(ids)
    # One array parameter (core/lookups.py), not thousands of placeholders to compile and adapt.
    return queryset.filter(pk__any_of=ids)


def document_sql(model, fields, using, alias=""):
    """`document_expression(model, fields)` as plain SQL, written the way Django compiles the query, its columns
    unqualified (for an index) or qualified by `alias` (for a trigger's transition table)."""
    from django.db.models.sql import Query

    query = Query(model)
    compiler = query.get_compiler(connection=using)
    sql, params = document_expression(model, fields).resolve_expression(query).as_sql(compiler, compiler.connection)
    assert not params, params
    return sql.replace(f'"{model._meta.db_table}".', f"{alias}." if alias else "")


def trigram_index_sql(model, fields, name, using):
    """CREATE INDEX for `document_expression(model, fields)`."""
    return f'CREATE INDEX IF NOT EXISTS "{name}" ON "{model._meta.db_table}" USING gin ({document_sql(model, fields, using)} gin_trgm_ops)'


class KeepTrigramExtension(TrigramExtension):
    """CREATE EXTENSION pg_trgm (nothing on SQLite); unapplying a migration leaves it: other apps' indexes use it."""

    def database_backwards(self, app_label, schema_editor, from_state, to_state):
        pass


def trigram_index_operation(app_label, model_name, fields, name):
    """A migration operation adding the trigram index on PostgreSQL; nothing on SQLite (no pg_trgm there)."""

    def forwards(apps, schema_editor):
        if schema_editor.connection.vendor != "postgresql":
            return
        model = apps.get_model(app_label, model_name)
        schema_editor.execute(trigram_index_sql(model, fields, name, schema_editor.connection))

    def backwards(apps, schema_editor):
        if schema_editor.connection.vendor == "postgresql":
            schema_editor.execute(f'DROP INDEX IF EXISTS "{name}"')

    return RunPython(forwards, backwards)
