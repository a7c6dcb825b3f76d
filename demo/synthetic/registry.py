"""Synthetic sentra, their commodities, IKM units, memberships and certifications."""

from dataclasses import dataclass

import numpy as np

from . import vocab
from .coordinates import sentra_points
from .randomness import choice_codes, dates, nullable, pick, spread, timestamps

TRACKED = ["created_at", "updated_at", "version"]
IKM_CHUNK = 100_000
MEMBER_SHARE = 0.45  # share of IKM units that belong to a sentra
PAST_MEMBER_SHARE = 0.03  # units outside any sentra today that once belonged to one


@dataclass
class SentraSet:
    ids: np.ndarray
    kab: np.ndarray  # index into Reference.kab_codes
    desa: np.ndarray  # index into Reference.desa_codes
    primary: np.ndarray  # index into Reference.commodity_ids
    founding_year: np.ndarray
    built_by_government: np.ndarray
    names: list
    member_first: np.ndarray  # id of the first IKM member; members are consecutive ids
    member_count: np.ndarray


def _stamps(rng, writer, n):
    created = timestamps(rng, n, "2021-01-01", "2023-01-01", writer.timestamp_suffix)
    updated = timestamps(rng, n, "2023-01-02", "2026-11-01", writer.timestamp_suffix)
    return created, updated


def write_sentra(*, rng, writer, ref, count):
    n_kab = len(ref.kab_codes)
    per_kab = spread(rng, count, ref.kab_weight, minimum=1)  # every kabupaten/kota has at least one when possible
    kab = np.repeat(np.arange(n_kab), per_kab)
    desa = ref.kab_desa_start[kab] + (rng.random(count) * ref.kab_desa_count[kab]).astype(np.int64)
    primary = rng.choice(len(ref.commodity_ids), size=count, p=ref.commodity_weight)
    founding = np.clip(2026 - rng.gamma(2.0, 9.0, size=count).astype(int), 1960, 2025)
    built = rng.random(count) < 0.25
    first_id = writer.reserve_ids("sentra_sentra", count)
    ids = np.arange(first_id, first_id + count)

    desa_names = [ref.desa_names[i] for i in desa.tolist()]
    commodity_names = [ref.commodity_names[i] for i in primary.tolist()]
    names = [f"Sentra {c} {d}"[:200] for c, d in zip(commodity_names, desa_names)]
    streets = pick(rng, vocab.STREETS, count)
    house = rng.integers(1, 200, size=count).tolist()
    status = choice_codes(rng, {"aktif": 65, "kurang_aktif": 20, "tidak_aktif": 10, "tutup": 5}, count).tolist()
    manager_type = choice_codes(rng, {"koperasi": 30, "upt": 10, "kelompok": 45, "dinas": 10, "lainnya": 5}, count).tolist()
    manager_word = pick(rng, vocab.BUSINESS_WORDS, count)
    has_sk = rng.random(count) < 0.6
    sk_date = dates(rng, count, "2005-01-01", "2025-12-31")
    verified = nullable(rng, timestamps(rng, count, "2024-01-01", "2026-11-01", writer.timestamp_suffix), 0.5)
    created, updated = _stamps(rng, writer, count)
    # Their own generator: adding coordinates leaves every other generated value as it was for a seed.
    points = sentra_points([ref.kab_codes[k] for k in kab.tolist()], seed=int(first_id))

    def rows():
        for i in range(count):
            government = bool(built[i])
            kab_name = ref.kab_names[kab[i]]
            yield (
                int(ids[i]), created[i], updated[i], 1, verified[i],
                f"{vocab.SYNTHETIC_MARK}{i + 1:06d}", names[i], ref.desa_codes[desa[i]],
                f"{streets[i]} No. {house[i]}, {desa_names[i]}", int(founding[i]),
                "dibangun_pemerintah" if government else "tumbuh_sendiri", manager_type[i],
                f"{vocab.MANAGER_NAMES[i % len(vocab.MANAGER_NAMES)]} {manager_word[i]}",
                f"Pemerintah {kab_name}" if government else "",
                f"{i + 1}/KPTS/{sk_date[i][:4]}" if has_sk[i] else "", sk_date[i] if has_sk[i] else None,
                status[i], "", points[i][0], points[i][1],
            )

    writer.write(
        "sentra_sentra",
        ["id", *TRACKED, "last_verified_at", "code", "name", "desa_id", "address", "founding_year", "origin",
         "manager_type", "manager_name", "asset_owner", "designation_number", "designation_date", "status", "notes",
         "latitude", "longitude"],
        rows(),
    )
    _write_sentra_commodities(rng=rng, writer=writer, ref=ref, ids=ids, primary=primary)
    return SentraSet(ids, kab, desa, primary, founding, built, names, None, None)


