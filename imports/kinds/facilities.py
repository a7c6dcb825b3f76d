from django.utils.translation import gettext as _, gettext_lazy

from facilities.models import EquipmentType, FundingSource, Machine, MachineCondition, Room, RoomState
from facilities.selectors import machine_list, room_list
from ikm.models import SentraMembership

from .. import values
from ..resolvers import NamedLookup
from .base import AMBIGUOUS, Column, ImportKind, chunks, choice_column, next_year, normalize
from .references import load_sentra, load_units, sentra_by_code, unit_by_nib


class RoomKind(ImportKind):
    code = "ruang"
    label = gettext_lazy("Ruang produksi")
    model = Room
    key_label_name = gettext_lazy("Nama ruang")
    key_help = gettext_lazy("Kode Sentra + Nama/Nomor Ruang: ruang yang sudah ada di sentra itu diubah, nama baru membuat ruang baru.")
    columns = [
        Column("Kode Sentra", values.text(32), required=True, example="SNT-ALOR-001", aliases=("sentra", "kode sentra ikm")),
        Column("Nama/Nomor Ruang", values.text(60), field="name", required=True, example="Ruang 1",
               aliases=("nama ruang", "nomor ruang", "ruang", "no ruang", "nama nomor ruang", "unit ruang")),
        choice_column("Keadaan", "state", RoomState.choices, example="Aktif digunakan", aliases=("kondisi", "status", "keadaan ruang", "status ruang")),
        Column("NIB Pengguna", values.nib, help=gettext_lazy("NIB unit IKM anggota sentra yang memakai ruang; kosongkan untuk ruang kosong."),
               aliases=("nib", "nib penghuni", "nib pemakai", "pengguna", "nib ikm pengguna", "nib unit ikm")),
        Column("Luas (m2)", values.decimal(2, 0, 10**6), field="area_m2", example=24, aliases=("luas", "luas m2", "luas ruang", "ukuran")),
        Column("Catatan", values.text(200), field="notes", aliases=("keterangan", "ket")),
    ]

    def prepare(self, rows):
        self.sentra = load_sentra(rows, scope=self.scope)
        self.sentra_by_id = {sentra.pk: sentra for sentra in self.sentra.values()}
        self.units = load_units(rows, "NIB Pengguna", scope=self.scope)
        self.occupant_desa = {unit.pk: unit.desa_id for unit in self.units.values()}
        self.members = set()
        for chunk in chunks(sentra.pk for sentra in self.sentra.values()):
            self.members.update(
                SentraMembership.objects.filter(sentra_id__in=chunk, left_on__isnull=True).values_list("ikm_id", "sentra_id")
            )

    def resolve(self, row):
        row.data = self.direct_data(row)
        sentra = sentra_by_code(self.sentra, row.cells.get("Kode Sentra"))
        occupant = unit_by_nib(self.units, row.cells.get("NIB Pengguna"))
        if sentra is not None:
            row.data["sentra_id"] = sentra.pk
        if occupant is not None:
            row.data["occupant_id"] = occupant.pk
        elif row.data.get("state") == RoomState.KOSONG:
            row.data["occupant_id"] = None  # "Kosong" itself says nobody uses the room
        if sentra is not None and row.cells.get("Nama/Nomor Ruang"):
            row.key = (sentra.pk, normalize(row.cells["Nama/Nomor Ruang"]))
            row.key_label = f"{sentra.code} / {row.cells['Nama/Nomor Ruang']}"

    def load_existing(self, keys, *, lock):
        found = {}
        for chunk in chunks({key[0] for key in keys}):
            queryset = Room.objects.filter(sentra_id__in=chunk)
            for room in queryset.select_for_update() if lock else queryset:
                found[(room.sentra_id, normalize(room.name))] = room
        return found

    def check(self, room, row):
        if room.state == RoomState.KOSONG and room.occupant_id:
            return [_("Ruang berkeadaan Kosong tidak boleh memiliki pengguna.")]
        if room.state != RoomState.KOSONG and not room.occupant_id:
            return [_("Ruang terisi atau aktif harus diisi NIB Pengguna.")]
        occupant_desa = self.occupant_desa.get(room.occupant_id)
        sentra_desa = self._sentra(room.sentra_id).desa_id
        if room.occupant_id and occupant_desa and occupant_desa[:5] != sentra_desa[:5]:
            return [_("Pengguna ruang (NIB %(nib)s) berada di %(unit_region)s, sedangkan sentra ini di %(sentra_region)s; ruang hanya "
                      "dapat dipakai unit IKM di kabupaten/kota yang sama.")
                    % {"nib": row.cells.get("NIB Pengguna") or "?", "unit_region": self.regions.short(occupant_desa[:5]),
                       "sentra_region": self.regions.short(sentra_desa[:5])}]
        if room.occupant_id and (room.occupant_id, room.sentra_id) not in self.members:
            return [_("Pengguna ruang (NIB %(nib)s) bukan anggota aktif sentra ini.") % {"nib": row.cells.get("NIB Pengguna") or "?"}]
        return []

    def _sentra(self, sentra_id):
        if sentra_id not in self.sentra_by_id:  # a room named by its ID may sit in a sentra the file doesn't name
            from sentra.models import Sentra

            self.sentra_by_id[sentra_id] = Sentra.all_objects.only("id", "code", "name", "desa_id").get(pk=sentra_id)
        return self.sentra_by_id[sentra_id]

    def region_of(self, room):
        return self._sentra(room.sentra_id).desa_id

    def attach_relations(self, room):
        room.sentra = self._sentra(room.sentra_id)

    def export_queryset(self, user):
        return room_list(user=user).order_by("sentra__code", "name")

    def export_cells(self, room):
        return [room.sentra.code, room.name, room.get_state_display(), room.occupant.nib if room.occupant else None, room.area_m2, room.notes]


