from django.conf import settings
from django.core.serializers.json import DjangoJSONEncoder
from django.db import models
from django.utils.translation import gettext_lazy as _


class ImportStatus(models.TextChoices):
    QUEUED = "queued", _("Menunggu diproses")
    CHECKING = "checking", _("Sedang diperiksa")
    PREVIEW = "preview", _("Pratinjau siap")
    SAVING = "saving", _("Sedang disimpan")
    DONE = "done", _("Selesai disimpan")
    REFUSED = "refused", _("Berkas ditolak")
    FAILED = "failed", _("Gagal")
    CANCELLED = "cancelled", _("Dibatalkan")


class RowAction(models.TextChoices):
    CREATE = "create", _("Akan dibuat")
    UPDATE = "update", _("Akan diubah")
    UNCHANGED = "unchanged", _("Tidak berubah")
    REFUSED = "refused", _("Ditolak")
    CONFLICT = "conflict", _("Konflik")


class ImportJob(models.Model):
    """One uploaded file on its way from upload through preview to an all-or-nothing commit.

    The file stays in default storage so the background worker (and the commit, which re-checks every
    row inside its transaction) can read it again; progress fields are polled by the job page.
    """

    user = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("pengguna"), on_delete=models.PROTECT, related_name="+")
    kind = models.CharField(_("jenis data"), max_length=20)
    original_name = models.CharField(_("nama berkas"), max_length=255)
    file = models.FileField(_("berkas"), upload_to="imports/%Y/%m/", max_length=255)
    size_bytes = models.PositiveBigIntegerField(_("ukuran (byte)"), default=0)
    status = models.CharField(_("status"), max_length=10, choices=ImportStatus.choices, default=ImportStatus.QUEUED, db_index=True)
    phase = models.CharField(_("tahap"), max_length=60, blank=True)
    total_rows = models.PositiveIntegerField(_("jumlah baris"), default=0)
    processed_rows = models.PositiveIntegerField(_("baris diproses"), default=0)
    created_count = models.PositiveIntegerField(_("dibuat"), default=0)
    updated_count = models.PositiveIntegerField(_("diubah"), default=0)
    unchanged_count = models.PositiveIntegerField(_("tidak berubah"), default=0)
    refused_count = models.PositiveIntegerField(_("ditolak"), default=0)
    conflict_count = models.PositiveIntegerField(_("konflik"), default=0)
    messages = models.JSONField(_("pesan"), default=list, blank=True)
    created_at = models.DateTimeField(_("diunggah"), auto_now_add=True)
    checked_at = models.DateTimeField(_("diperiksa"), null=True, blank=True)
    committed_at = models.DateTimeField(_("disimpan"), null=True, blank=True)

    class Meta:
        verbose_name = _("impor data")
        verbose_name_plural = _("impor data")
        ordering = ["-created_at", "-id"]

    def __str__(self):
        return f"{self.original_name} ({self.get_status_display()})"

    @property
    def kind_label(self):
        from .kinds import KINDS

        kind = KINDS.get(self.kind)
        return kind.label if kind else self.kind

    @property
    def is_running(self):
        return self.status in (ImportStatus.QUEUED, ImportStatus.CHECKING, ImportStatus.SAVING)

    @property
    def progress_percent(self):
        """None while the size of the remaining work is unknown (reading the file, the single commit transaction)."""
        if self.status in (ImportStatus.PREVIEW, ImportStatus.DONE):
            return 100
        if not self.total_rows or self.status == ImportStatus.SAVING:
            return None
        return min(99, int(self.processed_rows * 100 / self.total_rows))

    @property
    def writable_count(self):
        return self.created_count + self.updated_count

    @property
    def skipped_count(self):
        return self.refused_count + self.conflict_count


class ImportRow(models.Model):
    """Outcome of one file row in the preview; unchanged rows are only counted, not stored."""

    # No single-column indexes: the (job, action, row_number) index below serves every read, and each extra
    # index costs a write per row of a 100,000-row preview.
    job = models.ForeignKey(ImportJob, on_delete=models.CASCADE, related_name="rows", db_index=False)
    row_number = models.PositiveIntegerField(_("baris"))
    action = models.CharField(_("hasil"), max_length=10, choices=RowAction.choices)
    key = models.CharField(_("kunci"), max_length=120, blank=True)
    reasons = models.JSONField(_("alasan"), default=list, blank=True)
    changes = models.JSONField(_("perubahan"), default=list, blank=True)
    # What the commit writes without re-reading the file: the checked values, the natural key, and for an
    # update the id and version the preview saw (the commit refuses if that version moved). See engine.py.
    payload = models.JSONField(_("data tervalidasi"), default=dict, blank=True, encoder=DjangoJSONEncoder)

    class Meta:
        verbose_name = _("baris impor")
        verbose_name_plural = _("baris impor")
        ordering = ["job", "row_number"]
        indexes = [models.Index(fields=["job", "action", "row_number"], name="import_row_job_action_idx")]

    def __str__(self):
        return f"{self.job_id}:{self.row_number} {self.action}"
