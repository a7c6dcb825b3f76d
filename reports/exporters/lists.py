"""Exports of the filtered lists, through the SAME FilterSets and scoped selectors as the list pages and API."""

from django.core.exceptions import ValidationError
from django.db.models import FilteredRelation, Q
from django.utils.translation import gettext_lazy as _

from facilities.filtersets import MachineFilterSet, RoomFilterSet
from facilities.models import FundingSource, MachineCondition, RoomState
from facilities.selectors import machine_list, room_list
from funding.filtersets import DakActivityFilterSet, DakAllocationFilterSet
from funding.selectors import dak_activity_list, dak_allocation_list
from ikm.filtersets import IkmUnitFilterSet, YearlyFigureFilterSet
from ikm.models import IkmClass, ProductionPlace
from ikm.selectors import ikm_list, yearly_figure_list
from sentra.filtersets import SentraFilterSet
from sentra.models import ManagerType, SentraOrigin, SentraStatus
from sentra.selectors import sentra_list

from .sqlcsv import iter_csv_body
from .base import DATE, DECIMAL, INT, MONEY, PERCENT, TEXT, Column, Exporter, Sheet

CHUNK_SIZE = 2000


class choice:
    """Converter from a stored choice value to its label; `labels` lets the CSV path do it in SQL."""

    def __init__(self, choices):
        self.labels = {value: str(label) for value, label in choices}

    def __call__(self, value):
        return self.labels.get(value, value)


def region_columns(prefix):
    """Province, kabupaten/kota, kecamatan, desa names and the desa code, from the desa at `prefix`."""
    return [
        (f"{prefix}__parent__parent__parent__name", Column(_("Provinsi"), width=22), None),
        (f"{prefix}__parent__parent__name", Column(_("Kabupaten/Kota"), width=22), None),
        (f"{prefix}__parent__name", Column(_("Kecamatan"), width=20), None),
        (f"{prefix}__name", Column(_("Desa/Kelurahan"), width=20), None),
        (f"{prefix}_id", Column(_("Kode wilayah"), width=15), None),
    ]


class ListExporter(Exporter):
    """A list page as a sheet: `fields` are (value path, Column, converter or None)."""

    selector = None
    filterset_class = None
    fields = ()
    order_by = ("pk",)

    @property
    def filters(self):
        return tuple(self.filterset_class.base_filters)

    def queryset(self):
        filterset = self.filterset_class(data=self.params, queryset=self.selector(user=self.user))
        if not filterset.is_valid():
            raise ValidationError({name: [str(m) for m in messages] for name, messages in filterset.errors.items()})
        return self.prepare(filterset.qs).prefetch_related(None).order_by(*self.order_by)

    def prepare(self, queryset):
        return queryset

    def rows(self):
        converters = [converter for _path, _column, converter in self.fields]
        paths = [path for path, _column, _converter in self.fields]
        for values in self.queryset().values_list(*paths).iterator(chunk_size=CHUNK_SIZE):
            yield [convert(value) if convert and value is not None else value for convert, value in zip(converters, values)]

    def csv_body(self):
        """CSV bytes of the rows, computed in SQL (see sqlcsv); used by iter_csv for list exports."""
        return iter_csv_body(self.queryset(), self.fields)

    def build(self):
        queryset = self.queryset()
        return [Sheet(str(self.label), [column for _p, column, _c in self.fields], self.rows(), count=queryset.count)]


def _yes_no(value):
    return str(_("Ya")) if value else str(_("Tidak"))


