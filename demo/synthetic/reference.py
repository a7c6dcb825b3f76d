"""What the generator needs from the reference tables, read once into numpy arrays."""

from dataclasses import dataclass

import numpy as np

from commodities.models import Commodity
from facilities.models import EquipmentType
from funding.models import DakMenu
from regions.models import Region

from .vocab import GROUP_WEIGHT, KOTA_DENSITY, PROVINCE_DENSITY


class MissingReferenceData(Exception):
    pass


@dataclass
class Reference:
    kab_codes: list  # kabupaten/kota codes with at least one desa
    kab_names: list
    kab_weight: np.ndarray  # probability of each kabupaten/kota
    desa_codes: list  # all desa, grouped by kabupaten/kota
    desa_names: list
    kab_desa_start: np.ndarray
    kab_desa_count: np.ndarray
    commodity_ids: np.ndarray
    commodity_names: list
    commodity_groups: list
    commodity_weight: np.ndarray
    equipment_ids_by_code: dict
    menu_ids_by_code: dict
    menu_names_by_code: dict


def load_reference():
    kabupaten = list(Region.objects.filter(level=Region.Level.KABUPATEN_KOTA).order_by("code").values_list("code", "name", "kind"))
    desa = list(Region.objects.filter(level=Region.Level.DESA_KELURAHAN).order_by("code").values_list("code", "name"))
    commodities = list(Commodity.objects.order_by("code").values_list("id", "name", "group__code", "is_priority"))
    if not kabupaten or not desa:
        raise MissingReferenceData("Wilayah belum dimuat: jalankan `manage.py load_regions` lebih dahulu.")
    if not commodities:
        raise MissingReferenceData("Komoditas belum dimuat: jalankan `manage.py load_reference` lebih dahulu.")

    desa_by_kab = {}
    for code, name in desa:
        desa_by_kab.setdefault(code[:5], []).append((code, name))
    kab_codes, kab_names, weights, desa_codes, desa_names, starts, counts = [], [], [], [], [], [], []
    for code, name, kind in kabupaten:
        villages = desa_by_kab.get(code)
        if not villages:
            continue
        kab_codes.append(code)
        kab_names.append(name)
        starts.append(len(desa_codes))
        counts.append(len(villages))
        desa_codes.extend(v[0] for v in villages)
        desa_names.extend(v[1] for v in villages)
        # More desa means more people and workshops, but not proportionally (remote kabupaten have many tiny desa).
        weight = len(villages) ** 0.7 * PROVINCE_DENSITY.get(code[:2], 1.0)
        weights.append(weight * (KOTA_DENSITY if kind == Region.Kind.KOTA else 1.0))
    kab_weight = np.array(weights)

    group_size = {}
    for _id, _name, group, _priority in commodities:
        group_size[group] = group_size.get(group, 0) + 1
    commodity_weight = np.array(
        [GROUP_WEIGHT.get(group, 3) / group_size[group] * (1.8 if priority else 1.0) for _id, _n, group, priority in commodities]
    )
    return Reference(
        kab_codes=kab_codes,
        kab_names=kab_names,
        kab_weight=kab_weight / kab_weight.sum(),
        desa_codes=desa_codes,
        desa_names=desa_names,
        kab_desa_start=np.array(starts),
        kab_desa_count=np.array(counts),
        commodity_ids=np.array([c[0] for c in commodities]),
        commodity_names=[c[1] for c in commodities],
        commodity_groups=[c[2] for c in commodities],
        commodity_weight=commodity_weight / commodity_weight.sum(),
        equipment_ids_by_code=dict(EquipmentType.objects.values_list("code", "id")),
        menu_ids_by_code=dict(DakMenu.objects.values_list("code", "id")),
        menu_names_by_code=dict(DakMenu.objects.values_list("code", "name")),
    )
