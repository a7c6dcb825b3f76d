"""Evidence files: photos and documents attached to a record (a census visit now; a room, machine or DAK
activity later), stored through Django's storage API under random names and served only by evidence.views,
which checks the viewer's region scope. Nothing here is reachable under /media/.
"""

import uuid

from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.utils.translation import gettext_lazy as _


class EvidenceKind(models.TextChoices):
    PHOTO = "photo", _("Foto")
    DOCUMENT = "document", _("Dokumen")


class ExifSource(models.TextChoices):
    NONE = "", _("Tidak ada")
    FILE = "file", _("Dari berkas")
    BROWSER = "browser", _("Dibaca peramban sebelum foto diperkecil")


class Evidence(models.Model):
    """One stored file. `region` is the desa of what it is attached to, copied at upload, so the scope check
    never has to follow a generic relation; `id` is random so an address cannot be guessed from another."""

    REGION_PATH = "region"

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    kind = models.CharField(_("jenis"), max_length=10, choices=EvidenceKind.choices, default=EvidenceKind.PHOTO)
    region = models.ForeignKey("regions.Region", verbose_name=_("wilayah"), on_delete=models.PROTECT, related_name="+")
    content_type = models.ForeignKey(ContentType, on_delete=models.PROTECT, related_name="+")
    object_id = models.CharField(max_length=64)
    attached_to = GenericForeignKey("content_type", "object_id")
    file_name = models.CharField(_("nama berkas tersimpan"), max_length=255, editable=False)
    thumbnail_name = models.CharField(_("nama gambar kecil"), max_length=255, blank=True, editable=False)
    mime_type = models.CharField(_("tipe berkas"), max_length=60)
    size_bytes = models.PositiveIntegerField(_("ukuran (byte)"))
    width = models.PositiveIntegerField(_("lebar (piksel)"), null=True, blank=True)
    height = models.PositiveIntegerField(_("tinggi (piksel)"), null=True, blank=True)
    sha256 = models.CharField(_("SHA-256"), max_length=64, db_index=True)
    original_name = models.CharField(_("nama berkas asli"), max_length=200, blank=True)
    # EXIF as evidence: when and where the camera says the photo was taken (kept even after the browser
    # shrank the photo, which drops EXIF: it then reads them first and sends them beside the file).
    taken_at = models.DateTimeField(_("waktu pengambilan (EXIF)"), null=True, blank=True)
    exif_latitude = models.DecimalField(_("lintang (EXIF)"), max_digits=9, decimal_places=6, null=True, blank=True)
    exif_longitude = models.DecimalField(_("bujur (EXIF)"), max_digits=9, decimal_places=6, null=True, blank=True)
    exif_source = models.CharField(_("asal EXIF"), max_length=8, choices=ExifSource.choices, blank=True)
    position = models.PositiveSmallIntegerField(_("urutan"), default=0)
    uploaded_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("diunggah oleh"), null=True, on_delete=models.SET_NULL, related_name="+")
    uploaded_at = models.DateTimeField(_("diunggah"), auto_now_add=True)

    class Meta:
        verbose_name = _("bukti")
        verbose_name_plural = _("bukti")
        ordering = ["content_type_id", "object_id", "position", "uploaded_at"]
        indexes = [models.Index(fields=["content_type", "object_id"], name="evidence_attached_idx")]
        constraints = [
            models.CheckConstraint(name="evidence_latitude_range", condition=models.Q(exif_latitude__isnull=True) | models.Q(exif_latitude__range=(-90, 90))),
            models.CheckConstraint(name="evidence_longitude_range", condition=models.Q(exif_longitude__isnull=True) | models.Q(exif_longitude__range=(-180, 180))),
        ]

    def __str__(self):
        return f"{self.get_kind_display()} {self.original_name or self.pk}"

    @property
    def is_image(self):
        return self.kind == EvidenceKind.PHOTO
