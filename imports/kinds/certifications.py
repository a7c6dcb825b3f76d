from django.utils.translation import gettext as _, gettext_lazy

from ikm.models import Certification, CertificationKind as Kinds, IkmUnit
from ikm.selectors import certification_list

from .. import values
from ..values import CellError, Noted
from .base import AMBIGUOUS, Column, ImportKind, chunks, choice_column
from .references import load_units, unit_by_nib

PIRT = values.digits_id(15, "PIRT")


class CertificationKind(ImportKind):
    code = "sertifikasi"
    label = gettext_lazy("Sertifikasi unit IKM")
    model = Certification
    key_label_name = gettext_lazy("Nomor sertifikat")
    key_help = gettext_lazy("Jenis + Nomor sertifikat: nomor yang sudah ada mengubah sertifikat itu, nomor baru menambahkannya ke unit ber-NIB itu.")
    columns = [
        Column("NIB", values.nib, required=True, help=gettext_lazy("NIB unit IKM pemegang sertifikat."), example="9120001234567",
               aliases=("no nib", "nomor nib", "nib ikm", "nib pemegang")),
        choice_column("Jenis Sertifikat", "kind", Kinds.choices, required=True, example="SPP-IRT (PIRT)",
                      aliases=("jenis", "sertifikat", "jenis sertifikasi", "sertifikasi")),
        Column("Nomor Sertifikat", values.text(60), required=True, help=gettext_lazy("PIRT: 15 digit; spasi, titik dan tanda hubung boleh."),
               example="123456789012345", aliases=("nomor", "no sertifikat", "nomor izin", "no izin", "nomor pirt", "nomor halal")),
        Column("Tanggal Terbit", values.date, field="issued_on", aliases=("terbit", "tanggal dikeluarkan", "tgl terbit", "tanggal")),
        Column("Berlaku Sampai", values.date, field="valid_until", aliases=("masa berlaku", "berlaku hingga", "tanggal berakhir", "kedaluwarsa")),
    ]

    def prepare(self, rows):
        self.units = load_units(rows, scope=self.scope)
        self.units_by_id = {unit.pk: unit for unit in self.units.values()}

    def resolve(self, row):
        row.data = self.direct_data(row)
        unit = unit_by_nib(self.units, row.cells.get("NIB"))
        if unit is not None:
            row.data["ikm_id"] = unit.pk
        kind, number = row.data.get("kind"), row.cells.get("Nomor Sertifikat")
        if number and kind == Kinds.PIRT:
            number = PIRT(number)
            if isinstance(number, Noted):
                number = number.value
        if number:
            row.data["number"] = number
        if kind and number:
            row.key = (kind, number)
            row.key_label = f"{number}"

    def natural_key(self, certification):
        return (certification.kind, certification.number)

    def load_existing(self, keys, *, lock):
        found = {}
        for chunk in chunks({key[1] for key in keys}):
            queryset = Certification.objects.filter(number__in=chunk)
            for certification in queryset.select_for_update() if lock else queryset:
                key = self.natural_key(certification)
                found[key] = AMBIGUOUS if key in found else certification
        return found

    def _unit(self, ikm_id):
        if ikm_id not in self.units_by_id:
            self.units_by_id[ikm_id] = IkmUnit.all_objects.only("id", "nib", "name", "desa_id").get(pk=ikm_id)
        return self.units_by_id[ikm_id]

    def region_of(self, certification):
        return self._unit(certification.ikm_id).desa_id

    def attach_relations(self, certification):
        certification.ikm = self._unit(certification.ikm_id)

    def check(self, certification, row):
        if certification.issued_on and certification.valid_until and certification.valid_until < certification.issued_on:
            return [_("Tanggal berlaku sampai tidak boleh sebelum tanggal terbit.")]
        return []

    def finish(self, row, instance, existing):
        if existing is not None and "ikm_id" in row.data and row.data["ikm_id"] != existing.ikm_id:
            raise CellError(_("Nomor sertifikat ini sudah tercatat untuk unit IKM lain di wilayah Anda (%(unit)s); periksa nomornya.")
                            % {"unit": self._unit(existing.ikm_id).name})

    def export_queryset(self, user):
        return certification_list(user=user).select_related("ikm").order_by("ikm__name", "kind", "number")

    def export_cells(self, certification):
        return [certification.ikm.nib, certification.get_kind_display(), certification.number, certification.issued_on,
                certification.valid_until]
