"""Database rules that a CHECK constraint cannot express, as triggers for PostgreSQL and SQLite.

Both raise an integrity error (SQLSTATE 23514 / SQLITE_CONSTRAINT), so Django reports IntegrityError
whichever engine runs, exactly as for a CHECK constraint. Each rule's English message is what the database
says; `MESSAGES` maps it to the sentence a user reads (core/dberrors.py), so no database text reaches a client.

A rule is a refusal: "before INSERT/UPDATE OF these columns on this table, when this condition holds, refuse".
Conditions are plain SQL both engines read alike (sub-selects, substr); `NEW`/`OLD` name the row.
core/tests/test_triggers_installed.py lists every trigger a fully migrated database has, on both engines
(SQLite drops a table's triggers when a migration rebuilds it: core/sqlite/base.py puts them back).
"""

from django.db import migrations
from django.utils.translation import gettext_lazy as _


def _kabupaten(column):
    return f"substr({column}, 1, 5)"


class Refusal:
    """One trigger: refuse `events` on `table` (optionally only when `columns` are updated) while `condition` holds."""

    def __init__(self, name, table, condition, message, *, events=("INSERT", "UPDATE"), columns=(), when=None):
        self.name, self.table, self.condition, self.message = name, table, condition, message
        self.events, self.columns, self.when = events, columns, when

    def _event_sql(self, event):
        return f"UPDATE OF {', '.join(self.columns)}" if event == "UPDATE" and self.columns else event

    def postgres(self):
        events = " OR ".join(self._event_sql(event) for event in self.events)
        when = f" WHEN ({self.when})" if self.when else ""
        return f"""
            CREATE OR REPLACE FUNCTION {self.name}() RETURNS trigger AS $$
            BEGIN
                IF {self.condition} THEN
                    RAISE EXCEPTION '{self.message}' USING ERRCODE = 'check_violation';
                END IF;
                RETURN NEW;
            END $$ LANGUAGE plpgsql;
            DROP TRIGGER IF EXISTS {self.name} ON {self.table};
            CREATE TRIGGER {self.name} BEFORE {events} ON {self.table}
                FOR EACH ROW{when} EXECUTE FUNCTION {self.name}();
        """

    def sqlite_names(self):
        if len(self.events) == 1:
            return [self.name]
        return [f"{self.name}_{event.lower()}" for event in self.events]

    def sqlite(self):
        condition = f"({self.when}) AND ({self.condition})" if self.when else self.condition
        return [
            f"""
            CREATE TRIGGER IF NOT EXISTS {name} BEFORE {self._event_sql(event)} ON {self.table}
            WHEN {condition}
            BEGIN SELECT RAISE(ABORT, '{self.message}'); END;
            """
            for name, event in zip(self.sqlite_names(), self.events)
        ]

    def drop_postgres(self):
        return f"DROP TRIGGER IF EXISTS {self.name} ON {self.table}; DROP FUNCTION IF EXISTS {self.name}();"

    def drop_sqlite(self):
        return [f"DROP TRIGGER IF EXISTS {name};" for name in self.sqlite_names()]


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


def _sql(refusal):
    return refusal.postgres(), refusal.sqlite(), refusal.drop_postgres(), refusal.drop_sqlite()


ROOM_OCCUPANT_IS_MEMBER = Refusal(
    "room_occupant_is_member", "facilities_room",
    "NEW.occupant_id IS NOT NULL AND NOT EXISTS (SELECT 1 FROM ikm_sentramembership m "
    "WHERE m.ikm_id = NEW.occupant_id AND m.sentra_id = NEW.sentra_id AND m.left_on IS NULL)",
    "room occupant must be a current member of the sentra of the room",
    columns=("occupant_id", "sentra_id"),
)
# Ending a membership while the IKM still occupies a room of that sentra would orphan the room: the service
# (facilities.services.membership_end) vacates the rooms first, each with its audit record.
MEMBERSHIP_END_VACATED = Refusal(
    "membership_end_vacated", "ikm_sentramembership",
    "NEW.left_on IS NOT NULL AND OLD.left_on IS NULL AND EXISTS (SELECT 1 FROM facilities_room r "
    "WHERE r.occupant_id = NEW.ikm_id AND r.sentra_id = NEW.sentra_id)",
    "vacate the rooms of the member before ending its membership",
    events=("UPDATE",),
)

