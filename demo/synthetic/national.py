"""Generate (or remove) a synthetic national registry for load and speed tests.

Rows are written by bulk paths (COPY on PostgreSQL) and therefore bypass the services and their per-row audit
on purpose: they are not user edits, and a million history rows would only measure the audit. Every row is
marked with vocab.SYNTHETIC_MARK so `national_clear` removes exactly what was generated.
"""

import time

import numpy as np
from django.db import connection, transaction

from .facilities import write_machines, write_rooms
from .funding import write_dak, write_sentra_figures
from .reference import load_reference
from .registry import write_ikm, write_sentra
from .vocab import SYNTHETIC_MARK
from .writer import BulkWriter


def national_generate(*, sentra, ikm, seed, log=lambda message: None):
    """Fill the database; returns {table: rows written}. One transaction: all or nothing."""
    rng = np.random.default_rng(seed)
    writer = BulkWriter(connection)
    started = time.monotonic()

    def step(label, function, **kwargs):
        t0 = time.monotonic()
        result = function(rng=rng, writer=writer, **kwargs)
        log(f"  {label}: {time.monotonic() - t0:.1f} s")
        return result

    ref = load_reference()
    with transaction.atomic():
        sentra_set = step("sentra", write_sentra, ref=ref, count=sentra)
        step("unit IKM, keanggotaan, sertifikat", write_ikm, ref=ref, sentra=sentra_set, count=ikm)
        rooms = step("ruang produksi", write_rooms, sentra=sentra_set)
        machines = step("mesin", write_machines, ref=ref, sentra=sentra_set, rooms_by_sentra=rooms)
        step("DAK", write_dak, ref=ref, sentra=sentra_set, rooms_by_sentra=rooms, machines_by_sentra=machines)
        step("kinerja tahunan", write_sentra_figures, ref=ref, sentra=sentra_set)
        writer.finish()
    t0 = time.monotonic()
    # Regions are joined by every list and export; fresh statistics keep the planner on hash joins.
    writer.analyze(extra=["regions_region"])
    log(f"  ANALYZE: {time.monotonic() - t0:.1f} s; total {time.monotonic() - started:.1f} s")
    return dict(writer.rows_written)


SYN_SENTRA = "SELECT id FROM sentra_sentra WHERE code LIKE %(mark)s"
SYN_IKM = "SELECT id FROM ikm_ikmunit WHERE address LIKE %(mark)s"
SYN_ALLOCATION = "SELECT id FROM funding_dakallocation WHERE notes LIKE %(mark)s"
SYN_ACTIVITY = f"SELECT id FROM funding_dakactivity WHERE allocation_id IN ({SYN_ALLOCATION}) OR sentra_id IN ({SYN_SENTRA})"
SYN_ROOM = f"SELECT id FROM facilities_room WHERE sentra_id IN ({SYN_SENTRA})"
SYN_MACHINE = f"SELECT id FROM facilities_machine WHERE sentra_id IN ({SYN_SENTRA})"

# Children before parents, so no foreign key is ever left dangling.
CLEAR_STATEMENTS = [
    f"DELETE FROM funding_dakactivity_rooms WHERE dakactivity_id IN ({SYN_ACTIVITY}) OR room_id IN ({SYN_ROOM})",
    f"DELETE FROM funding_dakactivity_machines WHERE dakactivity_id IN ({SYN_ACTIVITY}) OR machine_id IN ({SYN_MACHINE})",
    f"DELETE FROM funding_dakactivity WHERE id IN ({SYN_ACTIVITY})",
    f"DELETE FROM funding_dakallocation WHERE id IN ({SYN_ALLOCATION})",
    f"DELETE FROM facilities_machine WHERE sentra_id IN ({SYN_SENTRA})",
    f"DELETE FROM facilities_room WHERE sentra_id IN ({SYN_SENTRA}) OR occupant_id IN ({SYN_IKM})",
    f"DELETE FROM ikm_yearlyfigure WHERE sentra_id IN ({SYN_SENTRA}) OR ikm_id IN ({SYN_IKM})",
    f"DELETE FROM ikm_certification WHERE ikm_id IN ({SYN_IKM})",
    f"DELETE FROM ikm_programmeparticipation WHERE ikm_id IN ({SYN_IKM})",
    f"DELETE FROM ikm_sentramembership WHERE sentra_id IN ({SYN_SENTRA}) OR ikm_id IN ({SYN_IKM})",
    f"DELETE FROM ikm_ikmunit WHERE id IN ({SYN_IKM})",
    f"DELETE FROM sentra_sentracommodity WHERE sentra_id IN ({SYN_SENTRA})",
    f"DELETE FROM sentra_sentra WHERE id IN ({SYN_SENTRA})",
]


def national_clear(*, log=lambda message: None):
    """Remove every synthetic row (and nothing else); returns the number of rows deleted."""
    deleted = 0
    with transaction.atomic(), connection.cursor() as cursor:
        for statement in CLEAR_STATEMENTS:
            cursor.execute(statement, {"mark": SYNTHETIC_MARK + "%"})
            deleted += max(cursor.rowcount, 0)
    log(f"  {deleted} baris sintetis dihapus")
    return deleted
