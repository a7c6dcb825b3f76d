from django.utils.translation import gettext_lazy

from core.lookups import ANY_OF_CHUNK
from ikm.models import IkmUnit, ProductionPlace
from ikm.selectors import ikm_list

from .. import values
from ..resolvers import commodity_lookup
from .base import AMBIGUOUS, Column, ImportKind, chunks, choice_column, normalize, region_columns

MONEY_MAX = 10**15  # Rp1.000 triliun: far above any IKM, low enough to catch a pasted account number


class IkmKind(ImportKind):
    code = "ikm"
    label = gettext_lazy("Unit IKM")
    model = IkmUnit
    key_help = gettext_lazy(
        "NIB: baris dengan NIB yang sudah ada mengubah unit itu. Tanpa NIB, unit dicocokkan dengan nama usaha di desa yang sama."
    )
    columns = [
        Column("NIB", values.nib, field="nib", help=gettext_lazy("Nomor Induk Berusaha, 13 digit."), example="9120001234567"),
        Column("Nama Usaha", values.text(200), field="name", required=True, example="Tenun Ikat Ina"),
        Column("Nama Pemilik", values.text(200), field="owner_name"),
        *region_columns(),
        Column("Alamat", values.text(2000), field="address"),
        Column("Komoditas", values.text(120), required=True, help=gettext_lazy("Nama, kode, atau kode KBLI komoditas."), example="Tenun ikat"),
        Column("Produk", values.text(200), field="product"),
        Column("Tenaga Kerja Laki-laki", values.integer(0, 100_000), field="workers_male", example=2),
        Column("Tenaga Kerja Perempuan", values.integer(0, 100_000), field="workers_female", example=5),
        Column("Nilai Investasi (Rp)", values.integer(0, MONEY_MAX), field="investment", help=gettext_lazy("Tanpa tanah dan bangunan."), example=25_000_000),
        Column("Kapasitas Produksi per Tahun", values.decimal(2, 0, 10**11), field="production_capacity"),
        Column("Satuan Kapasitas", values.text(30), field="capacity_unit"),
        Column("Nilai Produksi per Tahun (Rp)", values.integer(0, MONEY_MAX), field="production_value"),
        Column("Omzet per Tahun (Rp)", values.integer(0, MONEY_MAX), field="sales"),
        choice_column("Tempat Produksi", "production_place", ProductionPlace.choices),
    ]

    def prepare(self, rows):
        self.commodities = commodity_lookup()

    def resolve(self, row):
        row.key_label = row.cells.get("NIB") or row.cells.get("Nama Usaha") or ""
        row.data = self.direct_data(row)
        desa = self.resolve_region(row)
        if desa is not None:
            row.data["desa_id"] = desa
        commodity = self.commodities.resolve(row.cells.get("Komoditas"))
        if commodity is not None:
            row.data["commodity_id"] = commodity
        nib, name = row.cells.get("NIB"), row.cells.get("Nama Usaha")
        if nib:
            row.key, row.key_label = ("nib", nib), nib
        elif name and desa:
            row.key, row.key_label = ("name", normalize(name), desa), f"{name} ({desa})"

    def load_existing(self, keys, *, lock):
        found = {}
        nibs = [key[1] for key in keys if key[0] == "nib"]
        desas = {key[2] for key in keys if key[0] == "name"}
        for chunk in chunks(nibs, ANY_OF_CHUNK):
            queryset = IkmUnit.all_objects.filter(nib__any_of=chunk)
            for unit in queryset.select_for_update() if lock else queryset:
                found[("nib", unit.nib)] = unit
        for chunk in chunks(desas, ANY_OF_CHUNK):
            queryset = IkmUnit.all_objects.filter(nib__isnull=True, desa_id__any_of=chunk)
            for unit in queryset.select_for_update() if lock else queryset:
                key = ("name", normalize(unit.name), unit.desa_id)
                # Two stored units with the same name in one desa cannot be told apart: refuse rather than guess.
                found[key] = AMBIGUOUS if key in found else unit
        return found

    def region_of(self, instance):
        return instance.desa_id

    def export_queryset(self, user):
        return ikm_list(user=user).select_related("commodity").order_by("name", "id")

    def export_cells(self, unit):
        return [
            unit.nib, unit.name, unit.owner_name, *self.region_cells(unit.desa_id), unit.desa_id, unit.address, unit.commodity.name,
            unit.product, unit.workers_male, unit.workers_female, unit.investment, unit.production_capacity, unit.capacity_unit,
            unit.production_value, unit.sales, unit.get_production_place_display(),
        ]
