"""Synthetic DAK Fisik Bidang IKM allocations 2016-2025 with their activities, and yearly figures of sentra."""

import numpy as np

from funding.models import DakAllocation

from . import vocab
from .randomness import timestamps
from .registry import TRACKED

SENTRA_MENUS = ["pembangunan-sentra", "revitalisasi-sentra", "rumah-produksi-bersama", "rumah-kemasan",
                "mesin-peralatan", "bahan-baku", "ipal", "sarana-pendukung"]
ROOM_MENUS = {"pembangunan-sentra", "revitalisasi-sentra", "rumah-produksi-bersama"}
MACHINE_MENUS = {"mesin-peralatan"}


def _thousands(value):
    return int(value) // 1000 * 1000


def write_dak(*, rng, writer, ref, sentra, rooms_by_sentra, machines_by_sentra):
    menus = [code for code in ref.menu_ids_by_code if code != "promosi"] or list(ref.menu_ids_by_code)
    if not menus:
        return
    taken = set(DakAllocation.objects.values_list("fiscal_year", "kabupaten_kota_id"))
    sentra_by_kab = {}
    for s, kab in enumerate(sentra.kab.tolist()):
        sentra_by_kab.setdefault(kab, []).append(s)
    # Districts with more sentra are likelier recipients, as DAK IKM goes to where sentra are.
    kab_weight = np.array([len(sentra_by_kab.get(k, [])) + 0.2 for k in range(len(ref.kab_codes))])
    kab_weight /= kab_weight.sum()
    scale = min(1.0, len(sentra.ids) / 11_000) if len(sentra.ids) else 0.0

    allocations, activities, room_links, machine_links = [], [], [], []
    allocation_id = writer.reserve_ids("funding_dakallocation", 0)
    activity_id = writer.reserve_ids("funding_dakactivity", 0)
    for year, (recipients, national_pagu) in vocab.DAK_SERIES.items():
        n = max(1, min(round(recipients * max(scale, 0.02)), len(ref.kab_codes)))
        chosen = rng.choice(len(ref.kab_codes), size=n, replace=False, p=kab_weight)
        shares = rng.dirichlet(np.full(n, 4.0))
        for kab, share in zip(chosen.tolist(), shares.tolist()):
            if (year, ref.kab_codes[kab]) in taken:
                continue
            pagu_total = _thousands(national_pagu * scale * share) or 100_000_000
            parts = rng.dirichlet(np.full(int(rng.integers(1, 5)), 2.0))
            pagus = [_thousands(pagu_total * p) for p in parts[:-1]]
            pagus.append(pagu_total - sum(pagus))
            # Later years are still being spent; absorption centres on the published 88.46%.
            mean = vocab.DAK_ABSORPTION_MEAN if year < 2025 else 0.55
            realisations = [_thousands(p * float(np.clip(rng.normal(mean, 0.1), 0.3, 1.0))) for p in pagus]
            created, updated = timestamps(rng, 2, f"{year}-01-01", f"{year}-12-31", writer.timestamp_suffix)
            allocations.append((allocation_id, created, updated, 1, year, ref.kab_codes[kab], pagu_total,
                                sum(realisations), f"{vocab.SYNTHETIC_MARK}generate_national"))
            local_sentra = sentra_by_kab.get(kab, [])
            for pagu, realisation in zip(pagus, realisations):
                menu = menus[int(rng.integers(0, len(menus)))]
                s = local_sentra[int(rng.integers(0, len(local_sentra)))] if local_sentra and menu in SENTRA_MENUS else None
                target = sentra.names[s] if s is not None else ref.kab_names[kab]
                activities.append((activity_id, created, updated, 1, allocation_id, ref.menu_ids_by_code[menu],
                                   int(sentra.ids[s]) if s is not None else None,
                                   f"{ref.menu_names_by_code[menu]} - {target}"[:300], pagu, realisation))
                if s is not None and menu in ROOM_MENUS:
                    room_links.extend((activity_id, room) for room in rooms_by_sentra.get(s, [])[:6])
                if s is not None and menu in MACHINE_MENUS:
                    machine_links.extend((activity_id, machine) for machine in machines_by_sentra.get(s, [])[:4])
                activity_id += 1
            allocation_id += 1
    writer.reserve_ids("funding_dakallocation", len(allocations))
    writer.reserve_ids("funding_dakactivity", len(activities))
    writer.write("funding_dakallocation",
                 ["id", *TRACKED, "fiscal_year", "kabupaten_kota_id", "pagu", "realisation", "notes"], allocations)
    writer.write("funding_dakactivity",
                 ["id", *TRACKED, "allocation_id", "menu_id", "sentra_id", "description", "pagu", "realisation"], activities)
    for table, column, links in (("funding_dakactivity_rooms", "room_id", room_links),
                                 ("funding_dakactivity_machines", "machine_id", machine_links)):
        first = writer.reserve_ids(table, len(links))
        writer.write(table, ["id", "dakactivity_id", column], ((first + i, a, b) for i, (a, b) in enumerate(links)))


def write_sentra_figures(*, rng, writer, ref, sentra):
    """Kinerja tahunan of six in ten sentra, from 2016 (or founding) to 2025, growing a little each year."""
    reporting = np.flatnonzero(rng.random(len(sentra.ids)) < 0.6)
    rows = []
    growth = rng.normal(1.04, 0.08, size=(len(reporting), 10))
    for k, s in enumerate(reporting.tolist()):
        units = max(int(sentra.member_count[s]), 1)
        workers = units * int(rng.integers(2, 6))
        value = units * int(rng.integers(40, 400)) * 1_000_000
        unit_label = "kg" if ref.commodity_groups[sentra.primary[s]] == "pangan" else "buah"
        for step, year in enumerate(range(max(2016, int(sentra.founding_year[s])), 2026)):
            factor = float(np.prod(growth[k, : step + 1]))
            total = max(int(workers * factor), 1)
            female = total * 55 // 100
            rows.append([year, int(sentra.ids[s]), ref.desa_codes[sentra.desa[s]], max(int(units * factor), 1),
                         total - female, female, total, f"{units * 1500 * factor:.2f}", unit_label,
                         _thousands(value * factor), _thousands(value * factor * 0.9), _thousands(value * 0.4)])
    first = writer.reserve_ids("ikm_yearlyfigure", len(rows))
    created = timestamps(rng, len(rows), "2021-01-01", "2023-01-01", writer.timestamp_suffix)
    updated = timestamps(rng, len(rows), "2023-01-02", "2026-11-01", writer.timestamp_suffix)
    writer.write(
        "ikm_yearlyfigure",
        ["id", *TRACKED, "year", "sentra_id", "region_id", "unit_count", "workers_male", "workers_female", "workers_total",
         "production_volume", "volume_unit", "production_value", "sales", "investment", "source"],
        ((first + i, created[i], updated[i], 1, *row, f"{vocab.SYNTHETIC_MARK}generate_national") for i, row in enumerate(rows)),
    )
