"""Database rules that a CHECK constraint cannot express, as triggers for PostgreSQL and SQLite.

Both raise an integrity error (SQLSTATE 23514 / SQLITE_CONSTRAINT), so Django reports IntegrityError
whichever engine runs, exactly as for a CHECK constraint.
"""

from django.db import migrations


def _year_not_after_next(table, column):
    name = f"{table}_{column}_not_after_next_year"
    message = f"{column} must not be later than next year"
    postgres = f"""
        CREATE OR REPLACE FUNCTION {name}() RETURNS trigger AS $$
        BEGIN
            IF NEW.{column} > EXTRACT(YEAR FROM CURRENT_DATE)::int + 1 THEN
                RAISE EXCEPTION '{message}' USING ERRCODE = 'check_violation';
            END IF;
            RETURN NEW;
        END $$ LANGUAGE plpgsql;
        DROP TRIGGER IF EXISTS {name} ON {table};
        CREATE TRIGGER {name} BEFORE INSERT OR UPDATE OF {column} ON {table}
            FOR EACH ROW EXECUTE FUNCTION {name}();
    """
    sqlite = [
        f"""
        CREATE TRIGGER IF NOT EXISTS {name}_{event.lower()} BEFORE {event} ON {table}
        WHEN NEW.{column} > CAST(strftime('%Y', 'now') AS INTEGER) + 1
        BEGIN SELECT RAISE(ABORT, '{message}'); END;
        """
        for event in ("INSERT", "UPDATE")
    ]
    drop_postgres = f"DROP TRIGGER IF EXISTS {name} ON {table}; DROP FUNCTION IF EXISTS {name}();"
    drop_sqlite = [f"DROP TRIGGER IF EXISTS {name}_{event};" for event in ("insert", "update")]
    return postgres, sqlite, drop_postgres, drop_sqlite


def _room_occupant_is_member():
    condition = (
        "NEW.occupant_id IS NOT NULL AND NOT EXISTS (SELECT 1 FROM ikm_sentramembership m "
        "WHERE m.ikm_id = NEW.occupant_id AND m.sentra_id = NEW.sentra_id AND m.left_on IS NULL)"
    )
    message = "room occupant must be a current member of the sentra of the room"
    postgres = f"""
        CREATE OR REPLACE FUNCTION room_occupant_is_member() RETURNS trigger AS $$
        BEGIN
            IF {condition} THEN
                RAISE EXCEPTION '{message}' USING ERRCODE = 'check_violation';
            END IF;
            RETURN NEW;
        END $$ LANGUAGE plpgsql;
        DROP TRIGGER IF EXISTS room_occupant_is_member ON facilities_room;
        CREATE TRIGGER room_occupant_is_member BEFORE INSERT OR UPDATE OF occupant_id, sentra_id ON facilities_room
            FOR EACH ROW EXECUTE FUNCTION room_occupant_is_member();
    """
    sqlite = [
        f"""
        CREATE TRIGGER IF NOT EXISTS room_occupant_is_member_{event.lower()} BEFORE {event} ON facilities_room
        WHEN {condition}
        BEGIN SELECT RAISE(ABORT, '{message}'); END;
        """
        for event in ("INSERT", "UPDATE")
    ]
    drop_postgres = (
        "DROP TRIGGER IF EXISTS room_occupant_is_member ON facilities_room; DROP FUNCTION IF EXISTS room_occupant_is_member();"
    )
    drop_sqlite = [f"DROP TRIGGER IF EXISTS room_occupant_is_member_{e};" for e in ("insert", "update")]
    return postgres, sqlite, drop_postgres, drop_sqlite


def _membership_end_keeps_rooms_consistent():
    """Ending a membership while the IKM still occupies a room of that sentra would orphan the room."""
    condition = (
        "NEW.left_on IS NOT NULL AND OLD.left_on IS NULL AND EXISTS (SELECT 1 FROM facilities_room r "
        "WHERE r.occupant_id = NEW.ikm_id AND r.sentra_id = NEW.sentra_id)"
    )
    message = "vacate the rooms of the member before ending its membership"
    postgres = f"""
        CREATE OR REPLACE FUNCTION membership_end_vacated() RETURNS trigger AS $$
        BEGIN
            IF {condition} THEN
                RAISE EXCEPTION '{message}' USING ERRCODE = 'check_violation';
            END IF;
            RETURN NEW;
        END $$ LANGUAGE plpgsql;
        DROP TRIGGER IF EXISTS membership_end_vacated ON ikm_sentramembership;
        CREATE TRIGGER membership_end_vacated BEFORE UPDATE ON ikm_sentramembership
            FOR EACH ROW EXECUTE FUNCTION membership_end_vacated();
    """
    sqlite = [
        f"""
        CREATE TRIGGER IF NOT EXISTS membership_end_vacated BEFORE UPDATE ON ikm_sentramembership
        WHEN {condition}
        BEGIN SELECT RAISE(ABORT, '{message}'); END;
        """
    ]
    drop_postgres = (
        "DROP TRIGGER IF EXISTS membership_end_vacated ON ikm_sentramembership; DROP FUNCTION IF EXISTS membership_end_vacated();"
    )
    drop_sqlite = ["DROP TRIGGER IF EXISTS membership_end_vacated;"]
    return postgres, sqlite, drop_postgres, drop_sqlite


RULES = {
    "year_not_after_next": _year_not_after_next,
    "room_occupant_is_member": _room_occupant_is_member,
    "membership_end_vacated": _membership_end_keeps_rooms_consistent,
}


def TriggerOperation(rule, *args):
    postgres, sqlite, drop_postgres, drop_sqlite = RULES[rule](*args)

    def run(statements_by_vendor):
        def apply(apps, schema_editor):
            vendor = schema_editor.connection.vendor
            statements = statements_by_vendor.get(vendor)
            if statements is None:
                raise NotImplementedError(f"trigger {rule} has no {vendor} version")
            for statement in [statements] if isinstance(statements, str) else statements:
                schema_editor.execute(statement, params=None)

        return apply

    return migrations.RunPython(
        run({"postgresql": postgres, "sqlite": sqlite}),
        run({"postgresql": drop_postgres, "sqlite": drop_sqlite}),
    )
