import uuid

from django.conf import settings
from django.core.serializers.json import DjangoJSONEncoder
from django.db import models
from django.utils.translation import gettext_lazy as _


class ImportStatus(models.TextChoices):
    QUEUED = "queued", _("Menunggu diproses")
    CHECKING = "checking", _("Sedang diperiksa")
    SETUP = "setup", _("Perlu pengaturan")
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
    REVIEW = "review", _("Perlu keputusan")
    SKIPPED = "skipped", _("Dilewati")


# What a row became once the job is saved (the preview's labels speak of the future).
DONE_LABELS = {
    RowAction.CREATE: _("Dibuat"),
    RowAction.UPDATE: _("Diperbarui"),
    RowAction.UNCHANGED: _("Tidak berubah"),
    RowAction.REFUSED: _("Ditolak, tidak disimpan"),
    RowAction.CONFLICT: _("Konflik, tidak disimpan"),
    RowAction.REVIEW: _("Tidak disimpan (belum diputuskan)"),
    RowAction.SKIPPED: _("Dilewati"),
}


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
    review_count = models.PositiveIntegerField(_("perlu keputusan"), default=0)
    skipped_count = models.PositiveIntegerField(_("dilewati"), default=0)
    messages = models.JSONField(_("pesan"), default=list, blank=True)
    # How the file is read, decided by the checker and corrected by the user (see imports/setup.py): the sheet,
    # the header rows, which file column feeds which field, and the user's answers (number conventions,
    # hidden rows, possible duplicates, conflicts). The commit's re-check reads the file the same way.
    sheet_name = models.CharField(_("lembar"), max_length=255, blank=True)
    sheets = models.JSONField(_("lembar dalam berkas"), default=list, blank=True)
    layout = models.JSONField(_("tata letak"), default=dict, blank=True)
    mapping = models.JSONField(_("pemetaan kolom"), default=list, blank=True)
    options = models.JSONField(_("pilihan pengguna"), default=dict, blank=True)
    # Per mapped field: filled/empty counts, smallest and largest value; number columns still to be confirmed.
    summary = models.JSONField(_("ringkasan kolom"), default=dict, blank=True, encoder=DjangoJSONEncoder)
    created_at = models.DateTimeField(_("diunggah"), auto_now_add=True)
    checked_at = models.DateTimeField(_("diperiksa"), null=True, blank=True)
    committed_at = models.DateTimeField(_("disimpan"), null=True, blank=True)

    class Meta:
        verbose_name = _("impor data")
        verbose_name_plural = _("impor data")
        ordering = ["-created_at", "-id"]

    def __str__(self):
        return f"{self.original_name} ({self.get_status_display()})"

    def get_absolute_url(self):
        from django.urls import reverse

        return reverse("imports:job", args=[self.pk])

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
        """None while the size of the remaining work is unknown (reading the file before its rows are counted)."""
        if self.status in (ImportStatus.PREVIEW, ImportStatus.DONE):
            return 100
        if not self.total_rows:
            return None
        return min(99, int(self.processed_rows * 100 / self.total_rows))

    @property
    def writable_count(self):
        return self.created_count + self.updated_count

    @property
    def held_count(self):
        """Rows held back that the user must acknowledge before saving (refused, conflicts, undecided)."""
        return self.refused_count + self.conflict_count + self.review_count


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
    # Notes that do not stop the row (a value rounded, a unit word ignored, a hidden row included...).
    # Other checks add theirs here too (e.g. coordinates far from the row's kabupaten).
    warnings = models.JSONField(_("peringatan"), default=list, blank=True)
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


class RememberedMapping(models.Model):
    """A column mapping an office confirmed, reused for its next file with the same headers.

    Keyed by the confirming user's region (so colleagues of one office share it), the record type and a
    signature of the file's header texts."""

    region_code = models.CharField(_("wilayah"), max_length=13, blank=True)
    kind = models.CharField(_("jenis data"), max_length=20)
    signature = models.CharField(_("tanda judul kolom"), max_length=64)
    headers = models.JSONField(_("judul kolom"), default=list)
    targets = models.JSONField(_("kolom tujuan"), default=list)
    confirmed_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("dikonfirmasi oleh"), on_delete=models.SET_NULL, null=True, related_name="+")
    updated_at = models.DateTimeField(_("diperbarui"), auto_now=True)

    class Meta:
        verbose_name = _("pemetaan kolom tersimpan")
        verbose_name_plural = _("pemetaan kolom tersimpan")
        constraints = [models.UniqueConstraint(fields=["region_code", "kind", "signature"], name="import_mapping_once")]

    def __str__(self):
        return f"{self.region_code or 'nasional'} {self.kind} {self.signature[:8]}"


class WorkbookJob(models.Model):
    """A pre-filled workbook of a user's region built by the background worker (large regions)."""

    class Status(models.TextChoices):
        QUEUED = "queued", _("Menunggu")
        RUNNING = "running", _("Sedang dibuat")
        DONE = "done", _("Selesai")
        FAILED = "failed", _("Gagal")

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    user = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("pengguna"), on_delete=models.CASCADE, related_name="+")
    kind = models.CharField(_("jenis data"), max_length=20)
    status = models.CharField(_("status"), max_length=8, choices=Status.choices, default=Status.QUEUED)
    rows_total = models.PositiveIntegerField(_("jumlah baris"), default=0)
    rows_done = models.PositiveIntegerField(_("baris selesai"), default=0)
    file = models.FileField(_("berkas"), upload_to="imports/isian/", max_length=255, blank=True)
    download_name = models.CharField(_("nama unduhan"), max_length=120, blank=True)
    created_at = models.DateTimeField(_("dibuat"), auto_now_add=True)
    finished_at = models.DateTimeField(_("selesai"), null=True, blank=True)

    class Meta:
        verbose_name = _("workbook isian")
        verbose_name_plural = _("workbook isian")
        ordering = ["-created_at"]

    def __str__(self):
        return f"{self.kind} ({self.get_status_display()})"

    @property
    def is_running(self):
        return self.status in (self.Status.QUEUED, self.Status.RUNNING)

    @property
    def progress_percent(self):
        if self.status == self.Status.DONE:
            return 100
        return min(99, int(self.rows_done * 100 / self.rows_total)) if self.rows_total else None
