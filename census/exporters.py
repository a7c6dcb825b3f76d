"""The round as an XLSX workbook, through the reports app's exporter machinery (Exporter, Sheet, XlsxWriter):
completion per kabupaten, the answer per commodity, DAK-built rooms, and one row per sentra with the visit
found and the addresses of its photos (served by the scoped evidence view: a link opens only for someone who
may see the photo)."""

from types import SimpleNamespace

from django.contrib.contenttypes.models import ContentType
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from evidence.models import Evidence
from reports.exporters import Column, Exporter, Sheet
from reports.exporters.base import DATE, DECIMAL, INT, PERCENT
from reports.selectors.regions import drill_context

from .models import FoundStatus, ItemState, Visit
from .selectors.dashboard import answer, completion, dak_rooms, scoped_items

CHUNK = 2000


class RoundExporter(Exporter):
    identifier = "pendataan-ulang"
    label = _("Pendataan ulang sentra")
    filters = ("region",)

    def __init__(self, *, user, params, round, base_url="/"):
        super().__init__(user=user, params=params)
        self.round = round
        self.base_url = base_url.rstrip("/")

    def check(self):
        self.drill = drill_context(user=self.user, code=self.params.get("region", ""))

    def metadata(self):
        return [*super().metadata(), (_("Putaran"), f"{self.round.name} ({self.round.year})"), (_("Batas waktu"), self.round.deadline.isoformat())]

    def filename(self, extension):
        return f"pendataan-{self.round.pk}-{self.drill.code or 'nasional'}.{extension}"

    def build(self):
        if not hasattr(self, "drill"):
            self.check()
        by_kabupaten = SimpleNamespace(code=self.drill.code, child_level=2)
        done = completion(user=self.user, round=self.round, drill=by_kabupaten)
        yes, no = str(_("Ya")), str(_("Tidak"))
        region_rows = [
            [row["code"][:2], row["code"], row["name"], row["total"], row["visited"], row["submitted"], row["returned"], row["approved"],
             row["not_verified"], row["alive"], row["inactive"], row["closed"], row["rate"], yes if row["overdue"] else no]
            for row in done["rows"]
        ]
        region_columns = [
            Column(_("Kode provinsi"), width=10), Column(_("Kode kabupaten/kota"), width=12), Column(_("Kabupaten/kota"), width=26),
            Column(_("Sentra"), INT, 9), Column(_("Dikunjungi"), INT, 10), Column(_("Dikirim"), INT, 9), Column(_("Dikembalikan"), INT, 12),
            Column(_("Disetujui"), INT, 10), Column(_("Belum diverifikasi"), INT, 12), Column(_("Hidup"), INT, 8),
            Column(_("Tidak aktif"), INT, 10), Column(_("Tutup"), INT, 8), Column(_("Disetujui (%)"), PERCENT, 11), Column(_("Terlambat"), width=10),
        ]
        totals = done["totals"]
        commodities = answer(user=self.user, round=self.round, drill=self.drill)["by_commodity"]
        commodity_rows = [[r["commodity"], r["total"], r["approved"], r["alive"], r["inactive"], r["closed"], r["not_verified"]] for r in commodities]
        rooms = dak_rooms(user=self.user, round=self.round, drill=by_kabupaten)
        room_rows = [[r["code"], r["name"], r["rooms"], r["verified"], r["active"]] for r in rooms["rows"]]
        items = scoped_items(user=self.user, round=self.round, drill_code=self.drill.code)
        return [
            Sheet(str(_("Per kabupaten/kota")), region_columns, region_rows, lambda: len(region_rows), totals=[
                "", "", str(_("Jumlah")), totals["total"], totals["visited"], totals["submitted"], totals["returned"], totals["approved"],
                totals["not_verified"], totals["alive"], totals["inactive"], totals["closed"], totals["rate"], str(totals["overdue_kabupaten"])]),
            Sheet(str(_("Per komoditas")), [
                Column(_("Komoditas utama"), width=28), Column(_("Sentra"), INT, 9), Column(_("Disetujui"), INT, 10), Column(_("Hidup"), INT, 8),
                Column(_("Tidak aktif"), INT, 10), Column(_("Tutup"), INT, 8), Column(_("Belum diverifikasi"), INT, 12)], commodity_rows, lambda: len(commodity_rows)),
            Sheet(str(_("Ruang dibangun DAK")), [
                Column(_("Kode kabupaten/kota"), width=12), Column(_("Kabupaten/kota"), width=26), Column(_("Ruang DAK"), INT, 10),
                Column(_("Diverifikasi"), INT, 11), Column(_("Aktif digunakan"), INT, 12)], room_rows, lambda: len(room_rows)),
            Sheet(str(_("Per sentra")), [
                Column(_("Kode kabupaten/kota"), width=12), Column(_("Kode sentra"), width=16), Column(_("Nama sentra"), width=30),
                Column(_("Keadaan"), width=22), Column(_("Status ditemukan"), width=18), Column(_("Tanggal kunjungan"), DATE, 12),
                Column(_("Petugas"), width=14), Column(_("Lintang"), DECIMAL, 11), Column(_("Bujur"), DECIMAL, 11), Column(_("Catatan"), width=30),
                Column(_("Foto"), width=60)], self._item_rows(items), items.count),
        ]

    def _item_rows(self, items):
        states, statuses = dict(ItemState.choices), dict(FoundStatus.choices)
        visit_type = ContentType.objects.get_for_model(Visit)
        rows = items.order_by("kabupaten_id", "sentra__code").values_list(
            "kabupaten_id", "sentra__code", "sentra__name", "state", "current_visit_id", "current_visit__found_status",
            "current_visit__visited_on", "current_visit__officer__username", "current_visit__latitude", "current_visit__longitude",
            "current_visit__notes",
        )
        chunk = []
        for row in rows.iterator(chunk_size=CHUNK):
            chunk.append(row)
            if len(chunk) == CHUNK:
                yield from self._with_photos(chunk, states, statuses, visit_type)
                chunk = []
        yield from self._with_photos(chunk, states, statuses, visit_type)

    def _with_photos(self, chunk, states, statuses, visit_type):
        visit_ids = [str(row[4]) for row in chunk if row[4]]
        photos = {}
        if visit_ids:
            for object_id, pk in (
                Evidence.objects.filter(content_type=visit_type, object_id__in=visit_ids).order_by("object_id", "position").values_list("object_id", "pk")
            ):
                photos.setdefault(object_id, []).append(self.base_url + reverse("evidence:file", args=[pk]))
        for kab, code, name, state, visit_id, found, visited_on, officer, lat, lon, notes in chunk:
            yield [kab, code, name, str(states.get(state, state)), str(statuses.get(found, found or "")), visited_on, officer or "",
                   lat, lon, notes or "", "\n".join(photos.get(str(visit_id), []))]