class SentraListExporter(ListExporter):
    identifier = "sentra"
    label = _("Daftar sentra IKM")
    selector = staticmethod(sentra_list)
    filterset_class = SentraFilterSet
    fields = (
        ("code", Column(_("Kode sentra")), None),
        ("name", Column(_("Nama sentra"), width=30), None),
        ("status", Column(_("Status")), choice(SentraStatus.choices)),
        ("primary_link__commodity__name", Column(_("Komoditas utama"), width=20), None),
        ("primary_link__commodity__group__name", Column(_("Kelompok komoditas"), width=20), None),
        *region_columns("desa"),
        ("address", Column(_("Alamat"), width=30), None),
        ("founding_year", Column(_("Tahun berdiri"), TEXT, 10), None),
        ("origin", Column(_("Asal terbentuk")), choice(SentraOrigin.choices)),
        ("manager_type", Column(_("Jenis pengelola")), choice(ManagerType.choices)),
        ("manager_name", Column(_("Nama pengelola"), width=22), None),
        ("asset_owner", Column(_("Pemilik aset"), width=22), None),
        ("designation_number", Column(_("Nomor SK penetapan"), width=22), None),
        ("designation_date", Column(_("Tanggal SK penetapan"), DATE, 12), None),
        ("latitude", Column(_("Lintang"), DECIMAL, 11), None),
        ("longitude", Column(_("Bujur"), DECIMAL, 11), None),
        ("last_verified_at", Column(_("Terakhir diverifikasi"), DATE, 14), None),
        ("updated_at", Column(_("Terakhir diubah"), DATE, 14), None),
    )
    order_by = ("code",)

    def prepare(self, queryset):
        if queryset.query.distinct:
            queryset = sentra_list(user=self.user).filter(pk__in=queryset.values("pk"))
        return queryset.annotate(primary_link=FilteredRelation("commodity_links", condition=Q(commodity_links__is_primary=True)))


class IkmListExporter(ListExporter):
    identifier = "ikm"
    label = _("Daftar unit IKM")
    selector = staticmethod(ikm_list)
    filterset_class = IkmUnitFilterSet
    fields = (
        ("name", Column(_("Nama usaha"), width=28), None),
        ("owner_name", Column(_("Nama pemilik"), width=22), None),
        ("nib", Column(_("NIB"), width=15), None),
        ("commodity__name", Column(_("Komoditas"), width=18), None),
        ("commodity__group__name", Column(_("Kelompok komoditas"), width=18), None),
        ("product", Column(_("Produk"), width=20), None),
        *region_columns("desa"),
        ("latitude", Column(_("Lintang"), DECIMAL, 11), None),
        ("longitude", Column(_("Bujur"), DECIMAL, 11), None),
        ("workers_male", Column(_("Tenaga kerja laki-laki"), INT, 10), None),
        ("workers_female", Column(_("Tenaga kerja perempuan"), INT, 10), None),
        ("workers_unsplit", Column(_("Tenaga kerja tanpa keterangan jenis kelamin"), INT, 10), None),
        ("workers_total", Column(_("Tenaga kerja total"), INT, 10), None),
        ("investment", Column(_("Investasi (Rp)"), MONEY, 18), None),
        ("production_value", Column(_("Nilai produksi per tahun (Rp)"), MONEY, 18), None),
        ("sales", Column(_("Omzet per tahun (Rp)"), MONEY, 18), None),
        ("ikm_class", Column(_("Kelas industri")), choice(IkmClass.choices)),
        ("production_place", Column(_("Tempat produksi")), choice(ProductionPlace.choices)),
        ("last_verified_at", Column(_("Terakhir diverifikasi"), DATE, 14), None),
    )
    order_by = ("name", "id")

    def prepare(self, queryset):
        if queryset.query.distinct:
            queryset = ikm_list(user=self.user).filter(pk__in=queryset.values("pk"))
        return queryset


class RoomListExporter(ListExporter):
    identifier = "ruang"
    label = _("Daftar ruang produksi")
    selector = staticmethod(room_list)
    filterset_class = RoomFilterSet
    fields = (
        ("sentra__code", Column(_("Kode sentra")), None),
        ("sentra__name", Column(_("Nama sentra"), width=28), None),
        ("sentra__desa__parent__parent__name", Column(_("Kabupaten/Kota"), width=22), None),
        ("sentra__desa_id", Column(_("Kode wilayah"), width=15), None),
        ("name", Column(_("Nama/nomor ruang")), None),
        ("state", Column(_("Keadaan"), width=24), choice(RoomState.choices)),
        ("occupant__name", Column(_("Digunakan oleh"), width=24), None),
        ("area_m2", Column(_("Luas (m²)"), DECIMAL, 10), None),
        ("notes", Column(_("Catatan"), width=24), None),
    )
    order_by = ("sentra__code", "name")


class MachineListExporter(ListExporter):
    identifier = "mesin"
    label = _("Daftar mesin dan peralatan")
    selector = staticmethod(machine_list)
    filterset_class = MachineFilterSet
    fields = (
        ("sentra__code", Column(_("Kode sentra")), None),
        ("sentra__name", Column(_("Nama sentra"), width=28), None),
        ("sentra__desa_id", Column(_("Kode wilayah"), width=15), None),
        ("equipment_type__name", Column(_("Jenis mesin/peralatan"), width=22), None),
        ("description", Column(_("Uraian"), width=26), None),
        ("quantity", Column(_("Jumlah"), INT, 8), None),
        ("condition", Column(_("Kondisi")), choice(MachineCondition.choices)),
        ("year_acquired", Column(_("Tahun pengadaan"), TEXT, 10), None),
        ("funding_source", Column(_("Sumber dana"), width=20), choice(FundingSource.choices)),
        ("room__name", Column(_("Ruang")), None),
    )
    order_by = ("sentra__code", "id")


