"""Triggers that write the change feed (changes_change) on every write to a registry table.

PostgreSQL: statement-level triggers with transition tables, so a COPY or an INSERT ... SELECT of 100,000
rows costs one INSERT ... SELECT into the feed, not 100,000 trigger calls (as reports/rollup.py does).
SQLite: row-level triggers. Both write in the writer's own transaction: a rolled-back write leaves no row.

What the tables declare (SOURCES, FANOUT):
- every table behind an API resource writes one row per record written, with the region that decides
  who may see the record before and after the write (a room's is its sentra's desa);
- tables that are part of another resource's representation (a sentra's commodities, the rooms and
  machines a DAK activity paid for) write a row for that resource;
- a parent whose change alters what its children show or who may see them (a sentra moved to another
  desa, deleted or renamed) writes a row for each child, with the parent's regions before and after.
  So a record that leaves a client's region always has a row whose old region is in that scope.

A change whose old and new regions differ also leaves a core_tombstone row with `moved_to` set, so
clients syncing with `updated_since` learn that the record left their region (core/api/deletions.py).
"""

import re
from dataclasses import dataclass

from django.db import migrations

FEED = "changes_change"
COLUMNS = "txid, resource, object_id, operation, old_region, new_region, version, changed_at"


def sentra_region(column):
    return f"(SELECT s.desa_id FROM sentra_sentra s WHERE s.id = {column})"


def ikm_region(column):
    return f"(SELECT u.desa_id FROM ikm_ikmunit u WHERE u.id = {column})"


def allocation_region(column):
    return f"(SELECT a.kabupaten_kota_id FROM funding_dakallocation a WHERE a.id = {column})"


def activity_region(column):
    return (
        "(SELECT a.kabupaten_kota_id FROM funding_dakactivity d JOIN funding_dakallocation a ON a.id = d.allocation_id "
        f"WHERE d.id = {column})"
    )


@dataclass(frozen=True)
class Source:
    """A table whose writes enter the feed as writes to `resource`'s record `object_column`."""

    table: str
    resource: str
    region: object  # row alias -> SQL expression of the region code
    object_column: str = "id"
    versioned: bool = True
    part_of_parent: bool = False  # a link row: any write to it is an update of the parent record
    # Columns the database keeps for itself (a room's copy of its sentra's desa, facilities/region_copy.py): an
    # update changing only these is no change of the record (PostgreSQL; SQLite never writes them).
    unannounced: tuple = ()


@dataclass(frozen=True)
class Fanout:
    """When `parent` rows change in a way `condition` detects, every child row in `table` (joined on `key`)
    enters the feed as updated, with regions from `old_region`/`new_region` (p = old/new parent values, c = child)."""

    parent: str
    table: str
    resource: str
    key: str
    condition: str  # over o (old parent row) and n (new parent row)
    old_region: object  # PARENT, or c alias -> SQL expression of the child's own region
    new_region: object

    def regions(self, old_parent, new_parent):
        """(old, new) region SQL of a child row `c`, given the parent's old and new region SQL."""
        old = old_parent if self.old_region == PARENT else self.old_region("c")
        new = new_parent if self.new_region == PARENT else self.new_region("c")
        return old, new


SOURCES = [
    Source("sentra_sentra", "sentra", lambda r: f"{r}.desa_id"),
    Source("ikm_ikmunit", "ikm-units", lambda r: f"{r}.desa_id"),
    Source("ikm_sentramembership", "memberships", lambda r: ikm_region(f"{r}.ikm_id")),
    Source("ikm_certification", "certifications", lambda r: ikm_region(f"{r}.ikm_id")),
    Source("ikm_yearlyfigure", "yearly-figures", lambda r: f"{r}.region_id"),
    Source("facilities_room", "rooms", lambda r: sentra_region(f"{r}.sentra_id"), unannounced=("sentra_desa",)),
    Source("facilities_machine", "machines", lambda r: sentra_region(f"{r}.sentra_id"), unannounced=("sentra_desa",)),
    Source("funding_dakallocation", "dak-allocations", lambda r: f"{r}.kabupaten_kota_id"),
    Source("funding_dakactivity", "dak-activities", lambda r: allocation_region(f"{r}.allocation_id")),
    Source(
        "sentra_sentracommodity", "sentra", lambda r: sentra_region(f"{r}.sentra_id"), object_column="sentra_id",
        versioned=False, part_of_parent=True,
    ),
    Source(
        "funding_dakactivity_rooms", "dak-activities", lambda r: activity_region(f"{r}.dakactivity_id"),
        object_column="dakactivity_id", versioned=False, part_of_parent=True,
    ),
    Source(
        "funding_dakactivity_machines", "dak-activities", lambda r: activity_region(f"{r}.dakactivity_id"),
        object_column="dakactivity_id", versioned=False, part_of_parent=True,
    ),
]

