from django.db.models import Prefetch
from django.utils.translation import gettext as _, gettext_lazy

from core.lookups import ANY_OF_CHUNK
from ikm.models import IkmUnit, ProductionPlace, SentraMembership
from ikm.models.unit import MAX_WORKERS_PER_SEX
from ikm.selectors import ikm_list

from .. import values
from ..resolvers import commodity_lookup
from ..values import CellError
from .base import AMBIGUOUS, Column, ImportKind, chunks, choice_column, normalize, point_columns, region_columns
from .references import SentraIndex

MONEY_MAX = 10**15  # Rp1.000 triliun: far above any IKM, low enough to catch a pasted account number
WORKERS = values.integer(0, MAX_WORKERS_PER_SEX)
SIMILAR_NAME = 88  # rapidfuzz token_sort_ratio from which two names in one desa may be one business


class IkmKind(ImportKind):
    code = "ikm"
    label = gettext_lazy("Unit IKM")
    model = IkmUnit
    key_label_name = "NIB"
    lazy_create = True
    point_fields = ("latitude", "longitude")
    key_help = gettext_lazy(
        "NIB: baris dengan NIB yang sudah ada mengubah unit itu. Tanpa NIB, unit dicocokkan dengan nama usaha di desa yang sama."
    )
    columns = [
        Column("NIB", values.nib, field="nib", help=gettext_lazy("Nomor Induk Berusaha, 13 digit."), example="9120001234567",
               aliases=("no nib", "nomor nib", "nomor induk berusaha", "nib oss", "no induk berusaha", "nib ikm")),
        Column("Nama Usaha", values.text(200), field="name", required=True, example="Tenun Ikat Ina",
               aliases=("nama perusahaan", "nama ikm", "nama unit usaha", "nama usaha ikm", "nama industri", "perusahaan",
                        "nama badan usaha", "nama umkm", "nama unit", "nama usaha industri", "usaha", "nama kelompok")),
        Column("Nama Pemilik", values.text(200), field="owner_name",
               aliases=("pemilik", "nama pengusaha", "penanggung jawab", "nama pemilik usaha", "pengusaha", "pimpinan",
                        "nama pimpinan", "ketua kelompok")),
        *region_columns(),
        Column("Alamat", values.text(2000, multiline=True), field="address",
               aliases=("alamat usaha", "alamat lengkap", "lokasi", "alamat perusahaan", "alamat ikm", "jalan")),
        *point_columns(),
        Column("Komoditas", values.text(120), required=True, help=gettext_lazy("Nama, nama lain, kode, atau kode KBLI komoditas."),
               example="Tenun ikat",
               aliases=("komoditi", "jenis komoditas", "jenis usaha", "bidang usaha", "cabang industri", "jenis industri",
                        "kbli", "kode kbli", "komoditas utama", "sektor")),
        Column("Produk", values.text(200), field="product",
               aliases=("jenis produk", "produk yang dihasilkan", "hasil produksi", "nama produk", "produk utama")),
        Column("Tenaga Kerja Laki-laki", WORKERS, field="workers_male", example=2,
               aliases=("tenaga kerja l", "tk l", "laki laki", "tk laki laki", "tenaga kerja pria", "pria", "tk pria",
                        "jumlah tenaga kerja l", "jumlah tenaga kerja laki laki", "tenaga kerja orang l", "jml tk l", "l")),
        Column("Tenaga Kerja Perempuan", WORKERS, field="workers_female", example=5,
               aliases=("tenaga kerja p", "tk p", "perempuan", "wanita", "tk perempuan", "tenaga kerja wanita", "tk wanita",
                        "jumlah tenaga kerja p", "jumlah tenaga kerja perempuan", "tenaga kerja orang p", "jml tk p", "p")),
        Column("Tenaga Kerja Total", values.integer(0, 3 * MAX_WORKERS_PER_SEX), summable=True,
               help=gettext_lazy("Jumlah seluruh tenaga kerja. Jika hanya jumlah ini yang diketahui, isi kolom ini saja: "
                                 "selisihnya dengan laki-laki + perempuan dicatat sebagai tenaga kerja tanpa keterangan jenis kelamin."),
               aliases=("jumlah tenaga kerja", "jml tk", "jumlah tk", "tk", "tenaga kerja", "total tenaga kerja",
                        "tenaga kerja jumlah", "tenaga kerja orang", "jml tenaga kerja", "tk total", "jumlah pekerja", "pekerja",
                        "tenaga kerja tetap", "tk tetap", "tenaga kerja tidak tetap", "tk tidak tetap", "tenaga kerja harian",
                        "tk harian", "tenaga kerja total orang", "jumlah tenaga kerja orang", "tenaga kerja l p", "tk l p")),
        Column("Nilai Investasi (Rp)", values.money(MONEY_MAX), field="investment", help=gettext_lazy("Tanpa tanah dan bangunan."),
               example=25_000_000,
               aliases=("nilai investasi", "investasi", "investasi rp", "modal", "modal usaha", "nilai investasi rp",
                        "investasi tanpa tanah dan bangunan", "nilai investasi mesin peralatan")),
        Column("Kapasitas Produksi per Tahun", values.decimal(2, 0, 10**11), field="production_capacity",
               aliases=("kapasitas produksi", "kapasitas", "kapasitas per tahun", "kapasitas produksi tahun", "kapasitas produksi th")),
        Column("Satuan Kapasitas", values.text(30), field="capacity_unit", aliases=("satuan", "satuan kapasitas produksi", "satuan produksi")),
        Column("Nilai Produksi per Tahun (Rp)", values.money(MONEY_MAX), field="production_value",
               aliases=("nilai produksi", "nilai produksi rp", "nilai produksi tahun", "nilai produksi per tahun", "nilai produksi rp tahun")),
        Column("Omzet per Tahun (Rp)", values.money(MONEY_MAX), field="sales",
               aliases=("omzet", "omset", "omset per tahun", "penjualan", "nilai penjualan", "omzet rp", "omset rp", "omzet tahun")),
        choice_column("Tempat Produksi", "production_place", ProductionPlace.choices, aliases=("lokasi produksi", "tempat usaha")),
        Column("Kode Sentra", values.text(200),
               help=gettext_lazy("Kode (atau nama) sentra tempat unit ini menjadi anggota; beberapa dipisah koma. Keanggotaan baru "
                                 "ditambahkan, yang sudah ada tidak diakhiri."),
               aliases=("sentra", "nama sentra", "kode nama sentra", "anggota sentra", "keanggotaan sentra")),
        Column("Tanggal Bergabung", values.date, help=gettext_lazy("Untuk keanggotaan sentra yang baru."),
               aliases=("tanggal masuk", "tgl bergabung", "bergabung sejak", "tahun bergabung")),
    ]

    def prepare(self, rows):
        self.commodities = commodity_lookup(self.chosen_values.get("Komoditas"))
        self.sentra = SentraIndex(rows, "Kode Sentra", scope=self.scope, split=True)
        self.open_memberships = {}

    def resolve(self, row):
        cells = row.cells
        row.key_label = cells.get("NIB") or cells.get("Nama Usaha") or ""
        row.data = self.direct_data(row)
        desa = self.resolve_region(row)
        if desa is not None:
            row.data["desa_id"] = desa
        commodity = self.commodities.resolve(cells.get("Komoditas"))
        if commodity is not None:
            row.data["commodity_id"] = commodity
        nib, name = cells.get("NIB"), cells.get("Nama Usaha")
        if nib:
            row.key, row.key_label = ("nib", nib), nib
        elif name and desa:
            row.key, row.key_label = ("name", normalize(name), desa), name
        if cells.get("Kode Sentra") is not None:
            row.requested_sentra = self.sentra.resolve_many(cells["Kode Sentra"])

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

    def after_load(self, units):
        """Open memberships of the units the rows update (only when a row names a sentra)."""
        if not self.sentra.any:
            return
        ids = [unit.pk for unit in units if unit is not None and unit is not AMBIGUOUS]
        for chunk in chunks(ids, ANY_OF_CHUNK):
            for ikm_id, sentra_id in SentraMembership.objects.filter(ikm_id__any_of=chunk, left_on__isnull=True).values_list("ikm_id", "sentra_id"):
                self.open_memberships.setdefault(ikm_id, set()).add(sentra_id)

    def finish(self, row, instance, existing):
        data = row.data
        total = row.cells.get("Tenaga Kerja Total")
        male = data.get("workers_male", existing.workers_male if existing else 0)
        female = data.get("workers_female", existing.workers_female if existing else 0)
        if total is not None:
            unsplit = total - male - female
            if unsplit < 0:
                raise CellError(
                    _("Tenaga kerja total (%(total)s) lebih kecil dari laki-laki + perempuan (%(sum)s); perbaiki salah satunya")
                    % {"total": total, "sum": male + female}
                )
            if unsplit > MAX_WORKERS_PER_SEX:
                raise CellError(_("Tenaga kerja total (%(total)s) terlalu besar") % {"total": total})
            data["workers_unsplit"] = unsplit
        elif existing is not None and existing.workers_unsplit and ("workers_male" in data or "workers_female" in data):
            row.warnings.append(
                _("Unit ini juga mencatat %(n)s tenaga kerja tanpa keterangan jenis kelamin; isi kolom Tenaga Kerja Total untuk "
                  "memperbaruinya.") % {"n": existing.workers_unsplit}
            )
        row.extra.pop("sentra", None)
        requested = row.requested_sentra
        if requested:
            desa = data.get("desa_id") or (existing.desa_id if existing else None)
            for sentra in requested:
                if desa and sentra.desa_id[:5] != desa[:5]:
                    raise CellError(
                        _("Kode Sentra: sentra %(code)s berada di %(sentra_region)s, sedangkan unit ini di %(unit_region)s; "
                          "keanggotaan hanya di kabupaten/kota yang sama")
                        % {"code": sentra.code, "sentra_region": self.regions.short(sentra.desa_id[:5]),
                           "unit_region": self.regions.short(desa[:5])}
                    )
            current = self.open_memberships.get(existing.pk, set()) if existing is not None else set()
            new = sorted({sentra.pk for sentra in requested} - current)
            if new:
                row.extra["sentra"] = new
                row.payload_extra["joined_on"] = row.cells.get("Tanggal Bergabung")
                row.payload_extra["codes"] = [self.sentra.code_of(pk) for pk in new]

    def current_extra(self, instance):
        return {}

    def describe(self, field_name):
        if field_name == "sentra":
            return _("Keanggotaan sentra baru")
        return super().describe(field_name)

    def show_value(self, field_name, value):
        if field_name == "sentra":
            return ", ".join(self.sentra.code_of(pk) for pk in value or [])
        return super().show_value(field_name, value)

    def find_similar(self, rows):
        """New units that may be a stored unit without NIB in the same desa: the same name (normalised), or
        for rows without NIB also a similar one ("Tenun Ibu Ina" / "Tenun Ina")."""
        desas = {row.data.get("desa_id") for row in rows if row.data.get("desa_id")}
        nameless = {}
        for chunk in chunks(desas, ANY_OF_CHUNK):
            for pk, name, desa in IkmUnit.objects.filter(nib__isnull=True, desa_id__any_of=chunk).values_list("id", "name", "desa_id"):
                nameless.setdefault(desa, {})[normalize(name)] = (pk, name)
        found = {}
        for row in rows:
            in_desa = nameless.get(row.data.get("desa_id"))
            name = row.data.get("name")
            if not in_desa or not name:
                continue
            norm = normalize(name)
            match = in_desa.get(norm)
            if match is None and row.key and row.key[0] == "name":
                match = self._similar_name(norm, in_desa)
            if match is not None:
                found[row.number] = (match[0], match[1])
        return found

    @staticmethod
    def _similar_name(norm, in_desa):
        """A stored name spelled alike ("tenun ibu ina" / "tenun ina"): close as a whole, or one name's words
        (at least two) all found in the other."""
        from rapidfuzz import fuzz

        words = len(norm.split())
        for stored, unit in in_desa.items():
            if fuzz.token_sort_ratio(norm, stored) >= SIMILAR_NAME:
                return unit
            if min(words, len(stored.split())) >= 2 and fuzz.token_set_ratio(norm, stored) == 100:
                return unit
        return None

    def link_payload(self, row):
        if not row.extra.get("sentra"):
            return None
        return {"sentra": row.extra["sentra"], "codes": row.payload_extra.get("codes", []), "joined_on": row.payload_extra.get("joined_on")}

    def write_links(self, items):
        from core.services import records_bulk_upsert

        if not items:
            return
        by_key = {}
        for pk, key, _link in items:
            if pk is None and key:
                by_key[tuple(key)] = None
        nibs = [key[1] for key in by_key if key[0] == "nib"]
        for chunk in chunks(nibs, ANY_OF_CHUNK):
            for unit in IkmUnit.objects.filter(nib__any_of=chunk).only("id", "nib", "desa_id"):
                by_key[("nib", unit.nib)] = unit.pk
        desas = {key[2] for key in by_key if key[0] == "name"}
        for chunk in chunks(desas, ANY_OF_CHUNK):
            for unit in IkmUnit.objects.filter(nib__isnull=True, desa_id__any_of=chunk).only("id", "name", "desa_id"):
                by_key.setdefault(("name", normalize(unit.name), unit.desa_id), unit.pk)
        ids = {pk if pk is not None else by_key.get(tuple(key)) for pk, key, _link in items}
        units = {unit.pk: unit for unit in IkmUnit.objects.filter(pk__in=[pk for pk in ids if pk]).only("id", "desa_id")}
        memberships = []
        for pk, key, link in items:
            unit = units.get(pk if pk is not None else by_key.get(tuple(key)))
            if unit is None:
                continue
            for sentra_id in link["sentra"]:
                membership = SentraMembership(ikm=unit, sentra_id=sentra_id, joined_on=link.get("joined_on"))
                membership.full_clean(exclude=["ikm", "sentra"])
                memberships.append(membership)
        records_bulk_upsert(user=self.user, model=SentraMembership, creates=memberships, updates=[], update_fields=[])

    def region_of(self, instance):
        return instance.desa_id

    def region_of_data(self, data):
        return data.get("desa_id")

    def export_queryset(self, user):
        open_memberships = SentraMembership.objects.filter(left_on__isnull=True).select_related("sentra").order_by("sentra__code")
        return (
            ikm_list(user=user).select_related(None).select_related("commodity")
            .prefetch_related(Prefetch("memberships", queryset=open_memberships, to_attr="open_memberships"))
            .order_by("name", "id")
        )

    def export_cells(self, unit):
        memberships = unit.open_memberships
        return [
            unit.nib, unit.name, unit.owner_name, *self.region_cells(unit.desa_id), unit.desa_id, unit.address, unit.latitude,
            unit.longitude, unit.commodity.name,
            unit.product, unit.workers_male, unit.workers_female, unit.total_workers, unit.investment, unit.production_capacity,
            unit.capacity_unit, unit.production_value, unit.sales, unit.get_production_place_display(),
            ", ".join(membership.sentra.code for membership in memberships) or None,
            memberships[0].joined_on if len(memberships) == 1 else None,
        ]
