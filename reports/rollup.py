"""Triggers that keep reports_ikmrollup equal to SUM/COUNT of live IKM units per kabupaten/kota and commodity.

PostgreSQL: statement-level triggers with transition tables, so a bulk insert of 100,000 units costs one
grouped upsert, not 100,000. SQLite (development, tests): row-level triggers. Both use INSERT .. ON
CONFLICT DO UPDATE, so concurrent writers add up instead of overwriting each other.
"""

from django.db import connection

TABLE = "reports_ikmrollup"
COLUMNS = ("units", "workers_male", "workers_female", "workers_unsplit", "production_value", "sales", "investment")
SOURCE = {  # rollup column: expression over an ikm_ikmunit row
    "units": "1",
    "workers_male": "workers_male",
    "workers_female": "workers_female",
    "workers_unsplit": "workers_unsplit",
    "production_value": "production_value",
    "sales": "sales",
    "investment": "investment",
}


def _upsert(columns):
    return ", ".join(f"{column} = {TABLE}.{column} + excluded.{column}" for column in columns)


def _insert_columns(columns):
    return "kabupaten_kota_id, commodity_id, " + ", ".join(columns)


def _pg_apply(rows, sign, columns=COLUMNS):
    sums = ", ".join(f"{sign}SUM({SOURCE[column]})" if column != "units" else f"{sign}COUNT(*)" for column in columns)
    return (
        f"INSERT INTO {TABLE} ({_insert_columns(columns)}) SELECT SUBSTRING(desa_id, 1, 5), commodity_id, {sums} "
        f"FROM {rows} WHERE deleted_at IS NULL GROUP BY 1, 2 ON CONFLICT (kabupaten_kota_id, commodity_id) DO UPDATE SET {_upsert(columns)};"
    )


def _postgres(columns=COLUMNS):
    return f"""
CREATE OR REPLACE FUNCTION reports_ikm_rollup() RETURNS trigger AS $$
BEGIN
    IF TG_OP = 'UPDATE' OR TG_OP = 'DELETE' THEN
        {_pg_apply("old_rows", "-", columns)}
    END IF;
    IF TG_OP = 'UPDATE' OR TG_OP = 'INSERT' THEN
        {_pg_apply("new_rows", "", columns)}
    END IF;
    RETURN NULL;
END $$ LANGUAGE plpgsql;
DROP TRIGGER IF EXISTS reports_ikm_rollup_insert ON ikm_ikmunit;
DROP TRIGGER IF EXISTS reports_ikm_rollup_update ON ikm_ikmunit;
DROP TRIGGER IF EXISTS reports_ikm_rollup_delete ON ikm_ikmunit;
CREATE TRIGGER reports_ikm_rollup_insert AFTER INSERT ON ikm_ikmunit REFERENCING NEW TABLE AS new_rows
    FOR EACH STATEMENT EXECUTE FUNCTION reports_ikm_rollup();
CREATE TRIGGER reports_ikm_rollup_update AFTER UPDATE ON ikm_ikmunit REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
    FOR EACH STATEMENT EXECUTE FUNCTION reports_ikm_rollup();
CREATE TRIGGER reports_ikm_rollup_delete AFTER DELETE ON ikm_ikmunit REFERENCING OLD TABLE AS old_rows
    FOR EACH STATEMENT EXECUTE FUNCTION reports_ikm_rollup();
"""


POSTGRES = _postgres()
DROP_POSTGRES = """
DROP TRIGGER IF EXISTS reports_ikm_rollup_insert ON ikm_ikmunit;
DROP TRIGGER IF EXISTS reports_ikm_rollup_update ON ikm_ikmunit;
DROP TRIGGER IF EXISTS reports_ikm_rollup_delete ON ikm_ikmunit;
DROP FUNCTION IF EXISTS reports_ikm_rollup();
"""


def _sqlite_apply(row, sign, columns=COLUMNS):
    values = ", ".join(f"{sign}{row}.{SOURCE[column]}" if column != "units" else f"{sign}1" for column in columns)
    return (
        f"INSERT INTO {TABLE} ({_insert_columns(columns)}) SELECT substr({row}.desa_id, 1, 5), {row}.commodity_id, {values} "
        f"WHERE {row}.deleted_at IS NULL ON CONFLICT (kabupaten_kota_id, commodity_id) DO UPDATE SET {_upsert(columns)};"
    )


def _sqlite(columns=COLUMNS):
    return [
        f"CREATE TRIGGER IF NOT EXISTS reports_ikm_rollup_insert AFTER INSERT ON ikm_ikmunit BEGIN {_sqlite_apply('NEW', '', columns)} END;",
        f"CREATE TRIGGER IF NOT EXISTS reports_ikm_rollup_update AFTER UPDATE ON ikm_ikmunit BEGIN "
        f"{_sqlite_apply('OLD', '-', columns)} {_sqlite_apply('NEW', '', columns)} END;",
        f"CREATE TRIGGER IF NOT EXISTS reports_ikm_rollup_delete AFTER DELETE ON ikm_ikmunit BEGIN {_sqlite_apply('OLD', '-', columns)} END;",
    ]


SQLITE = _sqlite()
DROP_SQLITE = [f"DROP TRIGGER IF EXISTS reports_ikm_rollup_{event};" for event in ("insert", "update", "delete")]


def rebuild(using_connection=None, columns=COLUMNS):
    """Recompute the whole rollup from the IKM table (repair, or after loading data with triggers off)."""
    conn = using_connection or connection
    sums = ", ".join("COUNT(*)" if column == "units" else f"COALESCE(SUM({SOURCE[column]}), 0)" for column in columns)
    with conn.cursor() as cursor:
        cursor.execute(f"DELETE FROM {TABLE}")
        cursor.execute(
            f"INSERT INTO {TABLE} ({_insert_columns(columns)}) SELECT SUBSTR(desa_id, 1, 5), commodity_id, {sums} "
            f"FROM ikm_ikmunit WHERE deleted_at IS NULL GROUP BY SUBSTR(desa_id, 1, 5), commodity_id"
        )


def _columns_at(apps):
    """The rolled-up columns the rollup table has at this point of the migrations (a later one adds some)."""
    fields = {field.name for field in apps.get_model("reports", "IkmRollup")._meta.get_fields()}
    return tuple(column for column in COLUMNS if column in fields)


def install(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    columns = _columns_at(apps)
    statements = {"postgresql": lambda: [_postgres(columns)], "sqlite": lambda: _sqlite(columns)}.get(vendor)
    if statements is None:
        raise NotImplementedError(f"IKM rollup triggers have no {vendor} version")
    for statement in statements():
        schema_editor.execute(statement)
    rebuild(schema_editor.connection, columns)


def reinstall(apps, schema_editor):
    """After the rolled-up columns change (or ikm_ikmunit was rebuilt, which drops its triggers on SQLite)."""
    uninstall(apps, schema_editor)
    install(apps, schema_editor)


def uninstall(apps, schema_editor):
    for statement in {"postgresql": [DROP_POSTGRES], "sqlite": DROP_SQLITE}.get(schema_editor.connection.vendor, []):
        schema_editor.execute(statement)
