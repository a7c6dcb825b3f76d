"""CSV of a list export computed by the database: labels, dates and formula neutralisation in SQL.

On PostgreSQL the rows then leave through `COPY (query) TO STDOUT WITH CSV`, so a national export costs
about what COPY costs (Python never touches a cell); elsewhere the same query feeds csv.writer in chunks.
Both paths run the same SQL, so they give the same cells (COPY quotes an empty text as "").
"""

import io
from contextlib import contextmanager

from django.db import connection, transaction
from django.db.models import CharField, DateTimeField, F, Func, IntegerField, TextField, Value
from django.db.models import Case, Q, When
from django.db.models.functions import Concat, TruncDate
from django.db.models.lookups import In
from django.utils import timezone

from .base import DATE
from .writers import csv_writer

FORMULA_STARTS = ["=", "+", "-", "@", "\t", "\r"]
FORMULA_REGEX = "^[-=+@\t\r]"
CHUNK_ROWS = 5000


def _model_field(model, path):
    """The model field at the end of a `a__b__c` path (or None for an annotation)."""
    field = None
    for part in path.split("__"):
        if model is None:
            return None
        try:
            field = model._meta.get_field(part)
        except Exception:
            return None
        model = field.related_model if field.is_relation else None
    return field


class FirstCharCode(Func):
    """Code point of the first character (NULL for NULL): cheaper per cell than taking a substring."""

    function = "ASCII"
    output_field = IntegerField()

    def as_sqlite(self, compiler, connection, **extra):
        return super().as_sql(compiler, connection, function="UNICODE", **extra)


FORMULA_CODES = [ord(char) for char in FORMULA_STARTS]


def _neutralised(expression):
    # Text starting with = + - @ TAB CR gets a leading apostrophe, as neutralise() does for XLSX.
    return Case(
        When(In(FirstCharCode(expression), FORMULA_CODES), then=Concat(Value("'"), expression, output_field=TextField())),
        default=expression,
        output_field=TextField(),
    )


def _relabelled(case, labels):
    """A copy of a CASE annotation (e.g. ikm_class) yielding labels: one CASE, not a CASE over a CASE."""
    case = case.copy()
    whens = []
    for when in case.cases:
        when = when.copy()
        value = getattr(when.result, "value", None)
        when.result = Value(labels.get(value, value))
        whens.append(when)
    case.cases = whens
    default = getattr(case.default, "value", None)
    case.default = Value(labels.get(default, default))
    return case


def csv_expression(model, path, column, converter, annotations=None):
    labels = getattr(converter, "labels", None)
    annotation = (annotations or {}).get(path)
    if labels and isinstance(annotation, Case):
        return _relabelled(annotation, labels)
    if labels:
        return Case(*[When(Q(**{path: value}), then=Value(label)) for value, label in labels.items()], default=F(path), output_field=CharField())
    field = _model_field(model, path)
    if column.kind == DATE and isinstance(field, DateTimeField):
        return TruncDate(path, tzinfo=timezone.get_current_timezone())
    if isinstance(field, (CharField, TextField)):
        return _neutralised(F(path))
    return F(path)


def csv_values(queryset, fields):
    """The queryset as values_list of CSV-ready cells, one alias per exported column."""
    annotations = queryset.query.annotations
    expressions = {
        f"csv_{index}": csv_expression(queryset.model, path, column, converter, annotations)
        for index, (path, column, converter) in enumerate(fields)
    }
    return queryset.annotate(**expressions).values_list(*expressions)


def iter_csv_body(queryset, fields):
    """CSV bytes of the rows (no header), via COPY on PostgreSQL, csv.writer elsewhere."""
    if connection.vendor == "postgresql":
        yield from _copy(queryset, fields)
        return
    buffer = io.StringIO()
    writer = csv_writer(buffer)
    rows = []
    for row in csv_values(queryset, fields).iterator(chunk_size=CHUNK_ROWS):
        rows.append(row)
        if len(rows) >= CHUNK_ROWS:
            writer.writerows(rows)
            rows.clear()
            yield buffer.getvalue().encode()
            buffer.seek(0)
            buffer.truncate()
    writer.writerows(rows)
    yield buffer.getvalue().encode()


APOSTROPHE_SQL = "''''"  # the SQL literal of one apostrophe


def _outer_cell(model, index, path, column, converter):
    """SQL over column c<index> of the plain sorted query, and its parameters (PostgreSQL)."""
    cell = f"sub.c{index}"
    labels = getattr(converter, "labels", None)
    if labels:
        whens = " ".join("WHEN %s THEN %s" for _ in labels)
        params = [item for pair in labels.items() for item in pair]
        return f"CASE {cell} {whens} ELSE {cell} END", params
    field = _model_field(model, path)
    if column.kind == DATE and isinstance(field, DateTimeField):
        return f"({cell} AT TIME ZONE %s)::date", [timezone.get_current_timezone_name()]
    if isinstance(field, (CharField, TextField)):
        # Every formula start (= + - @ TAB CR) sorts below "A" byte-wise: that plain comparison rejects almost
        # every cell before the anchored regex runs (a national export: 10.7 s -> 8.6 s, COPY of the raw
        # columns 7.0 s).
        return f'CASE WHEN {cell} < %s COLLATE "C" AND {cell} ~ %s THEN {APOSTROPHE_SQL} || {cell} ELSE {cell} END', ["A", FORMULA_REGEX]
    return cell, []


def _copy(queryset, fields):
    # The cells are formatted OUTSIDE the sorted query: formatting inside it would widen every row the
    # sort has to carry (and spill to disk), which costs more than the formatting itself.
    inner, inner_params = queryset.values_list(*[path for path, _c, _v in fields]).query.sql_with_params()
    cells, params = [], []
    for index, (path, column, converter) in enumerate(fields):
        sql, cell_params = _outer_cell(queryset.model, index, path, column, converter)
        cells.append(sql)
        params += cell_params
    names = ", ".join(f"c{index}" for index in range(len(fields)))
    with connection.cursor() as cursor:
        inner_sql = _text(cursor.cursor.mogrify(inner, inner_params))
        outer_sql = _text(cursor.cursor.mogrify(f"SELECT {', '.join(cells)} FROM (INNER_QUERY) AS sub({names})", params))
        statement = outer_sql.replace("INNER_QUERY", inner_sql, 1)
        with transaction.atomic(), _without_plain_index_scans(cursor):
            with cursor.cursor.copy(f"COPY ({statement}) TO STDOUT WITH (FORMAT csv)") as copy:
                for block in copy:
                    yield bytes(block)


@contextmanager
def _without_plain_index_scans(cursor):
    """For the export statement only, keep the planner off plain index scans.

    With any cell expression on top, PostgreSQL's default costs make it walk the `name` index with a heap
    fetch per row instead of one sequential scan, hash joins and a sort: 13 s instead of 8.6 s for the
    national export (bench/export_csv.py). Filtered exports keep their bitmap index scans (a kabupaten:
    30-40 ms either way). Set locally inside a savepoint and restored after it, so a surrounding transaction
    keeps its own setting.
    """
    cursor.execute("SELECT current_setting('enable_indexscan')")
    (previous,) = cursor.fetchone()
    cursor.execute("SELECT set_config('enable_indexscan', 'off', true)")
    yield  # on an error the savepoint's rollback restores the setting
    cursor.execute("SELECT set_config('enable_indexscan', %s, true)", [previous])


def _text(value):
    return value.decode() if isinstance(value, bytes) else value
