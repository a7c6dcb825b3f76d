"""The published datasets: what each counts, its columns and metadata, and where its figures come from.

Figures come from reports.selectors.aggregate (the dashboards' own read path, read-only) for a national
reader, grouped by kabupaten/kota once and rolled up to provinces and Indonesia here, so every page shows
the same numbers as the dashboards for the same region (apart from the cells hidden by suppression.py).
Only aggregates leave this module: no name, NIB, address, telephone or coordinate of anything.
"""

from dataclasses import dataclass, field

from django.db.models import Max
from django.utils.translation import gettext_lazy as _

from commodities.models import CommodityGroup
from facilities.models import Room, RoomState
from funding.models import DakAllocation
from ikm.models import IkmClass, IkmUnit
from reports.selectors import aggregate
from sentra.models import Sentra, SentraStatus


class PublicReader:
    """Open data is read as a national, read-only viewer: accounts.scope gives it every region, and it can
    do nothing else (it is never a request's user)."""

    is_authenticated = True
    is_active = True
    is_national = True
    can_edit_records = False
    can_verify_records = False
    can_export = False
    pk = None


PUBLIC = PublicReader()
OTHER = "lainnya"


@dataclass(frozen=True)
class Column:
    key: str
    label: object
    kind: str = "count"  # count (suppressed when small), sum (hidden with its count), money, percent, year


@dataclass
class Dataset:
    slug: str
    title: object
    description: object
    keywords: tuple
    columns: list = field(default_factory=list)
    partitions: list = field(default_factory=list)  # (member keys, total key): members add up to the total
    followers: dict = field(default_factory=dict)  # sum key -> count key it is hidden with
    suppressed: bool = True
    by_year: bool = False  # rows per (region, year) instead of per region
    fetch: object = None  # () -> {kabupaten code: {key: value}} or {(kabupaten code, year): {key: value}}
    modified: object = None  # () -> datetime of the last change in the source

    def column_keys(self):
        return [column.key for column in self.columns]


def _by_region(rows, dimension, to_key):
    cells = {}
    for row in rows:
        entry = cells.setdefault(row["region"], {})
        key = to_key(row[dimension])
        entry[key] = entry.get(key, 0) + row["count"]
    return cells


def _with_totals(cells, members, total):
    for entry in cells.values():
        for key in members:
            entry.setdefault(key, 0)
        entry[total] = sum(entry[key] for key in members)
    return cells


def _sentra_status():
    rows = aggregate(user=PUBLIC, resource="sentra", group_by=("region", "status"), level=2)
    members = list(SentraStatus.values)
    return _with_totals(_by_region(rows, "status", str), members, "total")


def _groups():
    """[(code, name)] of the commodity groups in catalogue order (one query)."""
    return list(CommodityGroup.objects.order_by("sort_order", "name").values_list("code", "name"))


def _sentra_commodity(group_codes):
    rows = aggregate(user=PUBLIC, resource="sentra", group_by=("region", "commodity_group"), level=2)
    cells = _by_region(rows, "commodity_group", lambda code: code or OTHER)
    return _with_totals(cells, group_codes, "total")


def _ikm_class():
    rows = aggregate(user=PUBLIC, resource="ikm", group_by=("region", "ikm_class"), level=2, metrics=("count", "workers_total"))
    cells = {}
    for row in rows:
        entry = cells.setdefault(row["region"], {})
        entry[f"units_{row['ikm_class']}"] = row["count"]
        entry[f"workers_{row['ikm_class']}"] = row["workers_total"]
    classes = list(IkmClass.values)
    for entry in cells.values():
        for name in classes:
            entry.setdefault(f"units_{name}", 0)
            entry.setdefault(f"workers_{name}", 0)
        entry["units_total"] = sum(entry[f"units_{name}"] for name in classes)
        entry["workers_total"] = sum(entry[f"workers_{name}"] for name in classes)
    return cells


def _rooms():
    rows = aggregate(user=PUBLIC, resource="rooms", group_by=("region", "state"), level=2)
    return _with_totals(_by_region(rows, "state", str), list(RoomState.values), "built")


def _dak():
    rows = aggregate(user=PUBLIC, resource="dak", group_by=("region", "year"), level=2)
    return {(row["region"], row["year"]): {"recipients": row["count"], "pagu": row["pagu"], "realisation": row["realisation"]} for row in rows}


def _latest(*querysets):
    stamps = [stamp for queryset in querysets if (stamp := queryset.aggregate(last=Max("updated_at"))["last"])]
    return max(stamps) if stamps else None


