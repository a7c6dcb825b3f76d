from django.utils.translation import gettext as _, gettext_lazy

from ikm.models import YearlyFigure
from ikm.selectors import yearly_figure_list

from .. import values
from .base import Column, ImportKind, chunks, next_year
from .references import load_sentra, load_units, sentra_by_code, unit_by_nib

MONEY_MAX = 10**15
COUNT = values.integer(0, 10_000_000)


class YearlyFigureKind(ImportKind):
    code = "kinerja"
    label = gettext_lazy("Kinerja tahunan")
    model = YearlyFigure
    key_help = gettext_lazy("Tahun + Kode Sentra (kinerja sentra) atau Tahun + NIB (kinerja unit IKM); isi salah satu.")
    columns = [
        Column("Tahun", values.integer(2010, next_year), field="year", required=True, example=2023, aliases=("tahun data", "thn")),
        Column("Kode Sentra", values.text(32), help=gettext_lazy("Untuk kinerja sentra."), example="SNT-ALOR-001", aliases=("sentra",)),
        Column("NIB", values.nib, help=gettext_lazy("Untuk kinerja unit IKM (kosongkan Kode Sentra)."), aliases=("no nib", "nomor nib")),
        Column("Jumlah Unit Usaha", COUNT, field="unit_count", example=12, aliases=("jumlah unit", "jumlah ikm", "jml unit usaha", "unit usaha")),
        Column("Tenaga Kerja Laki-laki", COUNT, field="workers_male", example=10, aliases=("tenaga kerja l", "tk l", "laki laki")),
        Column("Tenaga Kerja Perempuan", COUNT, field="workers_female", example=20, aliases=("tenaga kerja p", "tk p", "perempuan")),
        Column("Tenaga Kerja Total", COUNT, field="workers_total", help=gettext_lazy("Dihitung otomatis jika laki-laki dan perempuan diisi."), example=30,
               aliases=("jumlah tenaga kerja", "jml tk", "tenaga kerja", "tk", "total tenaga kerja")),
        Column("Volume Produksi", values.decimal(2, 0, 10**13), field="production_volume", example=18, aliases=("volume", "produksi", "jumlah produksi")),
        Column("Satuan Volume", values.text(30), field="volume_unit", example="ton", aliases=("satuan", "satuan produksi")),
        Column("Nilai Produksi (Rp)", values.money(MONEY_MAX), field="production_value"),
        Column("Omzet (Rp)", values.money(MONEY_MAX), field="sales"),
        Column("Investasi (Rp)", values.money(MONEY_MAX), field="investment"),
        Column("Sumber Data", values.text(200), field="source"),
    ]

    def prepare(self, rows):
        self.sentra = load_sentra(rows, scope=self.scope)
        self.units = load_units(rows, scope=self.scope)

    def resolve(self, row):
        row.data = self.direct_data(row)
        code, nib, year = row.cells.get("Kode Sentra"), row.cells.get("NIB"), row.cells.get("Tahun")
        if (code is None) == (nib is None):
            row.errors.append(_("Isi salah satu: Kode Sentra (kinerja sentra) atau NIB (kinerja unit IKM), tidak keduanya."))
            return
        subject = sentra_by_code(self.sentra, code) if code else unit_by_nib(self.units, nib)
        if code:
            row.data["sentra_id"] = subject.pk
        else:
            row.data["ikm_id"] = subject.pk
        row.data["region_id"] = subject.desa_id
        male, female = row.data.get("workers_male"), row.data.get("workers_female")
        if male is not None and female is not None and row.data.get("workers_total") is None:
            row.data["workers_total"] = male + female
        if year:
            row.key = ("sentra" if code else "ikm", subject.pk, year)
            row.key_label = f"{code or nib} / {year}"

    def load_existing(self, keys, *, lock):
        found = {}
        for kind, field in (("sentra", "sentra_id"), ("ikm", "ikm_id")):
            for chunk in chunks({key[1] for key in keys if key[0] == kind}):
                queryset = YearlyFigure.objects.filter(**{f"{field}__in": chunk})
                for figure in queryset.select_for_update() if lock else queryset:
                    found[(kind, getattr(figure, field), figure.year)] = figure
        return found

    def check(self, figure, row):
        parts = (figure.workers_male, figure.workers_female, figure.workers_total)
        if None not in parts and parts[0] + parts[1] != parts[2]:
            return [_("Tenaga kerja total (%(total)s) tidak sama dengan laki-laki + perempuan (%(sum)s).") % {"total": parts[2], "sum": parts[0] + parts[1]}]
        return []

    def region_of(self, figure):
        return figure.region_id

    def export_queryset(self, user):
        return yearly_figure_list(user=user).order_by("-year", "id")

    def export_cells(self, figure):
        return [
            figure.year, figure.sentra.code if figure.sentra else None, figure.ikm.nib if figure.ikm else None, figure.unit_count,
            figure.workers_male, figure.workers_female, figure.workers_total, figure.production_volume, figure.volume_unit,
            figure.production_value, figure.sales, figure.investment, figure.source,
        ]