# Census (issue 13) writes its worklist items and visits to the feed too. Its tables are created by a later
# app, so census/migrations installs these (install_sources); every installed trigger is listed in ALL_SOURCES.
# Their region is read from the sentra's current row for the old and the new values alike, and a census row
# never changes its sentra: old and new regions are always equal, so a census row never makes a tombstone
# (whose model the moves trigger knows only for MODEL_OF_RESOURCE).
CENSUS_SOURCES = [
    Source("census_worklistitem", "census-items", lambda r: sentra_region(f"{r}.sentra_id"), versioned=False),
    Source(
        "census_visit", "census-visits",
        lambda r: sentra_region(f"(SELECT i.sentra_id FROM census_worklistitem i WHERE i.id = {r}.item_id)"), versioned=False,
    ),
]
ALL_SOURCES = SOURCES + CENSUS_SOURCES

SENTRA_SHOWN = (
    "o.desa_id IS DISTINCT FROM n.desa_id OR o.deleted_at IS DISTINCT FROM n.deleted_at "
    "OR o.name IS DISTINCT FROM n.name OR o.code IS DISTINCT FROM n.code"
)
IKM_SHOWN = (
    "o.desa_id IS DISTINCT FROM n.desa_id OR o.deleted_at IS DISTINCT FROM n.deleted_at "
    "OR o.name IS DISTINCT FROM n.name OR o.nib IS DISTINCT FROM n.nib"
)


PARENT = "parent"  # a child's region is its parent's (before/after the parent's change)

# The region of a parent row (alias r), as the children that inherit it see it.
PARENT_REGION = {
    "sentra_sentra": lambda r: f"{r}.desa_id",
    "ikm_ikmunit": lambda r: f"{r}.desa_id",
    "facilities_room": lambda r: sentra_region(f"{r}.sentra_id"),
    "funding_dakallocation": lambda r: f"{r}.kabupaten_kota_id",
}


FANOUT = [
    # A sentra's rooms and machines are seen in the sentra's desa and hidden with it; the others show its name/code.
    Fanout("sentra_sentra", "facilities_room", "rooms", "sentra_id", SENTRA_SHOWN, PARENT, PARENT),
    Fanout("sentra_sentra", "facilities_machine", "machines", "sentra_id", SENTRA_SHOWN, PARENT, PARENT),
    Fanout("sentra_sentra", "ikm_sentramembership", "memberships", "sentra_id", SENTRA_SHOWN,
           lambda c: ikm_region(f"{c}.ikm_id"), lambda c: ikm_region(f"{c}.ikm_id")),
    Fanout("sentra_sentra", "ikm_yearlyfigure", "yearly-figures", "sentra_id", SENTRA_SHOWN,
           lambda c: f"{c}.region_id", lambda c: f"{c}.region_id"),
    Fanout("sentra_sentra", "funding_dakactivity", "dak-activities", "sentra_id", SENTRA_SHOWN,
           lambda c: allocation_region(f"{c}.allocation_id"), lambda c: allocation_region(f"{c}.allocation_id")),
    # An IKM unit's memberships and certifications are seen in the unit's desa and hidden with it.
    Fanout("ikm_ikmunit", "ikm_sentramembership", "memberships", "ikm_id", IKM_SHOWN, PARENT, PARENT),
    Fanout("ikm_ikmunit", "ikm_certification", "certifications", "ikm_id", IKM_SHOWN, PARENT, PARENT),
    Fanout("ikm_ikmunit", "ikm_yearlyfigure", "yearly-figures", "ikm_id", IKM_SHOWN,
           lambda c: f"{c}.region_id", lambda c: f"{c}.region_id"),
    Fanout("ikm_ikmunit", "facilities_room", "rooms", "occupant_id", IKM_SHOWN,
           lambda c: sentra_region(f"{c}.sentra_id"), lambda c: sentra_region(f"{c}.sentra_id")),
    Fanout("facilities_room", "facilities_machine", "machines", "room_id", "o.name IS DISTINCT FROM n.name",
           lambda c: sentra_region(f"{c}.sentra_id"), lambda c: sentra_region(f"{c}.sentra_id")),
    Fanout("funding_dakallocation", "funding_dakactivity", "dak-activities", "allocation_id",
           "o.kabupaten_kota_id IS DISTINCT FROM n.kabupaten_kota_id OR o.fiscal_year IS DISTINCT FROM n.fiscal_year",
           PARENT, PARENT),
]

