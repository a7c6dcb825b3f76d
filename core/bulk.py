"""COPY-based bulk writes for PostgreSQL, with one history row per record in the same transaction.

simple-history's bulk_create_with_history / bulk_update_with_history build model instances for the history
and send INSERT/UPDATE batches: about 8 s per 10,000 rows. Here the rows and their historical rows go through
psycopg 3 `cursor.copy()` instead: ids come from the table's sequence, creates are copied straight into the
table, updates into a temporary table followed by one UPDATE ... FROM. Database constraints and row triggers
stay in force (COPY fires them). Only called on PostgreSQL and only for models whose historical model has
the standard simple-history fields; anything else goes through the simple-history path (see core.services).
"""

from django.db import connection
from django.utils import timezone

HISTORY_FIELDS = {"history_id", "history_date", "history_change_reason", "history_type", "history_user_id"}


def copy_available():
    """True on PostgreSQL through psycopg 3, whose cursor.copy() with write_row the writers here use."""
    if connection.vendor != "postgresql":
        return False
    from django.db.backends.postgresql.psycopg_any import is_psycopg3

    return is_psycopg3


def copy_supported(model):
    """True when COPY can write this model and its audit rows exactly as simple-history would."""
    if not copy_available():
        return False
    history = getattr(model, "history", None)
    if history is None:
        return False
    source = {field.attname for field in model._meta.concrete_fields}
    for field in history.model._meta.concrete_fields:
        if field.attname not in HISTORY_FIELDS and field.attname not in source:
            return False  # an extra field on the historical model (e.g. an IP address): let simple-history fill it
    return model._meta.pk.attname == "id" and getattr(model._meta.pk, "db_returning", False)


def _automatic_timestamp(field):
    """auto_now / auto_now_add: the value is the write's time, never the caller's."""
    return getattr(field, "auto_now", False) or getattr(field, "auto_now_add", False)


def _quote(name):
    return connection.ops.quote_name(name)


# Types psycopg dumps exactly as Django would prepare them: skip get_db_prep_save (most of the Python time).
PLAIN_TYPES = {
    "AutoField", "BigAutoField", "SmallAutoField", "BigIntegerField", "IntegerField", "SmallIntegerField",
    "PositiveBigIntegerField", "PositiveIntegerField", "PositiveSmallIntegerField", "CharField", "TextField",
    "SlugField", "EmailField", "URLField", "BooleanField", "DateField", "DateTimeField", "DecimalField", "ForeignKey",
}


def _converters(fields, source=None):
    """One function per field turning an instance's attribute into the value COPY writes."""
    converters = []
    for field in fields:
        model_field = source[field.attname] if source is not None else field
        kind = model_field.get_internal_type()
        target = model_field.target_field.get_internal_type() if kind == "ForeignKey" else kind
        if kind in PLAIN_TYPES and target in PLAIN_TYPES:
            converters.append(None)
        else:
            converters.append(model_field.get_db_prep_save)
    return converters


def _prepared(fields, instance, converters=None):
    converters = converters or _converters(fields)
    return [
        getattr(instance, field.attname) if convert is None else convert(getattr(instance, field.attname), connection)
        for field, convert in zip(fields, converters)
    ]


def _copy(cursor, table, columns, rows):
    statement = f"COPY {_quote(table)} ({', '.join(_quote(column) for column in columns)}) FROM STDIN"
    with connection.wrap_database_errors, cursor.copy(statement) as copy:
        for row in rows:
            copy.write_row(row)


def copy_rows(table, columns, rows):
    """COPY `rows` (one sequence of Python values per row, in `columns` order) into `table`."""
    with connection.cursor() as cursor:
        _copy(cursor, table, columns, rows)


def _copy_history(cursor, model, instances, user, history_type, reason):
    history = model.history.model
    now = timezone.now()
    fields = [field for field in history._meta.concrete_fields if field.attname != "history_id"]
    specials = {"history_date": now, "history_change_reason": reason, "history_type": history_type, "history_user_id": getattr(user, "pk", None)}
    source = {field.attname: field for field in model._meta.concrete_fields}

    copied = [field for field in fields if field.attname not in specials]
    converters = _converters(copied, source)
    fixed = [specials[field.attname] for field in fields if field.attname in specials]
    columns = [field.column for field in copied] + [field.column for field in fields if field.attname in specials]

    def rows():
        for instance in instances:
            yield _prepared(copied, instance, converters) + fixed

    _copy(cursor, history._meta.db_table, columns, rows())


