"""Triggers that keep reports_freshnessrollup equal to COUNT(*) of live IKM units per kabupaten/kota, month of
their last verification (UTC) and whether they are unchanged since; the freshness dashboard reads it
(reports/selectors/freshness.py). Built like reports/rollup.py: statement-level triggers with transition
tables on PostgreSQL (one grouped upsert per bulk statement), row-level triggers on SQLite.
"""

from django.db import connection

TABLE = "reports_freshnessrollup"
NEVER = "1900-01-01"  # reports.models.NEVER_VERIFIED_MONTH
UPSERT = f"ON CONFLICT (kabupaten_kota_id, month, current) DO UPDATE SET units = {TABLE}.units + excluded.units"


def _pg_keys(row=""):
    prefix = f"{row}." if row else ""
    return (
        f"SUBSTRING({prefix}desa_id, 1, 5), "
        f"COALESCE(date_trunc('month', {prefix}last_verified_at AT TIME ZONE 'UTC')::date, DATE '{NEVER}'), "
        f"COALESCE({prefix}last_verified_at >= {prefix}updated_at, false)"
    )


def _pg_apply(rows, sign):
    return (
        f"INSERT INTO {TABLE} (kabupaten_kota_id, month, current, units) SELECT {_pg_keys()}, {sign}COUNT(*) "
        f"FROM {rows} WHERE deleted_at IS NULL GROUP BY 1, 2, 3 {UPSERT};"
    )


POSTGRES = f"""
CREATE OR REPLACE FUNCTION reports_freshness_rollup() RETURNS trigger AS $$
BEGIN
    IF TG_OP = 'UPDATE' OR TG_OP = 'DELETE' THEN
        {_pg_apply("old_rows", "-")}
    END IF;
    IF TG_OP = 'UPDATE' OR TG_OP = 'INSERT' THEN
        {_pg_apply("new_rows", "")}
    END IF;
    RETURN NULL;
END $$ LANGUAGE plpgsql;
CREATE TRIGGER reports_freshness_rollup_insert AFTER INSERT ON ikm_ikmunit REFERENCING NEW TABLE AS new_rows
    FOR EACH STATEMENT EXECUTE FUNCTION reports_freshness_rollup();
CREATE TRIGGER reports_freshness_rollup_update AFTER UPDATE ON ikm_ikmunit REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
    FOR EACH STATEMENT EXECUTE FUNCTION reports_freshness_rollup();
CREATE TRIGGER reports_freshness_rollup_delete AFTER DELETE ON ikm_ikmunit REFERENCING OLD TABLE AS old_rows
    FOR EACH STATEMENT EXECUTE FUNCTION reports_freshness_rollup();
"""
DROP_POSTGRES = """
DROP TRIGGER IF EXISTS reports_freshness_rollup_insert ON ikm_ikmunit;
DROP TRIGGER IF EXISTS reports_freshness_rollup_update ON ikm_ikmunit;
DROP TRIGGER IF EXISTS reports_freshness_rollup_delete ON ikm_ikmunit;
DROP FUNCTION IF EXISTS reports_freshness_rollup();
"""


def _sqlite_apply(row, sign):
    return (
        f"INSERT INTO {TABLE} (kabupaten_kota_id, month, current, units) SELECT substr({row}.desa_id, 1, 5), "
        f"COALESCE(date({row}.last_verified_at, 'start of month'), '{NEVER}'), "
        f"COALESCE({row}.last_verified_at >= {row}.updated_at, 0), {sign}1 WHERE {row}.deleted_at IS NULL {UPSERT};"
    )


SQLITE = [
    f"CREATE TRIGGER IF NOT EXISTS reports_freshness_rollup_insert AFTER INSERT ON ikm_ikmunit BEGIN {_sqlite_apply('NEW', '')} END;",
    f"CREATE TRIGGER IF NOT EXISTS reports_freshness_rollup_update AFTER UPDATE ON ikm_ikmunit BEGIN "
    f"{_sqlite_apply('OLD', '-')} {_sqlite_apply('NEW', '')} END;",
    f"CREATE TRIGGER IF NOT EXISTS reports_freshness_rollup_delete AFTER DELETE ON ikm_ikmunit BEGIN {_sqlite_apply('OLD', '-')} END;",
]
DROP_SQLITE = [f"DROP TRIGGER IF EXISTS reports_freshness_rollup_{event};" for event in ("insert", "update", "delete")]


def rebuild(using_connection=None):
    """Recompute the whole roll-up from the IKM table (repair, or after loading data with triggers off)."""
    conn = using_connection or connection
    if conn.vendor == "postgresql":
        select = f"SELECT {_pg_keys()}, COUNT(*) FROM ikm_ikmunit WHERE deleted_at IS NULL GROUP BY 1, 2, 3"
    else:
        select = (
            f"SELECT substr(desa_id, 1, 5), COALESCE(date(last_verified_at, 'start of month'), '{NEVER}'), "
            f"COALESCE(last_verified_at >= updated_at, 0), COUNT(*) FROM ikm_ikmunit WHERE deleted_at IS NULL GROUP BY 1, 2, 3"
        )
    with conn.cursor() as cursor:
        cursor.execute(f"DELETE FROM {TABLE}")
        cursor.execute(f"INSERT INTO {TABLE} (kabupaten_kota_id, month, current, units) {select}")


def install(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    statements = {"postgresql": [POSTGRES], "sqlite": SQLITE}.get(vendor)
    if statements is None:
        raise NotImplementedError(f"freshness rollup triggers have no {vendor} version")
    for statement in statements:
        schema_editor.execute(statement)
    rebuild(schema_editor.connection)


def uninstall(apps, schema_editor):
    for statement in {"postgresql": [DROP_POSTGRES], "sqlite": DROP_SQLITE}.get(schema_editor.connection.vendor, []):
        schema_editor.execute(statement)