# --- links inside one kabupaten/kota (core/links.py) ---------------------------------------------------------
_UNIT_KAB = "(SELECT " + _kabupaten("desa_id") + " FROM ikm_ikmunit WHERE id = {id})"
_SENTRA_KAB = "(SELECT " + _kabupaten("desa_id") + " FROM sentra_sentra WHERE id = {id})"
_ALLOCATION_KAB = "(SELECT " + _kabupaten("kabupaten_kota_id") + " FROM funding_dakallocation WHERE id = {id})"

MEMBERSHIP_SAME_KABUPATEN = Refusal(
    "membership_same_kabupaten", "ikm_sentramembership",
    f"{_UNIT_KAB.format(id='NEW.ikm_id')} <> {_SENTRA_KAB.format(id='NEW.sentra_id')}",
    "an IKM unit can only be a member of a sentra in its own kabupaten/kota",
    columns=("ikm_id", "sentra_id"),
)
ROOM_OCCUPANT_SAME_KABUPATEN = Refusal(
    "room_occupant_same_kabupaten", "facilities_room",
    f"NEW.occupant_id IS NOT NULL AND {_UNIT_KAB.format(id='NEW.occupant_id')} <> {_SENTRA_KAB.format(id='NEW.sentra_id')}",
    "a room can only be used by an IKM unit of the kabupaten/kota of its sentra",
    columns=("occupant_id", "sentra_id"),
)
MACHINE_ROOM_SAME_SENTRA = Refusal(
    "machine_room_same_sentra", "facilities_machine",
    "NEW.room_id IS NOT NULL AND (SELECT sentra_id FROM facilities_room WHERE id = NEW.room_id) <> NEW.sentra_id",
    "a machine can only stand in a room of its own sentra",
    columns=("room_id", "sentra_id"),
)
DAK_ACTIVITY_SENTRA_SAME_KABUPATEN = Refusal(
    "dak_activity_sentra_same_kabupaten", "funding_dakactivity",
    f"NEW.sentra_id IS NOT NULL AND {_SENTRA_KAB.format(id='NEW.sentra_id')} <> {_ALLOCATION_KAB.format(id='NEW.allocation_id')}",
    "a DAK activity can only fund a sentra in the kabupaten/kota of its allocation",
    columns=("sentra_id", "allocation_id"),
)
# A record moving to another kabupaten/kota must not leave its links behind.
UNIT_MOVE_KEEPS_LINKS = Refusal(
    "unit_move_keeps_links", "ikm_ikmunit",
    "EXISTS (SELECT 1 FROM ikm_sentramembership m JOIN sentra_sentra s ON s.id = m.sentra_id "
    f"WHERE m.ikm_id = NEW.id AND {_kabupaten('s.desa_id')} <> {_kabupaten('NEW.desa_id')}) "
    "OR EXISTS (SELECT 1 FROM facilities_room r JOIN sentra_sentra s ON s.id = r.sentra_id "
    f"WHERE r.occupant_id = NEW.id AND {_kabupaten('s.desa_id')} <> {_kabupaten('NEW.desa_id')})",
    "an IKM unit linked to a sentra cannot move to another kabupaten/kota",
    events=("UPDATE",), columns=("desa_id",), when=f"{_kabupaten('NEW.desa_id')} <> {_kabupaten('OLD.desa_id')}",
)
SENTRA_MOVE_KEEPS_LINKS = Refusal(
    "sentra_move_keeps_links", "sentra_sentra",
    "EXISTS (SELECT 1 FROM ikm_sentramembership m JOIN ikm_ikmunit u ON u.id = m.ikm_id "
    f"WHERE m.sentra_id = NEW.id AND {_kabupaten('u.desa_id')} <> {_kabupaten('NEW.desa_id')}) "
    "OR EXISTS (SELECT 1 FROM facilities_room r JOIN ikm_ikmunit u ON u.id = r.occupant_id "
    f"WHERE r.sentra_id = NEW.id AND {_kabupaten('u.desa_id')} <> {_kabupaten('NEW.desa_id')}) "
    "OR EXISTS (SELECT 1 FROM funding_dakactivity a JOIN funding_dakallocation d ON d.id = a.allocation_id "
    f"WHERE a.sentra_id = NEW.id AND {_kabupaten('d.kabupaten_kota_id')} <> {_kabupaten('NEW.desa_id')})",
    "a sentra linked to units or DAK activities cannot move to another kabupaten/kota",
    events=("UPDATE",), columns=("desa_id",), when=f"{_kabupaten('NEW.desa_id')} <> {_kabupaten('OLD.desa_id')}",
)
ALLOCATION_MOVE_KEEPS_LINKS = Refusal(
    "dak_allocation_move_keeps_links", "funding_dakallocation",
    "EXISTS (SELECT 1 FROM funding_dakactivity a JOIN sentra_sentra s ON s.id = a.sentra_id "
    f"WHERE a.allocation_id = NEW.id AND {_kabupaten('s.desa_id')} <> {_kabupaten('NEW.kabupaten_kota_id')})",
    "a DAK allocation funding a sentra cannot move to another kabupaten/kota",
    events=("UPDATE",), columns=("kabupaten_kota_id",), when="NEW.kabupaten_kota_id <> OLD.kabupaten_kota_id",
)
ROOM_MOVE_KEEPS_MACHINES = Refusal(
    "room_move_keeps_machines", "facilities_room",
    "EXISTS (SELECT 1 FROM facilities_machine m WHERE m.room_id = NEW.id AND m.sentra_id <> NEW.sentra_id)",
    "a room holding machines cannot move to another sentra",
    events=("UPDATE",), columns=("sentra_id",), when="NEW.sentra_id <> OLD.sentra_id",
)