def copy_create(*, user, model, instances, reason):
    """Insert `instances` (ids taken from the sequence) and their '+' history rows."""
    if not instances:
        return
    meta = model._meta
    for field in meta.concrete_fields:
        if _automatic_timestamp(field):
            for instance in instances:
                field.pre_save(instance, True)
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT nextval(pg_get_serial_sequence(%s, %s)) FROM generate_series(1, %s)", [meta.db_table, meta.pk.column, len(instances)]
        )
        for instance, (new_id,) in zip(instances, cursor.fetchall()):
            instance.pk = new_id
            instance._state.adding = False
            instance._state.db = connection.alias
        fields = list(meta.concrete_fields)
        converters = _converters(fields)
        _copy(cursor, meta.db_table, [field.column for field in fields], (_prepared(fields, instance, converters) for instance in instances))
        _copy_history(cursor, model, instances, user, "+", reason)


def copy_update(*, user, model, instances, fields, reason):
    """Write `fields` of `instances` through a temporary table and one UPDATE ... FROM, plus '~' history rows."""
    if not instances:
        return
    meta = model._meta
    targets = [meta.get_field(name) for name in fields]
    table, temp = meta.db_table, f"bulk_update_{meta.db_table}"
    columns = [meta.pk.column, *(field.column for field in targets)]
    with connection.cursor() as cursor:
        cursor.execute(f"DROP TABLE IF EXISTS {_quote(temp)}")
        cursor.execute(
            f"CREATE TEMPORARY TABLE {_quote(temp)} ON COMMIT DROP AS "
            f"SELECT {', '.join(_quote(column) for column in columns)} FROM {_quote(table)} WITH NO DATA"
        )
        converters = _converters(targets)
        _copy(cursor, temp, columns, ([instance.pk, *_prepared(targets, instance, converters)] for instance in instances))
        assignments = ", ".join(f"{_quote(field.column)} = source.{_quote(field.column)}" for field in targets)
        cursor.execute(
            f"UPDATE {_quote(table)} AS target SET {assignments} FROM {_quote(temp)} AS source "
            f"WHERE target.{_quote(meta.pk.column)} = source.{_quote(meta.pk.column)}"
        )
        cursor.execute(f"DROP TABLE {_quote(temp)}")
        _copy_history(cursor, model, instances, user, "~", reason)


def json_insert_supported(model):
    """True when `insert_from_json` can write this model exactly as Model(**data) + save() would: COPY-capable
    history and no callable default besides the auto_now timestamps (one value per statement would be wrong
    for, say, a uuid4 default)."""
    if not copy_supported(model):
        return False
    for field in model._meta.concrete_fields:
        if field.has_default() and callable(field.default) and not _automatic_timestamp(field):
            return False
    return True


def _json_column(field, now):
    """SQL (and its parameters) taking `field`'s value from the jsonb `data`, or what Model(**data) would set."""
    cast = field.db_type(connection)
    if _automatic_timestamp(field):
        return "%s", [now]
    default = field.get_db_prep_save(field.get_default(), connection)
    return f"CASE WHEN data ? %s THEN (data ->> %s)::{cast} ELSE %s::{cast} END", [field.attname, field.attname, default]


def insert_from_json(*, user, model, rows_sql, rows_params, reason):
    """Insert one record per row of `rows_sql` (a query of one jsonb column: attname -> value, the keywords
    Model(**data) would take) and its '+' history row, in a single INSERT ... SELECT; returns the count.

    The values never come back through Python: for a 100,000-row import this is the database's own time.
    Ids come from the table's default (its sequence); constraints and triggers apply as for COPY."""
    meta = model._meta
    history = model.history.model
    now = timezone.now()
    fields = [field for field in meta.concrete_fields if not field.primary_key]
    cells, params = [], []
    for field in fields:
        sql, cell_params = _json_column(field, now)
        cells.append(sql)
        params += cell_params
    copied = ", ".join(_quote(field.column) for field in history._meta.concrete_fields if field.attname not in HISTORY_FIELDS)
    table, pk = _quote(meta.db_table), _quote(meta.pk.column)
    with connection.cursor() as cursor:
        cursor.execute(
            f"WITH created AS (INSERT INTO {table} ({', '.join(_quote(field.column) for field in fields)}) "
            f"SELECT {', '.join(cells)} FROM ({rows_sql}) AS source(data) RETURNING {pk}) SELECT array_agg({pk}) FROM created",
            [*params, *rows_params],
        )
        (ids,) = cursor.fetchone()
        if not ids:
            return 0
        # A second statement: the first one's own rows are invisible to it, and RETURNING every column
        # through the WITH costs more than reading the new rows back by primary key.
        cursor.execute(
            f"INSERT INTO {_quote(history._meta.db_table)} ({copied}, history_date, history_type, history_user_id, history_change_reason) "
            f"SELECT {copied}, %s, '+', %s, %s FROM {table} WHERE {pk} = ANY(%s)",
            [now, getattr(user, "pk", None), reason, ids],
        )
        return len(ids)


def json_distinct(rows_sql, rows_params, key):
    """The distinct values of `key` in the jsonb rows of `rows_sql` (e.g. the regions about to be written)."""
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT DISTINCT data ->> %s FROM ({rows_sql}) AS source(data)", [key, *rows_params])
        return [value for (value,) in cursor.fetchall()]
