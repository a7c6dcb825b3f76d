"""Loading the Kemendagri region list (data/wilayah, MIT licence, see LICENSE.cahyadsn-wilayah)."""

import csv
from dataclasses import dataclass
from pathlib import Path

from django.conf import settings
from django.db import transaction

from .models import Region

WILAYAH_DIR = Path(settings.BASE_DIR) / "data" / "wilayah"

# file, level, column holding the parent code, fixed kind or None to read the "jenis" column
SOURCES = [
    ("provinsi.csv", 1, None, "provinsi"),
    ("kabupaten_kota.csv", 2, "kode_provinsi", None),
    ("kecamatan.csv", 3, "kode_kabupaten_kota", "kecamatan"),
    ("desa_kelurahan.csv", 4, "kode_kecamatan", None),
]


@dataclass
class RegionLoadResult:
    created: int = 0
    updated: int = 0
    unchanged: int = 0

    @property
    def total(self):
        return self.created + self.updated + self.unchanged


def _read_rows(directory):
    for filename, level, parent_column, kind in SOURCES:
        with open(directory / filename, newline="", encoding="utf-8") as handle:
            for row in csv.DictReader(handle):
                yield Region(
                    code=row["kode"].strip(),
                    name=row["nama"].strip(),
                    level=level,
                    kind=kind or row["jenis"].strip(),
                    parent_id=row[parent_column].strip() if parent_column else None,
                )


def regions_load(*, directory=WILAYAH_DIR, batch_size=5000):
    """Create missing regions and correct changed ones; running it again changes nothing."""
    result = RegionLoadResult()
    existing = {code: (name, level, kind, parent) for code, name, level, kind, parent in Region.objects.values_list("code", "name", "level", "kind", "parent_id")}
    to_create, to_update = [], []
    for region in _read_rows(Path(directory)):
        stored = existing.get(region.code)
        if stored is None:
            to_create.append(region)
        elif stored != (region.name, region.level, region.kind, region.parent_id):
            to_update.append(region)
        else:
            result.unchanged += 1
    with transaction.atomic():
        # Rows come province first, so every parent exists before its children are inserted.
        Region.objects.bulk_create(to_create, batch_size=batch_size)
        Region.objects.bulk_update(to_update, ["name", "level", "kind", "parent"], batch_size=batch_size)
    result.created, result.updated = len(to_create), len(to_update)
    return result
