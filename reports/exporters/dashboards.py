"""Every dashboard as an export: the sheets are built from the very dicts the dashboard page renders."""

from django.utils.translation import gettext_lazy as _

from facilities.models import MachineCondition
from sentra.models import SentraStatus

from ..selectors import dashboard_params, drill_context
from ..selectors.facilities import utilisation_by_sentra
from ..selectors.funding import activities_without_assets, funded_inactive_sentra, machines_without_funding
from ..selectors.params import DASHBOARD_FILTERS
from .base import DECIMAL, INT, MONEY, PERCENT, Column, Exporter, Sheet
from .lists import CHUNK_SIZE


class DashboardExporter(Exporter):
    filters = ("region", *DASHBOARD_FILTERS)
    selector = None

    def data(self):
        if not hasattr(self, "_data"):
            self.drill = drill_context(user=self.user, code=self.params.get("region", ""))
            params = dashboard_params(self.params, self.drill.code)
            self._data = type(self).selector(user=self.user, drill=self.drill, params=params)
        return self._data

    def build(self):
        return [sheet for sheet in self.sheets(self.data()) if sheet is not None]

    def sheets(self, data):
        raise NotImplementedError


def _region_head():
    return [Column(_("Kode wilayah"), width=14), Column(_("Nama wilayah"), width=28)]


def _count(rows):
    return lambda: len(rows)


class OverviewExporter(DashboardExporter):
    identifier = "dasbor-ringkasan"
    label = _("Dasbor ringkasan sentra dan IKM")

    @staticmethod
    def selector(**kwargs):
        from ..selectors import overview

        return overview(**kwargs)

    def sheets(self, data):
        statuses = list(SentraStatus.choices)
        columns = _region_head() + [Column(_("Sentra %(status)s") % {"status": label}, INT, 10) for _v, label in statuses]
        columns += [
            Column(_("Sentra total"), INT, 10),
            Column(_("Unit IKM"), INT, 10),
            Column(_("Tenaga kerja laki-laki"), INT, 12),
            Column(_("Tenaga kerja perempuan"), INT, 12),
            Column(_("Tenaga kerja total"), INT, 12),
            Column(_("Nilai produksi unit IKM per tahun (Rp)"), MONEY, 20),
        ]

        def line(code, name, entry):
            return [code, name, *[entry["sentra"][value] for value, _l in statuses], entry["sentra_total"], entry["count"],
                    entry["workers_male"], entry["workers_female"], entry["workers_total"], entry["production_value"]]

        regions = [line(e["code"], e["name"], e) for e in data["regions"]]
        status_columns = [Column(_("Tahun"), width=8)] + [Column(label, INT, 12) for _v, label in statuses] + [Column(_("Jumlah"), INT, 10)]
        by_year = [[row["year"], *[row[value] for value, _l in statuses], row["total"]] for row in data["status_by_year"]]
        commodity_columns = [
            Column(_("Nama"), width=26), Column(_("Unit IKM"), INT, 10), Column(_("Tenaga kerja laki-laki"), INT, 12),
            Column(_("Tenaga kerja perempuan"), INT, 12), Column(_("Tenaga kerja total"), INT, 12),
            Column(_("Nilai produksi unit IKM per tahun (Rp)"), MONEY, 20), Column(_("Omzet unit IKM per tahun (Rp)"), MONEY, 20),
        ]

        def commodity_line(row):
            return [row["name"], row["count"], row["workers_male"], row["workers_female"], row["workers_total"], row["production_value"], row["sales"]]

        groups = [commodity_line(row) for row in data["by_group"]]
        priority = [commodity_line(row) for row in data["by_priority"]]
        return [
            Sheet(str(_("Per wilayah")), columns, regions, _count(regions), totals=line("", str(_("Jumlah")), data["totals"])),
            Sheet(str(_("Status sentra per tahun")), status_columns, by_year, _count(by_year)),
            Sheet(str(_("Per kelompok komoditas")), commodity_columns, groups, _count(groups)),
            Sheet(str(_("Komoditas prioritas")), commodity_columns, priority, _count(priority)),
        ]


def _room_columns(first):
    return first + [
        Column(_("Ruang total"), INT, 10), Column(_("Ruang terisi"), INT, 10), Column(_("Ruang aktif digunakan"), INT, 10),
        Column(_("Ruang kosong"), INT, 10), Column(_("Terisi tidak berproduksi"), INT, 12), Column(_("Aktif (%)"), PERCENT, 10),
    ]


def _room_values(entry):
    return [entry["rooms"], entry["occupied"], entry["active"], entry["empty"], entry["idle_occupied"], entry["active_percent"]]


