"""Pendataan ulang (census round): round -> worklist item per sentra -> visit (field evidence) -> review.

Nothing here changes the registry by itself: only an approved visit is applied, through the registry's own
services (census.services.apply), with the round and visit named as the source in every history row.
"""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from facilities.models import MachineCondition, RoomState


class Round(models.Model):
    """A census round. No scope regions = national; otherwise the provinces it covers."""

    name = models.CharField(_("nama"), max_length=200)
    year = models.PositiveSmallIntegerField(_("tahun"))
    provinces = models.ManyToManyField(
        "regions.Region", verbose_name=_("provinsi"), blank=True, related_name="+",
        help_text=_("Kosong untuk pendataan nasional."),
    )
    start_date = models.DateField(_("mulai"))
    deadline = models.DateField(_("batas waktu"))
    verify_status = models.BooleanField(_("status sentra"), default=True)
    verify_members = models.BooleanField(_("anggota yang masih berproduksi"), default=True)
    verify_rooms = models.BooleanField(_("ruang terisi dan aktif digunakan"), default=True)
    verify_machines = models.BooleanField(_("mesin ada dan berfungsi"), default=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("dibuka oleh"), null=True, on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(_("dibuka"), auto_now_add=True)
    item_count = models.PositiveIntegerField(_("jumlah sentra"), default=0, editable=False)

    class Meta:
        verbose_name = _("putaran pendataan ulang")
        verbose_name_plural = _("putaran pendataan ulang")
        ordering = ["-year", "-created_at"]
        constraints = [
            models.CheckConstraint(name="census_round_deadline_after_start", condition=Q(deadline__gte=models.F("start_date")),
                                   violation_error_message=_("Batas waktu tidak boleh sebelum tanggal mulai.")),
            models.CheckConstraint(name="census_round_year_plausible", condition=Q(year__range=(2000, 2100))),
            models.CheckConstraint(name="census_round_name_not_blank", condition=~Q(name="")),
        ]

    def __str__(self):
        return self.name


class ItemState(models.TextChoices):
    OPEN = "open", _("Belum dikunjungi")
    VISITED = "visited", _("Sudah dikunjungi")
    SUBMITTED = "submitted", _("Dikirim, menunggu pemeriksaan")
    RETURNED = "returned", _("Dikembalikan untuk perbaikan")
    APPROVED = "approved", _("Disetujui")


class FoundStatus(models.TextChoices):
    AKTIF = "aktif", _("Aktif")
    KURANG_AKTIF = "kurang_aktif", _("Kurang aktif")
    TIDAK_AKTIF = "tidak_aktif", _("Tidak aktif")
    TUTUP = "tutup", _("Tutup")
    MERGED = "merged", _("Bergabung dengan sentra lain")
    MOVED = "moved", _("Pindah lokasi")


# The national answer: alive, inactive or closed, as verified in a round.
ANSWER = {
    "alive": (FoundStatus.AKTIF, FoundStatus.KURANG_AKTIF, FoundStatus.MOVED),
    "inactive": (FoundStatus.TIDAK_AKTIF,),
    "closed": (FoundStatus.TUTUP, FoundStatus.MERGED),
}


class WorklistItem(models.Model):
    """One sentra to verify in one round. `kabupaten` and `province` are copied from the sentra's desa when
    the round opens, so the worklist of a kabupaten and the per-province dashboard read one indexed column.
    Who sees an item follows the sentra's desa, so a kecamatan officer sees the sentra of their kecamatan."""

    REGION_PATH = "sentra__desa"

    round = models.ForeignKey(Round, verbose_name=_("putaran"), on_delete=models.CASCADE, related_name="items")
    sentra = models.ForeignKey("sentra.Sentra", verbose_name=_("sentra"), on_delete=models.PROTECT, related_name="census_items")
    kabupaten = models.ForeignKey("regions.Region", verbose_name=_("kabupaten/kota"), on_delete=models.PROTECT, related_name="+")
    province = models.ForeignKey("regions.Region", verbose_name=_("provinsi"), on_delete=models.PROTECT, related_name="+")
    state = models.CharField(_("keadaan"), max_length=10, choices=ItemState.choices, default=ItemState.OPEN)
    sentra_version = models.PositiveIntegerField(_("versi sentra saat putaran dibuka"))
    current_visit = models.ForeignKey("Visit", verbose_name=_("kunjungan terakhir"), null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    found_status = models.CharField(_("status ditemukan"), max_length=12, choices=FoundStatus.choices, blank=True)
    updated_at = models.DateTimeField(_("diubah"), auto_now=True)

    class Meta:
        verbose_name = _("butir daftar kerja")
        verbose_name_plural = _("butir daftar kerja")
        ordering = ["round_id", "kabupaten_id", "sentra_id"]
        constraints = [models.UniqueConstraint(fields=["round", "sentra"], name="census_item_once_per_round")]
        indexes = [
            models.Index(fields=["round", "kabupaten", "state"], name="census_item_kab_state_idx"),
            models.Index(fields=["round", "province", "state"], name="census_item_prov_state_idx"),
        ]

    def __str__(self):
        return f"{self.round_id}/{self.sentra_id} {self.state}"


class Visit(models.Model):
    """What the officer found at the sentra. Never edited: a correction after a return is a new visit, so
    the evidence reviewed stays as it was. `idempotency_key` is made by the phone once per visit, so a
    retried upload stores the visit exactly once. `base_versions` are the versions of the records the phone
    showed (the downloaded worklist): a record changed since then is a conflict for the reviewer."""

    REGION_PATH = "item__sentra__desa"

    item = models.ForeignKey(WorklistItem, verbose_name=_("butir"), on_delete=models.CASCADE, related_name="visits")
    officer = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("petugas"), on_delete=models.PROTECT, related_name="+")
    idempotency_key = models.UUIDField(_("kunci idempoten"), unique=True)
    visited_on = models.DateField(_("tanggal kunjungan"))
    latitude = models.DecimalField(_("lintang (GPS)"), max_digits=9, decimal_places=6, null=True, blank=True)
    longitude = models.DecimalField(_("bujur (GPS)"), max_digits=9, decimal_places=6, null=True, blank=True)
    gps_accuracy_m = models.PositiveIntegerField(_("akurasi GPS (m)"), null=True, blank=True)
    found_status = models.CharField(_("status ditemukan"), max_length=12, choices=FoundStatus.choices)
    merged_into = models.ForeignKey("sentra.Sentra", verbose_name=_("bergabung dengan"), null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    moved_address = models.TextField(_("alamat baru"), blank=True)
    notes = models.TextField(_("catatan"), blank=True)
    base_versions = models.JSONField(_("versi data saat daftar kerja diunduh"), default=dict)
    created_at = models.DateTimeField(_("diterima"), auto_now_add=True)

    class Meta:
        verbose_name = _("kunjungan")
        verbose_name_plural = _("kunjungan")
        ordering = ["-created_at"]
        constraints = [
            models.CheckConstraint(name="census_visit_latitude_range", condition=Q(latitude__isnull=True) | Q(latitude__range=(-90, 90))),
            models.CheckConstraint(name="census_visit_longitude_range", condition=Q(longitude__isnull=True) | Q(longitude__range=(-180, 180))),
            models.CheckConstraint(name="census_visit_merged_has_target", condition=~Q(found_status="merged") | Q(merged_into__isnull=False),
                                   violation_error_message=_("Sebutkan sentra tempat bergabung.")),
        ]

    def __str__(self):
        return f"{_('Kunjungan')} #{self.pk}"


class VisitMember(models.Model):
    visit = models.ForeignKey(Visit, on_delete=models.CASCADE, related_name="members")
    membership = models.ForeignKey("ikm.SentraMembership", verbose_name=_("keanggotaan"), on_delete=models.CASCADE, related_name="+")
    producing = models.BooleanField(_("masih berproduksi"))

    class Meta:
        constraints = [models.UniqueConstraint(fields=["visit", "membership"], name="census_visit_member_once")]


class VisitNewMember(models.Model):
    """A unit found producing at the sentra but not in the registry: a lead for the dinas to register."""

    visit = models.ForeignKey(Visit, on_delete=models.CASCADE, related_name="new_members")
    name = models.CharField(_("nama usaha"), max_length=200)
    owner_name = models.CharField(_("nama pemilik"), max_length=200, blank=True)
    product = models.CharField(_("produk"), max_length=200, blank=True)


class VisitRoom(models.Model):
    visit = models.ForeignKey(Visit, on_delete=models.CASCADE, related_name="rooms")
    room = models.ForeignKey("facilities.Room", verbose_name=_("ruang"), on_delete=models.CASCADE, related_name="+")
    state = models.CharField(_("keadaan"), max_length=8, choices=RoomState.choices)
    occupant = models.ForeignKey("ikm.IkmUnit", verbose_name=_("digunakan oleh"), null=True, blank=True, on_delete=models.CASCADE, related_name="+")

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["visit", "room"], name="census_visit_room_once"),
            models.CheckConstraint(
                name="census_visit_room_occupant_matches_state",
                condition=(Q(state="kosong") & Q(occupant__isnull=True)) | (~Q(state="kosong") & Q(occupant__isnull=False)),
            ),
        ]