# Tombstone of a record that moved to another region (its `model` as core_tombstone names it).
MODEL_OF_RESOURCE = {
    "sentra": "sentra.sentra", "ikm-units": "ikm.ikmunit", "memberships": "ikm.sentramembership",
    "certifications": "ikm.certification", "yearly-figures": "ikm.yearlyfigure", "rooms": "facilities.room",
    "machines": "facilities.machine", "dak-allocations": "funding.dakallocation", "dak-activities": "funding.dakactivity",
}


def _model_case(column):
    whens = " ".join(f"WHEN '{resource}' THEN '{model}'" for resource, model in MODEL_OF_RESOURCE.items())
    return f"CASE {column} {whens} END"


# --- PostgreSQL -------------------------------------------------------------------------------------------

def _pg_function_name(source):
    return f"changes_feed_{source.table}"


def _pg_rows(source, operation):
    version_new = "n.version" if source.versioned else "NULL"
    version_old = "o.version" if source.versioned else "NULL"
    obj_n, obj_o = f"n.{source.object_column}", f"o.{source.object_column}"
    if operation == "INSERT":
        op = "'U'" if source.part_of_parent else "'I'"
        old = source.region("n") if source.part_of_parent else "NULL"
        return f"SELECT tx, '{source.resource}', {obj_n}, {op}, {old}, {source.region('n')}, {version_new}, now() FROM new_rows n"
    if operation == "DELETE":
        op = "'U'" if source.part_of_parent else "'D'"
        new = source.region("o") if source.part_of_parent else "NULL"
        return f"SELECT tx, '{source.resource}', {obj_o}, {op}, {source.region('o')}, {new}, {version_old}, now() FROM old_rows o"
    changed = ""
    if source.unannounced:
        columns = ", ".join(f"'{column}'" for column in source.unannounced)
        changed = f" WHERE (to_jsonb(n) - ARRAY[{columns}]) IS DISTINCT FROM (to_jsonb(o) - ARRAY[{columns}])"
    return (
        f"SELECT tx, '{source.resource}', {obj_n}, 'U', {source.region('o')}, {source.region('n')}, {version_new}, now() "
        f"FROM new_rows n JOIN old_rows o ON o.id = n.id{changed}"
    )


def _pg_fanout(fanout):
    region = PARENT_REGION[fanout.parent]
    old, new = fanout.regions("p.old_region", "p.new_region")
    return (
        f"INSERT INTO {FEED} ({COLUMNS}) "
        f"SELECT tx, '{fanout.resource}', c.id, 'U', {old}, {new}, c.version, now() "
        f"FROM (SELECT n.id, {region('o')} AS old_region, {region('n')} AS new_region "
        f"FROM new_rows n JOIN old_rows o ON o.id = n.id WHERE {fanout.condition}) p "
        f"JOIN {fanout.table} c ON c.{fanout.key} = p.id;"
    )


