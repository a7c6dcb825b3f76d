from django.utils.translation import gettext as _, gettext_lazy

from accounts.scope import region_q
from funding.models import FIRST_FISCAL_YEAR, DakActivity, DakAllocation, DakMenu
from funding.selectors import dak_activity_list, dak_allocation_list

from .. import values
from ..values import CellError
from .base import AMBIGUOUS, Column, ImportKind, chunks, next_year, normalize, region_columns
from .references import load_sentra, sentra_by_code

MONEY_MAX = 10**14


class DakAllocationKind(ImportKind):
    code = "dak"
    label = gettext_lazy("Alokasi DAK")
    model = DakAllocation
    key_label_name = gettext_lazy("Alokasi")
    key_help = gettext_lazy("Tahun Anggaran + Kabupaten/Kota: satu alokasi per kabupaten/kota per tahun.")
    columns = [
        Column("Tahun Anggaran", values.integer(FIRST_FISCAL_YEAR, next_year), field="fiscal_year", required=True, example=2023,
               aliases=("tahun", "ta", "tahun dak")),
        *region_columns(upto=2),
        Column("Pagu (Rp)", values.money(MONEY_MAX), field="pagu", required=True, example=2_500_000_000,
               aliases=("pagu", "pagu dak", "alokasi", "nilai alokasi", "pagu rp")),
        Column("Realisasi (Rp)", values.money(MONEY_MAX), field="realisation", example=2_211_500_000,
               aliases=("realisasi", "realisasi rp", "nilai realisasi", "serapan")),
        Column("Catatan", values.text(5000, multiline=True), field="notes", aliases=("keterangan", "ket")),
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
            row.key_label = f"{row.cells['Tahun Anggaran']} / {self.regions.short(kabupaten)}"

    def load_existing(self, keys, *, lock):
        found = {}
        for chunk in chunks({key[1] for key in keys}):
            queryset = DakAllocation.objects.filter(kabupaten_kota_id__in=chunk)
            for allocation in queryset.select_for_update() if lock else queryset:
                found[(allocation.fiscal_year, allocation.kabupaten_kota_id)] = allocation
        return found

    def check(self, allocation, row):
        if allocation.realisation > allocation.pagu:
            return [_("Realisasi (%(real)s) melebihi pagu (%(pagu)s).") % {
                "real": values.show_number(allocation.realisation), "pagu": values.show_number(allocation.pagu)}]
        return []

    def region_of(self, allocation):
        return allocation.kabupaten_kota_id

    def export_queryset(self, user):
        return dak_allocation_list(user=user).order_by("-fiscal_year", "kabupaten_kota_id")

    def export_cells(self, allocation):
        names = self.region_cells(allocation.kabupaten_kota_id)
        return [allocation.fiscal_year, names[0], names[1], allocation.kabupaten_kota_id, allocation.pagu, allocation.realisation, allocation.notes]


class DakActivityKind(ImportKind):
    code = "kegiatan-dak"
    label = gettext_lazy("Kegiatan DAK")
    model = DakActivity
    key_label_name = gettext_lazy("Kegiatan")
    key_help = gettext_lazy(
        "Tahun Anggaran + Kabupaten/Kota + Menu Kegiatan + Uraian Kegiatan; alokasi DAK tahun itu harus sudah ada."
    )
    columns = [
        Column("Tahun Anggaran", values.integer(FIRST_FISCAL_YEAR, next_year), required=True, example=2023, aliases=("tahun", "ta")),
        *region_columns(upto=2),
        Column("Menu Kegiatan", values.text(160), required=True, help=gettext_lazy("Nama atau kode menu kegiatan DAK."),
               example="Rumah produksi bersama", aliases=("menu", "jenis kegiatan", "menu dak", "kegiatan")),
        Column("Uraian Kegiatan", values.text(300), field="description", required=True, example="Pembangunan rumah produksi tenun",
               aliases=("uraian", "nama kegiatan", "rincian kegiatan", "keterangan kegiatan")),
        Column("Kode Sentra", values.text(32), help=gettext_lazy("Sentra yang dibiayai (di kabupaten/kota yang sama)."), aliases=("sentra",)),
        Column("Pagu (Rp)", values.money(MONEY_MAX), field="pagu", required=True, example=750_000_000,
               aliases=("pagu", "pagu kegiatan", "nilai", "anggaran")),
        Column("Realisasi (Rp)", values.money(MONEY_MAX), field="realisation", example=700_000_000,
               aliases=("realisasi", "realisasi rp", "nilai realisasi", "serapan")),
    ]

    def prepare(self, rows):
        from ..resolvers import NamedLookup

        self.menu = NamedLookup(DakMenu.objects.all(), _("Menu kegiatan DAK"), chosen=self.chosen_values.get("Menu Kegiatan"), column="Menu Kegiatan")
        self.sentra = load_sentra(rows, scope=self.scope)
        self.allocations = {}
        self.allocations_by_id = {}
        years = {row.cells.get("Tahun Anggaran") for row in rows if row.cells.get("Tahun Anggaran")}
        queryset = DakAllocation.objects.filter(fiscal_year__in=years)
        if self.scope:
            queryset = queryset.filter(region_q(self.scope, "kabupaten_kota"))
        for allocation in queryset:
            self.allocations[(allocation.fiscal_year, allocation.kabupaten_kota_id)] = allocation
            self.allocations_by_id[allocation.pk] = allocation

    def resolve(self, row):
        row.data = self.direct_data(row)
        year = row.cells.get("Tahun Anggaran")
        kabupaten = self.resolve_region(row, level=2)
        if kabupaten is None and len(self.scope) == 5:
            kabupaten = self.scope  # a kabupaten/kota office imports its own activities
        menu = self.menu.resolve(row.cells.get("Menu Kegiatan"))
        if menu is not None:
            row.data["menu_id"] = menu
        if row.cells.get("Kode Sentra"):
            row.data["sentra_id"] = sentra_by_code(self.sentra, row.cells["Kode Sentra"]).pk
        if kabupaten is None:
            raise CellError(_("Kabupaten/Kota wajib diisi (nama atau kode)"), column="Kabupaten/Kota")
        if year is None:
            return
        allocation = self.allocations.get((year, kabupaten))
        if allocation is None:
            raise CellError(
                _("Alokasi DAK %(year)s untuk %(region)s belum ada di registri; impor atau isi alokasinya dulu (jenis data Alokasi DAK).")
                % {"year": year, "region": self.regions.short(kabupaten)}
            )
        row.data["allocation_id"] = allocation.pk
        description = row.cells.get("Uraian Kegiatan")
        if menu is not None and description:
            row.key = (allocation.pk, menu, normalize(description))
            row.key_label = f"{year} / {description}"

    def natural_key(self, activity):
        return (activity.allocation_id, activity.menu_id, normalize(activity.description))

    def load_existing(self, keys, *, lock):
        found = {}
        for chunk in chunks({key[0] for key in keys}):
            queryset = DakActivity.objects.filter(allocation_id__in=chunk)
            for activity in queryset.select_for_update() if lock else queryset:
                key = self.natural_key(activity)
                found[key] = AMBIGUOUS if key in found else activity
        return found

    def _allocation(self, allocation_id):
        if allocation_id not in self.allocations_by_id:
            self.allocations_by_id[allocation_id] = DakAllocation.objects.get(pk=allocation_id)
        return self.allocations_by_id[allocation_id]

    def region_of(self, activity):
        return self._allocation(activity.allocation_id).kabupaten_kota_id

    def attach_relations(self, activity):
        activity.allocation = self._allocation(activity.allocation_id)

    def check(self, activity, row):
        reasons = []
        if activity.realisation > activity.pagu:
            reasons.append(_("Realisasi (%(real)s) melebihi pagu (%(pagu)s).") % {
                "real": values.show_number(activity.realisation), "pagu": values.show_number(activity.pagu)})
        if activity.sentra_id:
            sentra = next((s for s in self.sentra.values() if s.pk == activity.sentra_id), None)
            kabupaten = self.region_of(activity)
            if sentra is not None and sentra.desa_id[:5] != kabupaten:
                reasons.append(_("Sentra %(code)s berada di %(sentra_region)s, bukan di %(region)s penerima alokasi ini.") % {
                    "code": sentra.code, "sentra_region": self.regions.short(sentra.desa_id[:5]), "region": self.regions.short(kabupaten)})
        return reasons

    def export_queryset(self, user):
        return dak_activity_list(user=user).order_by("-allocation__fiscal_year", "allocation__kabupaten_kota_id", "id")

    def export_cells(self, activity):
        kabupaten = activity.allocation.kabupaten_kota_id
        names = self.region_cells(kabupaten)
        return [
            activity.allocation.fiscal_year, names[0], names[1], kabupaten, activity.menu.name, activity.description,
            activity.sentra.code if activity.sentra else None, activity.pagu, activity.realisation,
        ]