class VisitMachine(models.Model):
    visit = models.ForeignKey(Visit, on_delete=models.CASCADE, related_name="machines")
    machine = models.ForeignKey("facilities.Machine", verbose_name=_("mesin"), on_delete=models.CASCADE, related_name="+")
    condition = models.CharField(_("kondisi"), max_length=16, choices=MachineCondition.choices)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["visit", "machine"], name="census_visit_machine_once")]


class Decision(models.TextChoices):
    APPROVE = "approve", _("Setujui")
    RETURN = "return", _("Kembalikan untuk perbaikan")


class Transition(models.Model):
    """Every change of a worklist item's state: who, when, from, to, why (a review is one with a decision)."""

    item = models.ForeignKey(WorklistItem, on_delete=models.CASCADE, related_name="transitions")
    visit = models.ForeignKey(Visit, null=True, blank=True, on_delete=models.SET_NULL, related_name="transitions")
    from_state = models.CharField(_("dari"), max_length=10, choices=ItemState.choices)
    to_state = models.CharField(_("ke"), max_length=10, choices=ItemState.choices)
    decision = models.CharField(_("keputusan"), max_length=8, choices=Decision.choices, blank=True)
    user = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("oleh"), on_delete=models.PROTECT, related_name="+")
    at = models.DateTimeField(_("waktu"), auto_now_add=True)
    comment = models.TextField(_("komentar"), blank=True)

    class Meta:
        verbose_name = _("perubahan keadaan")
        verbose_name_plural = _("perubahan keadaan")
        ordering = ["at", "id"]
        constraints = [
            models.CheckConstraint(name="census_return_has_comment", condition=~Q(decision="return") | ~Q(comment=""),
                                   violation_error_message=_("Tuliskan apa yang harus diperbaiki.")),
        ]


class KabupatenSubmission(models.Model):
    """A kabupaten/kota sending its visited worklist for review (it may send again after corrections)."""

    round = models.ForeignKey(Round, on_delete=models.CASCADE, related_name="submissions")
    kabupaten = models.ForeignKey("regions.Region", verbose_name=_("kabupaten/kota"), on_delete=models.PROTECT, related_name="+")
    submitted_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    submitted_at = models.DateTimeField(auto_now_add=True)
    item_count = models.PositiveIntegerField()

    REGION_PATH = "kabupaten"

    class Meta:
        ordering = ["-submitted_at"]
