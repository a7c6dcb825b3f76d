from django.utils.translation import gettext as _, gettext_lazy

from sentra.models import ManagerType, Sentra, SentraCommodity, SentraOrigin, SentraStatus
from sentra.selectors import sentra_list
from simple_history.utils import bulk_create_with_history

from .. import values
from ..resolvers import commodity_lookup
from .base import Column, ImportKind, chunks, choice_column, next_year, point_columns, region_columns


class SentraKind(ImportKind):
    code = "sentra"
    label = gettext_lazy("Sentra IKM")
    model = Sentra
    key_label_name = gettext_lazy("Kode sentra")
    point_fields = ("latitude", "longitude")
    key_help = gettext_lazy("Kode Sentra: baris dengan kode yang sudah ada mengubah sentra itu, kode baru membuat sentra baru.")
    columns = [
        Column("Kode Sentra", values.text(32), field="code", required=True, example="SNT-ALOR-001", aliases=("kode", "kode sentra ikm", "no sentra")),
        Column("Nama Sentra", values.text(200), field="name", required=True, example="Sentra Tenun Ikat Alor Kecil",
               aliases=("nama sentra ikm", "sentra", "nama")),
        *region_columns(),
        Column("Alamat", values.text(2000, multiline=True), field="address", aliases=("alamat sentra", "lokasi", "alamat lengkap")),
        *point_columns(),
        Column("Komoditas Utama", values.text(120), required=True, help=gettext_lazy("Nama, nama lain, kode, atau kode KBLI komoditas."),
               example="Tenun ikat", aliases=("komoditas", "komoditi", "komoditi utama", "produk unggulan", "jenis komoditas")),
        Column("Tahun Berdiri", values.integer(1900, next_year), field="founding_year", example=2015,
               aliases=("tahun", "tahun dibentuk", "tahun pembentukan", "berdiri sejak", "tahun berdiri sentra")),
        choice_column("Asal Terbentuk", "origin", SentraOrigin.choices, aliases=("asal", "asal pembentukan", "cara terbentuk")),
        choice_column("Jenis Pengelola", "manager_type", ManagerType.choices, aliases=("pengelola", "bentuk pengelola")),
        Column("Nama Pengelola", values.text(200), field="manager_name", aliases=("nama lembaga pengelola", "ketua", "nama ketua")),
        Column("Pemilik Aset", values.text(200), field="asset_owner", aliases=("pemilik", "kepemilikan aset", "status aset")),
        Column("Nomor SK Penetapan", values.text(120), field="designation_number", aliases=("nomor sk", "no sk", "sk penetapan")),
        Column("Tanggal SK Penetapan", values.date, field="designation_date", example="31/12/2020", aliases=("tanggal sk", "tgl sk")),
        choice_column("Status", "status", SentraStatus.choices, example="Aktif", aliases=("status sentra", "keadaan", "kondisi")),
        Column("Catatan", values.text(5000, multiline=True), field="notes", aliases=("keterangan", "ket")),
    ]

    def prepare(self, rows):
        self.commodities = commodity_lookup(self.chosen_values.get("Komoditas Utama"), column="Komoditas Utama")

    def resolve(self, row):
        row.data = self.direct_data(row)
        row.key = (row.cells.get("Kode Sentra"),) if row.cells.get("Kode Sentra") else None
        row.key_label = row.cells.get("Kode Sentra") or ""
        desa = self.resolve_region(row)
        if desa is not None:
            row.data["desa_id"] = desa
        commodity = self.commodities.resolve(row.cells.get("Komoditas Utama"))
        if commodity is not None:
            row.extra["primary_commodity"] = commodity

    def load_existing(self, keys, *, lock):
        found = {}
        self.primary = {}
        for chunk in chunks(code for (code,) in keys):
            queryset = Sentra.all_objects.filter(code__in=chunk)
            for sentra in queryset.select_for_update() if lock else queryset:
                found[(sentra.code,)] = sentra
        for chunk in chunks(sentra.pk for sentra in found.values()):
            for link in SentraCommodity.objects.filter(sentra_id__in=chunk, is_primary=True):
                self.primary[link.sentra_id] = link.commodity_id
        return found

    def current_extra(self, instance):
        return {"primary_commodity": self.primary.get(instance.pk)}

    def describe(self, field_name):
        return _("Komoditas Utama") if field_name == "primary_commodity" else super().describe(field_name)

    def region_of(self, instance):
        return instance.desa_id

    def after_write(self, written_rows):
        from sentra.services import sentra_set_commodities

        new_links = []
        for row, sentra, created in written_rows:
            commodity = row.extra.get("primary_commodity")
            if commodity is None or self.primary.get(sentra.pk) == commodity:
                continue
            if created:
                new_links.append(SentraCommodity(sentra=sentra, commodity_id=commodity, is_primary=True))
            else:  # rare: a changed primary commodity goes through the sentra service, which keeps the others
                current = list(sentra.commodity_links.values_list("commodity_id", flat=True))
                sentra_set_commodities(user=self.user, sentra=sentra, commodity_ids=[*current, commodity], primary_commodity_id=commodity)
        if new_links:
            bulk_create_with_history(new_links, SentraCommodity, batch_size=1000, default_user=self.user, default_change_reason="import")

    def export_queryset(self, user):
        return sentra_list(user=user).order_by("code")

    def export_cells(self, sentra):
        primary = next((link.commodity.name for link in sentra.commodity_links.all() if link.is_primary), None)
        return [
            sentra.code, sentra.name, *self.region_cells(sentra.desa_id), sentra.desa_id, sentra.address, sentra.latitude,
            sentra.longitude, primary, sentra.founding_year, sentra.get_origin_display() if sentra.origin else None,
            sentra.get_manager_type_display() if sentra.manager_type else None, sentra.manager_name, sentra.asset_owner,
            sentra.designation_number, sentra.designation_date, sentra.get_status_display(), sentra.notes,
        ]
