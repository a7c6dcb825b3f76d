from django.utils.translation import gettext as _, gettext_lazy

from funding.models import FIRST_FISCAL_YEAR, DakAllocation
from funding.selectors import dak_allocation_list

from .. import values
from .base import Column, ImportKind, chunks, next_year, region_columns

MONEY_MAX = 10**14


class DakAllocationKind(ImportKind):
    code = "dak"
    label = gettext_lazy("Alokasi DAK")
    model = DakAllocation
    key_help = gettext_lazy("Tahun Anggaran + Kabupaten/Kota: satu alokasi per kabupaten/kota per tahun.")
    columns = [
        Column("Tahun Anggaran", values.integer(FIRST_FISCAL_YEAR, next_year), field="fiscal_year", required=True, example=2023),
        *region_columns(upto=2),
        Column("Pagu (Rp)", values.integer(0, MONEY_MAX), field="pagu", required=True, example=2_500_000_000),
        Column("Realisasi (Rp)", values.integer(0, MONEY_MAX), field="realisation", example=2_211_500_000),
        Column("Catatan", values.text(5000), field="notes"),
    ]

    def resolve(self, row):
        row.data = self.direct_data(row)
        kabupaten = self.resolve_region(row, level=2)
        if kabupaten is None:
            row.errors.append(_("Kabupaten/Kota wajib diisi (nama atau kode)"))
            return
        row.data["kabupaten_kota_id"] = kabupaten
        if row.cells.get("Tahun Anggaran"):
            row.key = (row.cells["Tahun Anggaran"], kabupaten)
            row.key_label = f"{row.cells['Tahun Anggaran']} / {kabupaten}"

    def load_existing(self, keys, *, lock):
        found = {}
        for chunk in chunks({key[1] for key in keys}):
            queryset = DakAllocation.objects.filter(kabupaten_kota_id__in=chunk)
            for allocation in queryset.select_for_update() if lock else queryset:
                found[(allocation.fiscal_year, allocation.kabupaten_kota_id)] = allocation
        return found

    def check(self, allocation, row):
        if allocation.realisation > allocation.pagu:
            return [_("Realisasi (%(real)s) melebihi pagu (%(pagu)s).") % {"real": allocation.realisation, "pagu": allocation.pagu}]
        return []

    def region_of(self, allocation):
        return allocation.kabupaten_kota_id

    def export_queryset(self, user):
        return dak_allocation_list(user=user).order_by("-fiscal_year", "kabupaten_kota_id")

    def export_cells(self, allocation):
        names = self.region_cells(allocation.kabupaten_kota_id)
        return [allocation.fiscal_year, names[0], names[1], allocation.kabupaten_kota_id, allocation.pagu, allocation.realisation, allocation.notes]