def _write_sentra_commodities(*, rng, writer, ref, ids, primary):
    n_comm = len(ref.commodity_ids)
    extra = rng.choice(3, size=len(ids), p=[0.6, 0.3, 0.1])
    offsets = rng.integers(1, max(n_comm - 1, 2), size=len(ids))
    rows = []
    for i, sentra_id in enumerate(ids.tolist()):
        rows.append((int(sentra_id), int(ref.commodity_ids[primary[i]]), True))
        for k in range(min(int(extra[i]), n_comm - 1)):
            other = (primary[i] + offsets[i] + k) % n_comm
            if other != primary[i]:
                rows.append((int(sentra_id), int(ref.commodity_ids[other]), False))
    first = writer.reserve_ids("sentra_sentracommodity", len(rows))
    writer.write(
        "sentra_sentracommodity",
        ["id", "sentra_id", "commodity_id", "is_primary"],
        ((first + i, *row) for i, row in enumerate(rows)),
    )


def write_ikm(*, rng, writer, ref, sentra, count):
    """IKM units: the first ones are sentra members (consecutive per sentra), the rest work on their own."""
    # PP 29/2018: a sentra has at least five units, so small runs put more of their units in sentra.
    members_total = min(count, max(int(count * MEMBER_SHARE), 5 * len(sentra.ids)))
    sizes = spread(rng, members_total, rng.lognormal(0, 0.8, size=len(sentra.ids)), minimum=5)
    first_id = writer.reserve_ids("ikm_ikmunit", count)
    sentra.member_first = first_id + np.concatenate([[0], np.cumsum(sizes)[:-1]]).astype(np.int64)
    sentra.member_count = sizes
    member_sentra = np.repeat(np.arange(len(sentra.ids)), sizes)

    columns = ["id", *TRACKED, "last_verified_at", "name", "owner_name", "nib", "desa_id", "address", "commodity_id",
               "product", "workers_male", "workers_female", "investment", "production_capacity", "capacity_unit",
               "production_value", "sales", "production_place"]
    unit_kab = np.zeros(count, dtype=np.int64)  # filled chunk by chunk: past memberships stay in the unit's kabupaten
    for start in range(0, count, IKM_CHUNK):
        size = min(IKM_CHUNK, count - start)
        writer.write("ikm_ikmunit", columns, _ikm_rows(rng, writer, ref, sentra, member_sentra, first_id, start, size, unit_kab))
    _write_memberships(
        rng=rng, writer=writer, sentra=sentra, member_sentra=member_sentra, first_id=first_id, count=count, unit_kab=unit_kab
    )
    _write_certifications(rng=rng, writer=writer, ref=ref, first_id=first_id, count=count)
    return first_id