def _pg_source(source):
    name = _pg_function_name(source)
    fanouts = "\n            ".join(_pg_fanout(f) for f in FANOUT if f.parent == source.table)
    insert = f"INSERT INTO {FEED} ({COLUMNS})"
    return f"""
        CREATE OR REPLACE FUNCTION {name}() RETURNS trigger AS $$
        DECLARE tx bigint := pg_current_xact_id()::text::bigint;
        BEGIN
            IF TG_OP = 'INSERT' THEN
                {insert} {_pg_rows(source, "INSERT")};
            ELSIF TG_OP = 'UPDATE' THEN
                {insert} {_pg_rows(source, "UPDATE")};
                {fanouts}
            ELSE
                {insert} {_pg_rows(source, "DELETE")};
            END IF;
            RETURN NULL;
        END $$ LANGUAGE plpgsql;
        DROP TRIGGER IF EXISTS {name}_insert ON {source.table};
        DROP TRIGGER IF EXISTS {name}_update ON {source.table};
        DROP TRIGGER IF EXISTS {name}_delete ON {source.table};
        CREATE TRIGGER {name}_insert AFTER INSERT ON {source.table} REFERENCING NEW TABLE AS new_rows
            FOR EACH STATEMENT EXECUTE FUNCTION {name}();
        CREATE TRIGGER {name}_update AFTER UPDATE ON {source.table} REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
            FOR EACH STATEMENT EXECUTE FUNCTION {name}();
        CREATE TRIGGER {name}_delete AFTER DELETE ON {source.table} REFERENCING OLD TABLE AS old_rows
            FOR EACH STATEMENT EXECUTE FUNCTION {name}();
    """


def _pg_drop(source):
    name = _pg_function_name(source)
    return "".join(f"DROP TRIGGER IF EXISTS {name}_{event} ON {source.table};" for event in ("insert", "update", "delete")) + (
        f"DROP FUNCTION IF EXISTS {name}();"
    )


PG_MOVES = f"""
    CREATE OR REPLACE FUNCTION changes_feed_moves() RETURNS trigger AS $$
    BEGIN
        INSERT INTO core_tombstone (model, object_id, region_id, moved_to, deleted_at)
        SELECT {_model_case("m.resource")}, m.object_id::text, m.old_region, m.new_region, m.changed_at
        FROM new_rows m WHERE m.old_region IS NOT NULL AND m.new_region IS NOT NULL AND m.old_region <> m.new_region;
        RETURN NULL;
    END $$ LANGUAGE plpgsql;
    DROP TRIGGER IF EXISTS changes_feed_moves ON {FEED};
    CREATE TRIGGER changes_feed_moves AFTER INSERT ON {FEED} REFERENCING NEW TABLE AS new_rows
        FOR EACH STATEMENT EXECUTE FUNCTION changes_feed_moves();
"""
PG_DROP_MOVES = f"DROP TRIGGER IF EXISTS changes_feed_moves ON {FEED}; DROP FUNCTION IF EXISTS changes_feed_moves();"


# --- SQLite -----------------------------------------------------------------------------------------------

SQLITE_NOW = "strftime('%Y-%m-%d %H:%M:%f', 'now')"