class FacilitiesExporter(DashboardExporter):
    identifier = "dasbor-fasilitas"
    label = _("Dasbor pemanfaatan fasilitas")

    @staticmethod
    def selector(**kwargs):
        from ..selectors import facilities

        return facilities(**kwargs)

    def sheets(self, data):
        conditions = list(MachineCondition.choices)
        columns = _room_columns(_region_head()) + [Column(_("Mesin %(c)s") % {"c": label}, INT, 10) for _v, label in conditions]
        columns.append(Column(_("Mesin total"), INT, 10))

        def line(code, name, entry):
            return [code, name, *_room_values(entry), *[entry["machines"][value] for value, _l in conditions], entry["machines_total"]]

        regions = [line(e["code"], e["name"], e) for e in data["regions"]]
        params = dashboard_params(self.params, self.drill.code)
        per_sentra = utilisation_by_sentra(user=self.user, params=params, limit=None)
        sentra_rows = [[row["sentra__code"], row["sentra__name"], row["sentra__desa_id"], *_room_values(row)] for row in per_sentra]
        sentra_columns = _room_columns([Column(_("Kode sentra")), Column(_("Nama sentra"), width=28), Column(_("Kode wilayah"), width=15)])
        return [
            Sheet(str(_("Per wilayah")), columns, regions, _count(regions), totals=line("", str(_("Jumlah")), data["totals"])),
            Sheet(str(_("Per sentra")), sentra_columns, sentra_rows, _count(sentra_rows)),
        ]


class DakExporter(DashboardExporter):
    identifier = "dasbor-dak"
    label = _("Dasbor DAK Fisik Bidang IKM")

    @staticmethod
    def selector(**kwargs):
        from ..selectors import dak

        return dak(**kwargs)

    def sheets(self, data):
        money = [Column(_("Pagu (Rp)"), MONEY, 20), Column(_("Realisasi (Rp)"), MONEY, 20), Column(_("Penyerapan (%)"), PERCENT, 12)]
        by_year = [[row["year"], row["count"], row["pagu"], row["realisation"], row["absorption_percent"]] for row in data["by_year"]]
        recipients = [[row["region"], row["name"], row["pagu"], row["realisation"], row["absorption_percent"]] for row in data["recipients"]]
        menus = [[row["name"], row["count"], row["pagu"], row["realisation"], row["absorption_percent"]] for row in data["by_menu"]]
        totals = data["totals"]
        params = dashboard_params(self.params, self.drill.code)
        year_params = params.copy()
        if data["year"]:
            year_params["year"] = str(data["year"])
        unlinked = activities_without_assets(user=self.user, params=year_params)
        machines = machines_without_funding(user=self.user, params=_without_year(params))
        inactive = funded_inactive_sentra(user=self.user, params=params)
        return [
            Sheet(str(_("Per tahun")), [Column(_("Tahun anggaran"), width=10), Column(_("Kabupaten/kota penerima"), INT, 12), *money], by_year, _count(by_year)),
            Sheet(
                str(_("Per penerima %(year)s") % {"year": data["year"] or ""}), _region_head() + money, recipients, _count(recipients),
                totals=["", str(_("Jumlah")), totals["pagu"], totals["realisation"], totals["absorption_percent"]] if totals else None,
            ),
            Sheet(str(_("Per menu kegiatan")), [Column(_("Menu kegiatan"), width=30), Column(_("Kegiatan"), INT, 10), *money], menus, _count(menus)),
            Sheet(
                str(_("Kegiatan tanpa aset")),
                [Column(_("Tahun anggaran"), width=10), Column(_("Kode kabupaten/kota"), width=12), Column(_("Menu kegiatan"), width=26),
                 Column(_("Uraian kegiatan"), width=32), Column(_("Kode sentra")), Column(_("Pagu (Rp)"), MONEY, 18), Column(_("Realisasi (Rp)"), MONEY, 18)],
                _values(unlinked, "allocation__fiscal_year", "allocation__kabupaten_kota_id", "menu__name", "description", "sentra__code", "pagu", "realisation"),
                unlinked.count,
            ),
            Sheet(
                str(_("Mesin tanpa sumber dana")),
                [Column(_("Kode sentra")), Column(_("Nama sentra"), width=26), Column(_("Jenis mesin/peralatan"), width=22), Column(_("Uraian"), width=26), Column(_("Jumlah"), INT, 8)],
                _values(machines, "sentra__code", "sentra__name", "equipment_type__name", "description", "quantity"),
                machines.count,
            ),
            Sheet(
                str(_("Sentra didanai tidak aktif")),
                [Column(_("Kode sentra")), Column(_("Nama sentra"), width=26), Column(_("Status")), Column(_("Kode wilayah"), width=15)],
                ([code, name, str(SentraStatus(status).label), desa] for code, name, status, desa in
                 inactive.prefetch_related(None).values_list("code", "name", "status", "desa_id").iterator(chunk_size=CHUNK_SIZE)),
                inactive.count,
            ),
        ]