REFUSALS = {
    refusal.name: refusal
    for refusal in (
        ROOM_OCCUPANT_IS_MEMBER, MEMBERSHIP_END_VACATED, MEMBERSHIP_SAME_KABUPATEN, ROOM_OCCUPANT_SAME_KABUPATEN,
        MACHINE_ROOM_SAME_SENTRA, DAK_ACTIVITY_SENTRA_SAME_KABUPATEN, UNIT_MOVE_KEEPS_LINKS, SENTRA_MOVE_KEEPS_LINKS,
        ALLOCATION_MOVE_KEEPS_LINKS, ROOM_MOVE_KEEPS_MACHINES,
    )
}

# What a user reads when a rule refuses a write (the database's English text never reaches a client).
MESSAGES = {
    ROOM_OCCUPANT_IS_MEMBER.message: _("Pengguna ruang harus anggota aktif sentra ini."),
    MEMBERSHIP_END_VACATED.message: _("Kosongkan dulu ruang yang dipakai unit ini sebelum keanggotaannya diakhiri."),
    MEMBERSHIP_SAME_KABUPATEN.message: _("Unit IKM hanya dapat menjadi anggota sentra di kabupaten/kota yang sama."),
    ROOM_OCCUPANT_SAME_KABUPATEN.message: _("Ruang hanya dapat dipakai unit IKM dari kabupaten/kota sentranya."),
    MACHINE_ROOM_SAME_SENTRA.message: _("Mesin hanya dapat ditempatkan di ruang milik sentranya sendiri."),
    DAK_ACTIVITY_SENTRA_SAME_KABUPATEN.message: _("Sentra harus berada di kabupaten/kota penerima DAK."),
    UNIT_MOVE_KEEPS_LINKS.message: _("Unit IKM ini masih terhubung dengan sentra di kabupaten/kota asalnya."),
    SENTRA_MOVE_KEEPS_LINKS.message: _("Sentra ini masih terhubung dengan unit IKM atau kegiatan DAK di kabupaten/kota asalnya."),
    ALLOCATION_MOVE_KEEPS_LINKS.message: _("Alokasi DAK ini membiayai sentra di kabupaten/kota asalnya."),
    ROOM_MOVE_KEEPS_MACHINES.message: _("Ruang ini masih berisi mesin sentranya; pindahkan mesinnya dulu."),
    "must not be later than next year": _("Tahun tidak boleh melewati tahun depan."),
}

RULES = {
    "year_not_after_next": _year_not_after_next,
    **{name: (lambda refusal=refusal: _sql(refusal)) for name, refusal in REFUSALS.items()},
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