def _sqlite_source(source):
    name = f"changes_feed_{source.table}"
    version_new = "NEW.version" if source.versioned else "NULL"
    version_old = "OLD.version" if source.versioned else "NULL"
    values = f"INSERT INTO {FEED} ({COLUMNS}) VALUES"
    if source.part_of_parent:
        insert = f"{values} (0, '{source.resource}', NEW.{source.object_column}, 'U', {source.region('NEW')}, {source.region('NEW')}, NULL, {SQLITE_NOW});"
        delete = f"{values} (0, '{source.resource}', OLD.{source.object_column}, 'U', {source.region('OLD')}, {source.region('OLD')}, NULL, {SQLITE_NOW});"
    else:
        insert = f"{values} (0, '{source.resource}', NEW.id, 'I', NULL, {source.region('NEW')}, {version_new}, {SQLITE_NOW});"
        delete = f"{values} (0, '{source.resource}', OLD.id, 'D', {source.region('OLD')}, NULL, {version_old}, {SQLITE_NOW});"
    update = (
        f"{values} (0, '{source.resource}', NEW.{source.object_column}, 'U', {source.region('OLD')}, {source.region('NEW')}, "
        f"{version_new}, {SQLITE_NOW});"
    )
    fanouts = " ".join(_sqlite_fanout(f) for f in FANOUT if f.parent == source.table)
    return [
        f"CREATE TRIGGER IF NOT EXISTS {name}_insert AFTER INSERT ON {source.table} BEGIN {insert} END;",
        f"CREATE TRIGGER IF NOT EXISTS {name}_update AFTER UPDATE ON {source.table} BEGIN {update} {fanouts} END;",
        f"CREATE TRIGGER IF NOT EXISTS {name}_delete AFTER DELETE ON {source.table} BEGIN {delete} END;",
    ]


def _sqlite_fanout(fanout):
    region = PARENT_REGION[fanout.parent]
    old, new = fanout.regions(region("OLD"), region("NEW"))
    condition = re.sub(r"\bn\.", "NEW.", re.sub(r"\bo\.", "OLD.", fanout.condition))
    return (
        f"INSERT INTO {FEED} ({COLUMNS}) "
        f"SELECT 0, '{fanout.resource}', c.id, 'U', {old}, {new}, c.version, {SQLITE_NOW} "
        f"FROM {fanout.table} c WHERE c.{fanout.key} = NEW.id AND ({condition});"
    )


def _sqlite_drop(source):
    return [f"DROP TRIGGER IF EXISTS changes_feed_{source.table}_{event};" for event in ("insert", "update", "delete")]


SQLITE_MOVES = (
    f"CREATE TRIGGER IF NOT EXISTS changes_feed_moves AFTER INSERT ON {FEED} "
    "WHEN NEW.old_region IS NOT NULL AND NEW.new_region IS NOT NULL AND NEW.old_region <> NEW.new_region BEGIN "
    "INSERT INTO core_tombstone (model, object_id, region_id, moved_to, deleted_at) "
    f"VALUES ({_model_case('NEW.resource')}, CAST(NEW.object_id AS TEXT), NEW.old_region, NEW.new_region, NEW.changed_at); END;"
)
SQLITE_DROP_MOVES = "DROP TRIGGER IF EXISTS changes_feed_moves;"


def statements(vendor, sources=SOURCES, moves=True):
    if vendor == "postgresql":
        return [_pg_source(source) for source in sources] + ([PG_MOVES] if moves else [])
    if vendor == "sqlite":
        return [statement for source in sources for statement in _sqlite_source(source)] + ([SQLITE_MOVES] if moves else [])
    raise NotImplementedError(f"change feed triggers have no {vendor} version")


def drop_statements(vendor, sources=SOURCES, moves=True):
    if vendor == "postgresql":
        return [_pg_drop(source) for source in sources] + ([PG_DROP_MOVES] if moves else [])
    if vendor == "sqlite":
        return [statement for source in sources for statement in _sqlite_drop(source)] + ([SQLITE_DROP_MOVES] if moves else [])
    return []


def install(apps, schema_editor):
    for statement in statements(schema_editor.connection.vendor):
        schema_editor.execute(statement, params=None)


def uninstall(apps, schema_editor):
    for statement in drop_statements(schema_editor.connection.vendor):
        schema_editor.execute(statement, params=None)


def InstallTriggers():
    return migrations.RunPython(install, uninstall)


def InstallSourceTriggers(sources):
    """The feed triggers of `sources` only (tables of a later app); the moves trigger is already on the feed."""

    def install_sources(apps, schema_editor):
        for statement in statements(schema_editor.connection.vendor, sources, moves=False):
            schema_editor.execute(statement, params=None)

    def uninstall_sources(apps, schema_editor):
        for statement in drop_statements(schema_editor.connection.vendor, sources, moves=False):
            schema_editor.execute(statement, params=None)

    return migrations.RunPython(install_sources, uninstall_sources)
