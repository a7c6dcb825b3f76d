from django.core.exceptions import ValidationError
from django.core.validators import MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from core.links import RegionLink
from core.models import TrackedModel
from facilities.region_copy import copy_field, copy_indexes
from ikm.models import SentraMembership


class RoomState(models.TextChoices):
    KOSONG = "kosong", _("Kosong")
    TERISI = "terisi", _("Terisi, tidak aktif berproduksi")
    AKTIF = "aktif", _("Aktif digunakan")


class Room(TrackedModel):
    """A production room of a sentra facility and who, if anyone, uses it.

    The database refuses an occupant that is not a current member of the room's sentra (trigger in
    migration 0002), so "20 rooms, 18 occupied, 4 actively used" is always about the sentra's own IKM.
    """

    REGION_PATH = "sentra__desa"
    REGION_COPY_COLUMN = "sentra_desa"
    REGION_LINKS = (
        RegionLink("occupant", "sentra__desa", "occupant__desa", _("Ruang hanya dapat dipakai unit IKM dari kabupaten/kota sentranya.")),
    )

    sentra = models.ForeignKey("sentra.Sentra", verbose_name=_("sentra"), on_delete=models.CASCADE, related_name="rooms")
    name = models.CharField(_("nama/nomor ruang"), max_length=60)
    state = models.CharField(_("keadaan"), max_length=8, choices=RoomState.choices, default=RoomState.KOSONG, db_index=True)
    occupant = models.ForeignKey(
        "ikm.IkmUnit", verbose_name=_("digunakan oleh"), null=True, blank=True, on_delete=models.PROTECT, related_name="rooms"
    )
    area_m2 = models.DecimalField(_("luas (m²)"), max_digits=8, decimal_places=2, null=True, blank=True, validators=[MinValueValidator(0)])
    notes = models.CharField(_("catatan"), max_length=200, blank=True)
    # The sentra's desa code, so a province's rooms are read from their own index (facilities/region_copy.py).
    sentra_desa = copy_field()

    history = HistoricalRecords(excluded_fields=["updated_at", "sentra_desa"])

    class Meta:
        verbose_name = _("ruang produksi")
        verbose_name_plural = _("ruang produksi")
        ordering = ["sentra_id", "name"]
        indexes = copy_indexes("room")
        constraints = [
            models.UniqueConstraint(
                fields=["sentra", "name"],
                name="room_name_unique_per_sentra",
                violation_error_message=_("Nama ruang ini sudah dipakai di sentra yang sama."),
            ),
            # An empty room has no occupant; an occupied or active room has one.
            models.CheckConstraint(
                name="room_occupant_matches_state",
                condition=(Q(state="kosong") & Q(occupant__isnull=True)) | (~Q(state="kosong") & Q(occupant__isnull=False)),
                violation_error_message=_("Ruang kosong tidak memiliki pengguna; ruang terisi atau aktif harus memiliki pengguna."),
            ),
            models.CheckConstraint(name="room_area_not_negative", condition=Q(area_m2__isnull=True) | Q(area_m2__gte=0)),
        ]

    def __str__(self):
        return f"{self.name} ({self.get_state_display()})"

    def clean(self):
        # Mirrors the database trigger so a form can say why instead of failing on save.
        if self.occupant_id and self.sentra_id and not SentraMembership.objects.filter(
            ikm_id=self.occupant_id, sentra_id=self.sentra_id, left_on__isnull=True
        ).exists():
            raise ValidationError({"occupant": _("Pengguna ruang harus anggota aktif sentra ini.")})
        if self.pk and self.sentra_id and Machine.objects.filter(room_id=self.pk).exclude(sentra_id=self.sentra_id).exists():
            raise ValidationError({"sentra": _("Ruang ini masih berisi mesin sentranya; pindahkan mesinnya dulu.")})


class EquipmentType(models.Model):
    """Configurable list of machine and equipment types (gedogan loom, semi-ATBM, vacuum fryer, ...)."""

    code = models.SlugField(_("kode"), max_length=60, unique=True)
    name = models.CharField(_("nama"), max_length=120, unique=True)
    category = models.CharField(_("kategori"), max_length=60, blank=True)

    class Meta:
        verbose_name = _("jenis mesin/peralatan")
        verbose_name_plural = _("jenis mesin/peralatan")
        ordering = ["name"]

    def __str__(self):
        return self.name


class MachineCondition(models.TextChoices):
    BAIK = "baik", _("Baik")
    RUSAK_RINGAN = "rusak_ringan", _("Rusak ringan")
    RUSAK_BERAT = "rusak_berat", _("Rusak berat")
    TIDAK_DIGUNAKAN = "tidak_digunakan", _("Baik, tidak digunakan")


class FundingSource(models.TextChoices):
    DAK = "dak", _("DAK Fisik Bidang IKM")
    APBN = "apbn", _("APBN (selain DAK)")
    APBD = "apbd", _("APBD")
    SWADAYA = "swadaya", _("Swadaya")
    HIBAH = "hibah", _("Hibah/CSR")
    LAINNYA = "lainnya", _("Lainnya")


class Machine(TrackedModel):
    REGION_PATH = "sentra__desa"
    REGION_COPY_COLUMN = "sentra_desa"

    sentra = models.ForeignKey("sentra.Sentra", verbose_name=_("sentra"), on_delete=models.CASCADE, related_name="machines")
    room = models.ForeignKey(Room, verbose_name=_("ruang"), null=True, blank=True, on_delete=models.SET_NULL, related_name="machines")
    equipment_type = models.ForeignKey(EquipmentType, verbose_name=_("jenis"), on_delete=models.PROTECT, related_name="machines")
    description = models.CharField(_("uraian"), max_length=200, blank=True)
    quantity = models.PositiveIntegerField(_("jumlah"), default=1)
    condition = models.CharField(_("kondisi"), max_length=16, choices=MachineCondition.choices, default=MachineCondition.BAIK)
    year_acquired = models.PositiveSmallIntegerField(_("tahun pengadaan"), null=True, blank=True)
    funding_source = models.CharField(_("sumber dana"), max_length=10, choices=FundingSource.choices, blank=True)
    sentra_desa = copy_field()  # as Room.sentra_desa

    history = HistoricalRecords(excluded_fields=["updated_at", "sentra_desa"])

    class Meta:
        verbose_name = _("mesin/peralatan")
        verbose_name_plural = _("mesin/peralatan")
        ordering = ["sentra_id", "equipment_type__name", "id"]
        indexes = copy_indexes("machine")
        constraints = [
            models.CheckConstraint(
                name="machine_year_plausible", condition=Q(year_acquired__isnull=True) | Q(year_acquired__range=(1950, 2100))
            ),
        ]

    def __str__(self):
        return f"{self.equipment_type} x{self.quantity}"

    def clean(self):
        # Mirrors the database trigger (core.triggers.MACHINE_ROOM_SAME_SENTRA): a room of another sentra would
        # show this sentra's machine to another sentra's (possibly another kabupaten's) staff.
        if self.room_id and self.sentra_id and self.room.sentra_id != self.sentra_id:
            raise ValidationError({"room": _("Mesin hanya dapat ditempatkan di ruang milik sentranya sendiri.")})