def _ikm_rows(rng, writer, ref, sentra, member_sentra, first_id, start, size, unit_kab):
    positions = np.arange(start, start + size)
    is_member = positions < len(member_sentra)
    owner_sentra = member_sentra[np.minimum(positions, max(len(member_sentra) - 1, 0))] if len(member_sentra) else positions * 0
    # Members live in their sentra's desa (nine in ten) or elsewhere in the same kabupaten/kota.
    free_kab = rng.choice(len(ref.kab_codes), size=size, p=ref.kab_weight)
    kab = np.where(is_member, sentra.kab[owner_sentra] if len(member_sentra) else free_kab, free_kab)
    unit_kab[start : start + size] = kab
    random_desa = ref.kab_desa_start[kab] + (rng.random(size) * ref.kab_desa_count[kab]).astype(np.int64)
    same_desa = is_member & (rng.random(size) < 0.9)
    desa = np.where(same_desa, sentra.desa[owner_sentra] if len(member_sentra) else random_desa, random_desa)
    random_commodity = rng.choice(len(ref.commodity_ids), size=size, p=ref.commodity_weight)
    follows_sentra = is_member & (rng.random(size) < 0.85)
    commodity = np.where(follows_sentra, sentra.primary[owner_sentra] if len(member_sentra) else random_commodity, random_commodity)

    medium = rng.random(size) < 0.06
    workers = np.where(medium, rng.integers(20, 120, size=size), np.clip(1 + rng.geometric(0.3, size=size), 1, 19))
    female = rng.binomial(workers, rng.beta(2, 2, size=size))
    small_investment = np.minimum(rng.lognormal(np.log(30e6), 1.0, size=size), 990e6)
    medium_investment = np.exp(rng.uniform(np.log(1e9), np.log(14e9), size=size))
    investment = (np.where(medium, medium_investment, small_investment) // 1000 * 1000).astype(np.int64)
    production_value = (investment * rng.uniform(0.5, 3.0, size=size) // 1000 * 1000).astype(np.int64)
    sales = (production_value * rng.uniform(0.7, 1.1, size=size) // 1000 * 1000).astype(np.int64)
    capacity = np.round(rng.lognormal(np.log(2000), 1.0, size=size), 2)
    place_member = choice_codes(rng, {"sentra": 35, "rumah": 60, "lainnya": 5}, size)
    place_free = choice_codes(rng, {"rumah": 90, "lainnya": 10}, size)
    place = np.where(is_member, place_member, place_free).tolist()

    forms = pick(rng, vocab.BUSINESS_FORMS, size)
    word_a = pick(rng, vocab.BUSINESS_WORDS, size)
    word_b = pick(rng, vocab.BUSINESS_WORDS, size)
    first_names = pick(rng, vocab.FIRST_NAMES, size)
    last_names = pick(rng, vocab.LAST_NAMES, size)
    streets = pick(rng, vocab.STREETS, size)
    house = rng.integers(1, 300, size=size).tolist()
    has_nib = (rng.random(size) < 0.65).tolist()
    product_pick = rng.integers(0, 1_000_000, size=size).tolist()
    verified = nullable(rng, timestamps(rng, size, "2024-01-01", "2026-11-01", writer.timestamp_suffix), 0.4)
    created, updated = _stamps(rng, writer, size)
    desa, commodity, workers, female = desa.tolist(), commodity.tolist(), workers.tolist(), female.tolist()
    investment, production_value, sales, capacity = investment.tolist(), production_value.tolist(), sales.tolist(), capacity.tolist()

    for i in range(size):
        ikm_id = first_id + start + i
        group = ref.commodity_groups[commodity[i]]
        products = vocab.PRODUCTS.get(group, ["produk olahan"])
        yield (
            ikm_id, created[i], updated[i], 1, verified[i],
            f"{forms[i]} {word_a[i]} {word_b[i]}", f"{first_names[i]} {last_names[i]}",
            f"99{ikm_id:011d}" if has_nib[i] else None,  # "99" prefix: never a real NIB, unique by id
            ref.desa_codes[desa[i]],
            f"{vocab.SYNTHETIC_MARK}{ikm_id} {streets[i]} No. {house[i]}, {ref.desa_names[desa[i]]}",
            int(ref.commodity_ids[commodity[i]]), products[product_pick[i] % len(products)],
            workers[i] - female[i], female[i], investment[i], f"{capacity[i]:.2f}",
            vocab.CAPACITY_UNIT.get(group, "buah"), production_value[i], sales[i], place[i],
        )


def _write_memberships(*, rng, writer, sentra, member_sentra, first_id, count, unit_kab):
    n_members = len(member_sentra)
    n_past = min(int(count * PAST_MEMBER_SHARE), count - n_members) if len(sentra.ids) else 0
    # A past membership links a unit to a sentra of its own kabupaten/kota (core/links.py): units of a
    # kabupaten without any sentra have none.
    sentra_of_kab = {}
    for index, kab in enumerate(sentra.kab.tolist()):
        sentra_of_kab.setdefault(kab, []).append(index)
    past_units = [n_members + k for k in range(n_past) if int(unit_kab[n_members + k]) in sentra_of_kab]
    n_past = len(past_units)
    total = n_members + n_past
    first = writer.reserve_ids("ikm_sentramembership", total)
    founding = sentra.founding_year[member_sentra] if n_members else np.array([], dtype=int)
    join_year = np.maximum(founding, 2000) + (rng.random(n_members) * (2026 - np.maximum(founding, 2000))).astype(int)
    joined = [f"{y}-{m:02d}-{d:02d}" for y, m, d in zip(
        np.minimum(join_year, 2025).tolist(), rng.integers(1, 13, size=n_members).tolist(), rng.integers(1, 29, size=n_members).tolist()
    )]
    picks = rng.random(n_past)
    past_sentra = [
        sentra_of_kab[int(unit_kab[unit])][int(pick * len(sentra_of_kab[int(unit_kab[unit])]))] for unit, pick in zip(past_units, picks.tolist())
    ]
    past_joined = dates(rng, n_past, "2010-01-01", "2018-12-31")
    past_left = dates(rng, n_past, "2019-01-01", "2025-12-31")
    created, updated = _stamps(rng, writer, total)

    def rows():
        for i in range(n_members):
            yield (first + i, created[i], updated[i], 1, first_id + i, int(sentra.ids[member_sentra[i]]), joined[i], None)
        for k, unit in enumerate(past_units):
            i = n_members + k
            yield (first + i, created[i], updated[i], 1, first_id + unit, int(sentra.ids[past_sentra[k]]), past_joined[k], past_left[k])

    writer.write("ikm_sentramembership", ["id", *TRACKED, "ikm_id", "sentra_id", "joined_on", "left_on"], rows())


def _write_certifications(*, rng, writer, ref, first_id, count):
    """PIRT and halal certificates for a share of the units (numbers unique by unit id)."""
    holders = np.flatnonzero(rng.random(count) < 0.12)
    kinds = np.where(rng.random(len(holders)) < 0.6, "pirt", "halal").tolist()
    issued = dates(rng, len(holders), "2018-01-01", "2025-12-31")
    first = writer.reserve_ids("ikm_certification", len(holders))
    created, updated = _stamps(rng, writer, len(holders))

    def rows():
        for k, position in enumerate(holders.tolist()):
            ikm_id = first_id + position
            number = f"9{ikm_id:014d}" if kinds[k] == "pirt" else f"ID99{ikm_id:011d}"
            valid_until = f"{int(issued[k][:4]) + 5}{issued[k][4:]}".replace("-02-29", "-02-28")
            yield (first + k, created[k], updated[k], 1, ikm_id, kinds[k], number, issued[k], valid_until)

    writer.write("ikm_certification", ["id", *TRACKED, "ikm_id", "kind", "number", "issued_on", "valid_until"], rows())
