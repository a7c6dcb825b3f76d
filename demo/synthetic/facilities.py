"""Synthetic production rooms and machines.

Rooms respect the database trigger: an occupied or active room's occupant is a current member of the room's
sentra (members are consecutive ids starting at SentraSet.member_first), and no unit occupies two rooms.
"""

import numpy as np

from .randomness import choice_codes, timestamps
from .registry import TRACKED
from .vocab import EQUIPMENT_BY_GROUP


def write_rooms(*, rng, writer, sentra):
    """Returns {sentra index: [room ids]}."""
    n = len(sentra.ids)
    # Government-built sentra almost always have a shared facility; self-grown ones seldom do.
    has_facility = rng.random(n) < np.where(sentra.built_by_government, 0.85, 0.25)
    room_counts = np.where(has_facility, rng.integers(2, 25, size=n), 0)
    total = int(room_counts.sum())
    first = writer.reserve_ids("facilities_room", total)
    states = choice_codes(rng, {"kosong": 25, "terisi": 50, "aktif": 25}, total).tolist()
    areas = np.round(rng.uniform(12, 60, size=total), 2).tolist()
    created = timestamps(rng, total, "2021-01-01", "2023-01-01", writer.timestamp_suffix)
    updated = timestamps(rng, total, "2023-01-02", "2026-11-01", writer.timestamp_suffix)
    rooms_by_sentra = {}
    rows = []
    room_id = first
    position = 0
    for s in np.flatnonzero(room_counts).tolist():
        occupants_used = 0
        for number in range(1, int(room_counts[s]) + 1):
            state = states[position]
            occupant = None
            if state != "kosong" and occupants_used < sentra.member_count[s]:
                occupant = int(sentra.member_first[s]) + occupants_used
                occupants_used += 1
            elif state != "kosong":
                state = "kosong"  # more rooms than members: the rest stand empty
            rows.append((room_id, created[position], updated[position], 1, int(sentra.ids[s]), f"Ruang {number:02d}",
                         state, occupant, f"{areas[position]:.2f}", ""))
            rooms_by_sentra.setdefault(s, []).append(room_id)
            room_id += 1
            position += 1
    writer.write("facilities_room", ["id", *TRACKED, "sentra_id", "name", "state", "occupant_id", "area_m2", "notes"], rows)
    return rooms_by_sentra


def write_machines(*, rng, writer, ref, sentra, rooms_by_sentra):
    """Returns {sentra index: [machine ids]}."""
    all_equipment = sorted(ref.equipment_ids_by_code.values())
    if not all_equipment:
        return {}
    n = len(sentra.ids)
    counts = np.where(
        [s in rooms_by_sentra for s in range(n)], rng.integers(1, 7, size=n), np.where(rng.random(n) < 0.2, rng.integers(1, 3, size=n), 0)
    )
    total = int(counts.sum())
    first = writer.reserve_ids("facilities_machine", total)
    conditions = choice_codes(rng, {"baik": 60, "rusak_ringan": 20, "rusak_berat": 8, "tidak_digunakan": 12}, total).tolist()
    sources_government = choice_codes(rng, {"dak": 60, "apbn": 20, "apbd": 20}, total).tolist()
    sources_other = choice_codes(rng, {"swadaya": 50, "apbd": 20, "hibah": 15, "dak": 10, "lainnya": 5}, total).tolist()
    years = rng.integers(2005, 2026, size=total).tolist()
    quantities = rng.integers(1, 21, size=total).tolist()
    picks = rng.integers(0, 1_000_000, size=total).tolist()
    created = timestamps(rng, total, "2021-01-01", "2023-01-01", writer.timestamp_suffix)
    updated = timestamps(rng, total, "2023-01-02", "2026-11-01", writer.timestamp_suffix)
    machines_by_sentra = {}
    rows = []
    position = 0
    for s in np.flatnonzero(counts).tolist():
        group = ref.commodity_groups[sentra.primary[s]]
        codes = [c for c in EQUIPMENT_BY_GROUP.get(group, []) if c in ref.equipment_ids_by_code]
        choices = [ref.equipment_ids_by_code[c] for c in codes] or all_equipment
        rooms = rooms_by_sentra.get(s, [])
        for _ in range(int(counts[s])):
            machine_id = first + position
            room = rooms[picks[position] % len(rooms)] if rooms else None
            source = sources_government[position] if sentra.built_by_government[s] else sources_other[position]
            rows.append((machine_id, created[position], updated[position], 1, int(sentra.ids[s]), room,
                         choices[picks[position] % len(choices)], "", quantities[position], conditions[position],
                         years[position], source))
            machines_by_sentra.setdefault(s, []).append(machine_id)
            position += 1
    writer.write(
        "facilities_machine",
        ["id", *TRACKED, "sentra_id", "room_id", "equipment_type_id", "description", "quantity", "condition",
         "year_acquired", "funding_source"],
        rows,
    )
    return machines_by_sentra