class MachineKind(ImportKind):
    code = "mesin"
    label = gettext_lazy("Mesin/peralatan")
    model = Machine
    record_id = False  # its own "ID Mesin" column plays that part
    key_help = gettext_lazy(
        "ID Mesin jika diisi (dari workbook isian); jika kosong: Kode Sentra + Jenis Peralatan + Uraian."
    )
    columns = [
        Column("ID Mesin", values.integer(1), help=gettext_lazy("Diisi otomatis di workbook isian; kosongkan untuk mesin baru.")),
        Column("Kode Sentra", values.text(32), required=True, example="SNT-ALOR-001", aliases=("sentra",)),
        Column("Jenis Peralatan", values.text(120), required=True, help=gettext_lazy("Nama atau kode jenis peralatan."), example="Alat tenun gedogan",
               aliases=("jenis mesin", "jenis alat", "nama mesin", "nama alat", "mesin peralatan", "jenis mesin peralatan", "peralatan")),
        Column("Uraian", values.text(200), field="description", aliases=("keterangan", "spesifikasi", "merek", "merk", "uraian mesin")),
        Column("Jumlah", values.integer(1, 100_000), field="quantity", example=4, aliases=("jumlah unit", "jml", "banyaknya", "unit", "qty")),
        choice_column("Kondisi", "condition", MachineCondition.choices, example="Baik", aliases=("keadaan", "kondisi mesin")),
        Column("Tahun Pengadaan", values.integer(1950, next_year), field="year_acquired", example=2023,
               aliases=("tahun", "tahun perolehan", "tahun pembelian", "thn pengadaan")),
        choice_column("Sumber Dana", "funding_source", FundingSource.choices, aliases=("sumber dana pengadaan", "sumber pendanaan", "dana")),
        Column("Nama/Nomor Ruang", values.text(60), help=gettext_lazy("Ruang di sentra yang sama tempat mesin berada."),
               aliases=("ruang", "nama ruang", "lokasi ruang")),
    ]

    def prepare(self, rows):
        self.sentra = load_sentra(rows, scope=self.scope)
        self.sentra_by_id = {sentra.pk: sentra for sentra in self.sentra.values()}
        self.types = NamedLookup(EquipmentType.objects.all(), _("Jenis peralatan"), chosen=self.chosen_values.get("Jenis Peralatan"),
                                 column="Jenis Peralatan")
        self.rooms = {}
        for chunk in chunks(sentra.pk for sentra in self.sentra.values()):
            for room_id, sentra_id, name in Room.objects.filter(sentra_id__in=chunk).values_list("id", "sentra_id", "name"):
                self.rooms[(sentra_id, normalize(name))] = room_id

    def resolve(self, row):
        row.data = self.direct_data(row)
        sentra = sentra_by_code(self.sentra, row.cells.get("Kode Sentra"))
        equipment = self.types.resolve(row.cells.get("Jenis Peralatan"))
        if sentra is not None:
            row.data["sentra_id"] = sentra.pk
        if equipment is not None:
            row.data["equipment_type_id"] = equipment
        room_name = row.cells.get("Nama/Nomor Ruang")
        if room_name and sentra is not None:
            room = self.rooms.get((sentra.pk, normalize(room_name)))
            if room is None:
                row.errors.append(_("Nama/Nomor Ruang: ruang '%(room)s' tidak ada di sentra %(code)s; tulis nama ruang seperti di daftar "
                                    "ruang sentra itu") % {"room": room_name, "code": sentra.code})
            row.data["room_id"] = room
        if row.cells.get("ID Mesin"):
            row.key, row.key_label = ("id", row.cells["ID Mesin"]), f"ID {row.cells['ID Mesin']}"
        elif sentra is not None and equipment is not None:
            description = normalize(row.cells.get("Uraian") or "")
            row.key = ("natural", sentra.pk, equipment, description)
            row.key_label = f"{sentra.code} / {row.cells.get('Jenis Peralatan')} / {row.cells.get('Uraian') or '-'}"

    def load_existing(self, keys, *, lock):
        found = {}
        ids = [key[1] for key in keys if key[0] == "id"]
        sentra_ids = {key[1] for key in keys if key[0] == "natural"}
        for chunk in chunks(ids):
            queryset = Machine.objects.filter(id__in=chunk)
            for machine in queryset.select_for_update() if lock else queryset:
                found[("id", machine.pk)] = machine
        for chunk in chunks(sentra_ids):
            queryset = Machine.objects.filter(sentra_id__in=chunk)
            for machine in queryset.select_for_update() if lock else queryset:
                key = ("natural", machine.sentra_id, machine.equipment_type_id, normalize(machine.description))
                found[key] = AMBIGUOUS if key in found else machine
        return found

    def missing_existing(self, row):
        if row.key and row.key[0] == "id":
            return _("Mesin dengan ID %(id)s tidak ditemukan di wilayah Anda; kosongkan ID untuk menambah mesin baru.") % {"id": row.key[1]}
        return None

    def taken_message(self, row):
        if row.key and row.key[0] == "id":
            return _("Mesin dengan ID %(id)s tidak ditemukan di wilayah Anda; kosongkan ID untuk menambah mesin baru.") % {"id": row.key[1]}
        return super().taken_message(row)

    def region_of(self, machine):
        if machine.sentra_id not in self.sentra_by_id:  # a machine found by ID may sit in a sentra the file doesn't name
            self.sentra_by_id[machine.sentra_id] = machine.sentra
        return self.sentra_by_id[machine.sentra_id].desa_id

    def attach_relations(self, machine):
        machine.sentra = self.sentra_by_id[machine.sentra_id]

    def export_queryset(self, user):
        return machine_list(user=user).order_by("sentra__code", "id")

    def export_cells(self, machine):
        return [
            machine.pk, machine.sentra.code, machine.equipment_type.name, machine.description, machine.quantity,
            machine.get_condition_display(), machine.year_acquired,
            machine.get_funding_source_display() if machine.funding_source else None, machine.room.name if machine.room else None,
        ]