class DakAllocationListExporter(ListExporter):
    identifier = "dak-alokasi"
    label = _("Alokasi DAK Fisik Bidang IKM")
    selector = staticmethod(dak_allocation_list)
    filterset_class = DakAllocationFilterSet
    fields = (
        ("fiscal_year", Column(_("Tahun anggaran"), TEXT, 10), None),
        ("kabupaten_kota_id", Column(_("Kode kabupaten/kota"), width=12), None),
        ("kabupaten_kota__name", Column(_("Kabupaten/Kota penerima"), width=26), None),
        ("kabupaten_kota__parent__name", Column(_("Provinsi"), width=22), None),
        ("pagu", Column(_("Pagu (Rp)"), MONEY, 20), None),
        ("realisation", Column(_("Realisasi (Rp)"), MONEY, 20), None),
        ("notes", Column(_("Catatan"), width=26), None),
    )
    order_by = ("fiscal_year", "kabupaten_kota_id")


class DakActivityListExporter(ListExporter):
    identifier = "dak-kegiatan"
    label = _("Kegiatan DAK Fisik Bidang IKM")
    selector = staticmethod(dak_activity_list)
    filterset_class = DakActivityFilterSet
    fields = (
        ("allocation__fiscal_year", Column(_("Tahun anggaran"), TEXT, 10), None),
        ("allocation__kabupaten_kota_id", Column(_("Kode kabupaten/kota"), width=12), None),
        ("allocation__kabupaten_kota__name", Column(_("Kabupaten/Kota"), width=24), None),
        ("menu__name", Column(_("Menu kegiatan"), width=26), None),
        ("description", Column(_("Uraian kegiatan"), width=32), None),
        ("sentra__code", Column(_("Kode sentra")), None),
        ("sentra__name", Column(_("Nama sentra"), width=26), None),
        ("pagu", Column(_("Pagu (Rp)"), MONEY, 18), None),
        ("realisation", Column(_("Realisasi (Rp)"), MONEY, 18), None),
    )
    order_by = ("allocation__fiscal_year", "id")


class YearlyFigureListExporter(ListExporter):
    identifier = "kinerja"
    label = _("Kinerja tahunan")
    selector = staticmethod(yearly_figure_list)
    filterset_class = YearlyFigureFilterSet
    fields = (
        ("year", Column(_("Tahun"), TEXT, 8), None),
        ("sentra__code", Column(_("Kode sentra")), None),
        ("sentra__name", Column(_("Nama sentra"), width=26), None),
        ("ikm__nib", Column(_("NIB unit IKM"), width=15), None),
        ("ikm__name", Column(_("Nama unit IKM"), width=24), None),
        ("region_id", Column(_("Kode wilayah"), width=15), None),
        ("unit_count", Column(_("Jumlah unit usaha"), INT, 10), None),
        ("workers_male", Column(_("Tenaga kerja laki-laki"), INT, 10), None),
        ("workers_female", Column(_("Tenaga kerja perempuan"), INT, 10), None),
        ("workers_total", Column(_("Tenaga kerja total"), INT, 10), None),
        ("production_volume", Column(_("Volume produksi"), DECIMAL, 12), None),
        ("volume_unit", Column(_("Satuan volume"), width=10), None),
        ("production_value", Column(_("Nilai produksi (Rp)"), MONEY, 18), None),
        ("sales", Column(_("Omzet (Rp)"), MONEY, 18), None),
        ("investment", Column(_("Investasi (Rp)"), MONEY, 18), None),
        ("source", Column(_("Sumber data"), width=22), None),
    )
    order_by = ("year", "id")


LIST_EXPORTERS = (
    SentraListExporter,
    IkmListExporter,
    RoomListExporter,
    MachineListExporter,
    DakAllocationListExporter,
    DakActivityListExporter,
    YearlyFigureListExporter,
)

__all__ = ["LIST_EXPORTERS", "ListExporter", "PERCENT", "_yes_no"]
