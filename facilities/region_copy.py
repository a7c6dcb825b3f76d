"""The sentra's desa code copied onto its rooms and machines (`sentra_desa`), kept by PostgreSQL triggers.

A room's region is its sentra's. Filtered through the join, a province's first page of rooms ordered by id
walked the primary key past every room of the provinces before it (30,904 rooms for Jawa Timur: 2.8x the
unfiltered page); with the code on the row, (prefix, id) indexes answer it directly (accounts.scope.region_q).

- before a room or machine is written with its sentra (insert, or an update naming `sentra_id` or the copy
  itself, as every ORM save does), the copy is read from the sentra, whatever the writer put there;
- after a sentra's desa changes, its rooms' and machines' copies follow in the same transaction.
SQLite has no copy (the column stays empty there) and region_q follows the relation instead.
"""

from django.db import models
from django.db.migrations.operations import RunPython

from accounts.scope import region_prefix_indexes


CHILDREN = ("facilities_room", "facilities_machine")


def copy_field():
    """The `sentra_desa` column of a room or machine: written by the triggers below only."""
    return models.CharField(max_length=13, blank=True, default="", db_default="", editable=False)


def copy_indexes(name):
    """What region_q reads on PostgreSQL: one (prefix, id) index per level and the whole code with the id."""
    return [*region_prefix_indexes("sentra_desa", name), models.Index(models.F("sentra_desa"), models.F("id"), name=f"{name}_desa_id")]


def trigger_names():
    return [*(f"{table}_sentra_desa_copy" for table in CHILDREN), "sentra_sentra_desa_to_facilities"]


def _statements():
    statements = [
        """
        CREATE OR REPLACE FUNCTION facilities_sentra_desa_copy() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN
            NEW.sentra_desa := COALESCE((SELECT desa_id FROM sentra_sentra WHERE id = NEW.sentra_id), '');
            RETURN NEW;
        END $$""",
        """
        CREATE OR REPLACE FUNCTION sentra_sentra_desa_to_facilities() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN
            UPDATE facilities_room SET sentra_desa = NEW.desa_id WHERE sentra_id = NEW.id;
            UPDATE facilities_machine SET sentra_desa = NEW.desa_id WHERE sentra_id = NEW.id;
            RETURN NULL;
        END $$""",
        "CREATE TRIGGER sentra_sentra_desa_to_facilities AFTER UPDATE OF desa_id ON sentra_sentra "
        "FOR EACH ROW WHEN (OLD.desa_id IS DISTINCT FROM NEW.desa_id) EXECUTE FUNCTION sentra_sentra_desa_to_facilities()",
    ]
    for table in CHILDREN:
        statements += [
            f"CREATE TRIGGER {table}_sentra_desa_copy BEFORE INSERT OR UPDATE OF sentra_id, sentra_desa ON {table} "
            f"FOR EACH ROW EXECUTE FUNCTION facilities_sentra_desa_copy()",
            # The rows already there, without their other triggers: the change feed must not announce 57,000
            # rooms as changed for a column no client sees.
            f"ALTER TABLE {table} DISABLE TRIGGER USER",
            f"UPDATE {table} AS child SET sentra_desa = sentra.desa_id FROM sentra_sentra AS sentra WHERE sentra.id = child.sentra_id",
            f"ALTER TABLE {table} ENABLE TRIGGER USER",
        ]
    return statements


def forwards(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for statement in _statements():
        schema_editor.execute(statement)


def backwards(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute("DROP TRIGGER IF EXISTS sentra_sentra_desa_to_facilities ON sentra_sentra")
    for table in CHILDREN:
        schema_editor.execute(f"DROP TRIGGER IF EXISTS {table}_sentra_desa_copy ON {table}")
    schema_editor.execute("DROP FUNCTION IF EXISTS sentra_sentra_desa_to_facilities()")
    schema_editor.execute("DROP FUNCTION IF EXISTS facilities_sentra_desa_copy()")


def region_copy_operation():
    return RunPython(forwards, backwards)