def _without_year(params):
    copy = params.copy()
    copy.pop("year", None)
    return copy


def _values(queryset, *paths):
    return (list(row) for row in queryset.values_list(*paths).iterator(chunk_size=CHUNK_SIZE))


class ImpactExporter(DashboardExporter):
    identifier = "dasbor-dampak"
    label = _("Dasbor dampak pendanaan DAK")

    @staticmethod
    def selector(**kwargs):
        from ..selectors import impact

        return impact(**kwargs)

    def sheets(self, data):
        columns = [
            Column(_("Kode sentra")), Column(_("Nama sentra"), width=26), Column(_("Komoditas"), width=18),
            Column(_("Tahun sebelum"), width=8), Column(_("Tahun sesudah"), width=8),
            Column(_("Tenaga kerja sebelum"), INT, 10), Column(_("Tenaga kerja sesudah"), INT, 10), Column(_("Perubahan tenaga kerja (%)"), PERCENT, 10),
            Column(_("Volume produksi sebelum"), DECIMAL, 12), Column(_("Volume produksi sesudah"), DECIMAL, 12), Column(_("Satuan"), width=8),
            Column(_("Nilai produksi kinerja tahunan sebelum (Rp)"), MONEY, 18),
            Column(_("Nilai produksi kinerja tahunan sesudah (Rp)"), MONEY, 18),
            Column(_("Omzet sebelum (Rp)"), MONEY, 18), Column(_("Omzet sesudah (Rp)"), MONEY, 18),
        ]
        funded = [
            [r["code"], r["name"], r["commodity"], r["before_year"], r["after_year"], r["workers_total_before"], r["workers_total_after"],
             r["workers_change"], r["production_volume_before"], r["production_volume_after"], r["volume_unit"],
             r["production_value_before"], r["production_value_after"], r["sales_before"], r["sales_after"]]
            for r in data["funded"]
        ]
        compare_columns = [
            Column(_("Komoditas"), width=20),
            Column(_("Sentra didanai (data lengkap)"), INT, 12), Column(_("Perubahan tenaga kerja didanai (%)"), PERCENT, 12),
            Column(_("Perubahan nilai produksi didanai (%)"), PERCENT, 12), Column(_("Perubahan omzet didanai (%)"), PERCENT, 12),
            Column(_("Sentra pembanding tanpa DAK"), INT, 12), Column(_("Perubahan tenaga kerja pembanding (%)"), PERCENT, 12),
            Column(_("Perubahan nilai produksi pembanding (%)"), PERCENT, 12), Column(_("Perubahan omzet pembanding (%)"), PERCENT, 12),
        ]
        comparison = [
            [c["commodity"], c["funded_count"], c["funded_workers_total_change"], c["funded_production_value_change"], c["funded_sales_change"],
             c["unfunded_count"], c["unfunded_workers_total_change"], c["unfunded_production_value_change"], c["unfunded_sales_change"]]
            for c in data["comparison"]
        ]
        title = _("Didanai DAK %(year)s") % {"year": data["year"] or "-"}
        return [
            Sheet(str(title), columns, funded, _count(funded)),
            Sheet(str(_("Pembanding")), compare_columns, comparison, _count(comparison)),
        ]


class FreshnessExporter(DashboardExporter):
    identifier = "dasbor-kemutakhiran"
    label = _("Dasbor kemutakhiran data")

    @staticmethod
    def selector(**kwargs):
        from ..selectors import freshness

        return freshness(**kwargs)

    def sheets(self, data):
        columns = _region_head() + [
            Column(_("Sentra"), INT, 10), Column(_("Sentra terverifikasi 12 bulan"), INT, 12), Column(_("Sentra terverifikasi (%)"), PERCENT, 10),
            Column(_("Unit IKM"), INT, 10), Column(_("Unit IKM terverifikasi 12 bulan"), INT, 12), Column(_("Unit IKM terverifikasi (%)"), PERCENT, 10),
            Column(_("Perlu verifikasi"), INT, 10), Column(_("Terverifikasi (%)"), PERCENT, 10),
        ]

        def line(code, name, row):
            return [code, name, row["sentra_total"], row["sentra_fresh"], row["sentra_percent"], row["ikm_total"], row["ikm_fresh"],
                    row["ikm_percent"], row["stale"], row["percent"]]

        rows = [line(r["code"], r["name"], r) for r in data["regions"]]
        return [Sheet(str(_("Per wilayah")), columns, rows, _count(rows), totals=line("", str(_("Jumlah")), data["totals"]))]


DASHBOARD_EXPORTERS = (OverviewExporter, FacilitiesExporter, DakExporter, ImpactExporter, FreshnessExporter)
__all__ = ["DASHBOARD_EXPORTERS", "DECIMAL"]