def _ikm_columns():
    columns = [Column(f"units_{value}", _("Unit IKM: %(label)s") % {"label": label}) for value, label in IkmClass.choices]
    columns.append(Column("units_total", _("Unit IKM: jumlah")))
    columns += [Column(f"workers_{value}", _("Tenaga kerja: %(label)s") % {"label": label}, "sum") for value, label in IkmClass.choices]
    columns.append(Column("workers_total", _("Tenaga kerja: jumlah"), "sum"))
    return columns


def _commodity_columns(groups):
    return [*(Column(code, name) for code, name in groups), Column(OTHER, _("Tanpa komoditas utama")), Column("total", _("Jumlah sentra"))]


SUPPRESSION_NOTE = _(
    "Sel berisi kurang dari %(threshold)s disembunyikan, begitu pula sel pelengkap yang memungkinkan nilai "
    "tersembunyi dihitung dari jumlahnya (kosong di CSV, null di JSON)."
)


def datasets():
    """Built per call: labels follow the active language, commodity groups the catalogue."""
    status_members = list(SentraStatus.values)
    groups = _groups()
    group_codes = [*(code for code, _name in groups), OTHER]
    classes = list(IkmClass.values)
    states = list(RoomState.values)
    return {
        "sentra-status": Dataset(
            slug="sentra-status",
            title=_("Sentra IKM menurut status"),
            description=_("Jumlah sentra IKM (aktif, kurang aktif, tidak aktif, tutup) per provinsi dan kabupaten/kota."),
            keywords=("sentra IKM", "industri kecil", "status"),
            columns=[*(Column(value, label) for value, label in SentraStatus.choices), Column("total", _("Jumlah sentra"))],
            partitions=[(status_members, "total")],
            fetch=_sentra_status,
            modified=lambda: _latest(Sentra.all_objects),
        ),
        "sentra-komoditas": Dataset(
            slug="sentra-komoditas",
            title=_("Sentra IKM menurut kelompok komoditas"),
            description=_("Jumlah sentra IKM yang masih tercatat, menurut kelompok komoditas utamanya, per wilayah."),
            keywords=("sentra IKM", "komoditas"),
            columns=_commodity_columns(groups),
            partitions=[(group_codes, "total")],
            fetch=lambda: _sentra_commodity(group_codes),
            modified=lambda: _latest(Sentra.all_objects),
        ),
        "ikm-kelas": Dataset(
            slug="ikm-kelas",
            title=_("Unit IKM dan tenaga kerja menurut kelas industri"),
            description=_(
                "Jumlah unit IKM dan tenaga kerjanya menurut kelas (kecil, menengah; Permenperin 64/2016, dihitung dari "
                "tenaga kerja dan investasi) per wilayah."
            ),
            keywords=("IKM", "tenaga kerja", "industri kecil", "industri menengah"),
            columns=_ikm_columns(),
            partitions=[([f"units_{name}" for name in classes], "units_total")],
            followers={**{f"workers_{name}": f"units_{name}" for name in classes}, "workers_total": "units_total"},
            fetch=_ikm_class,
            modified=lambda: _latest(IkmUnit.all_objects),
        ),
        "ruang-produksi": Dataset(
            slug="ruang-produksi",
            title=_("Ruang produksi sentra: dibangun dan digunakan"),
            description=_("Ruang produksi di fasilitas sentra: jumlah yang dibangun, kosong, terisi tanpa produksi, dan aktif digunakan."),
            keywords=("sentra IKM", "fasilitas", "ruang produksi"),
            columns=[
                Column(RoomState.KOSONG, _("Kosong")), Column(RoomState.TERISI, _("Terisi, tidak berproduksi")),
                Column(RoomState.AKTIF, _("Aktif digunakan")), Column("built", _("Jumlah ruang dibangun")),
            ],
            partitions=[(states, "built")],
            fetch=_rooms,
            modified=lambda: _latest(Room.objects),
        ),
        "dak-fisik-ikm": Dataset(
            slug="dak-fisik-ikm",
            title=_("DAK Fisik Bidang IKM: pagu dan realisasi per tahun"),
            description=_(
                "Pagu dan realisasi DAK Fisik Bidang IKM per tahun anggaran dan wilayah penerima (Rupiah). Anggaran publik: "
                "tidak disembunyikan."
            ),
            keywords=("DAK Fisik", "anggaran", "IKM"),
            columns=[
                Column("year", _("Tahun anggaran"), "year"), Column("recipients", _("Kabupaten/kota penerima"), "money"),
                Column("pagu", _("Pagu (Rp)"), "money"), Column("realisation", _("Realisasi (Rp)"), "money"),
                Column("absorption_percent", _("Penyerapan (%)"), "percent"),
            ],
            suppressed=False,
            by_year=True,
            fetch=_dak,
            modified=lambda: _latest(DakAllocation.objects),
        ),
    }
