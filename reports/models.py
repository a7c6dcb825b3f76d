import datetime
import uuid

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class ExportJob(models.Model):
    """A national-size export running in the background; its file lives in default_storage."""

    class Status(models.TextChoices):
        QUEUED = "queued", _("Menunggu")
        RUNNING = "running", _("Sedang dibuat")
        DONE = "done", _("Selesai")
        FAILED = "failed", _("Gagal")

    class Format(models.TextChoices):
        XLSX = "xlsx", "XLSX"
        CSV = "csv", "CSV"

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    user = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("pengguna"), on_delete=models.CASCADE, related_name="+")
    exporter = models.CharField(_("laporan"), max_length=40)
    format = models.CharField(_("format"), max_length=4, choices=Format.choices)
    params = models.JSONField(_("filter"), default=list, blank=True)
    status = models.CharField(_("status"), max_length=8, choices=Status.choices, default=Status.QUEUED)
    rows_total = models.PositiveBigIntegerField(_("jumlah baris"), default=0)
    rows_done = models.PositiveBigIntegerField(_("baris selesai"), default=0)
    file_name = models.CharField(_("berkas"), max_length=255, blank=True)
    error = models.TextField(_("kesalahan"), blank=True)
    created_at = models.DateTimeField(_("dibuat"), auto_now_add=True)
    finished_at = models.DateTimeField(_("selesai"), null=True, blank=True)

    class Meta:
        verbose_name = _("ekspor latar belakang")
        verbose_name_plural = _("ekspor latar belakang")
        ordering = ["-created_at"]

    def __str__(self):
        return f"{self.exporter}.{self.format} ({self.get_status_display()})"

    @property
    def progress_percent(self):
        if self.status == self.Status.DONE:
            return 100
        return min(99, int(self.rows_done * 100 / self.rows_total)) if self.rows_total else 0


class IkmRollup(models.Model):
    """IKM units summed per kabupaten/kota and commodity, kept current by database triggers.

    The national and provincial dashboards read this (a few thousand rows) instead of scanning every
    IKM unit, so their cost does not grow with the registry. Triggers on ikm_ikmunit (migration 0002,
    reports/rollup.py) add and subtract each inserted, updated or deleted live unit; `rebuild_ikm_rollup`
    recomputes it from scratch. Soft-deleted units do not count, as in the lists.
    """

    REGION_PATH = "kabupaten_kota"

    kabupaten_kota = models.ForeignKey(
        "regions.Region", on_delete=models.DO_NOTHING, db_constraint=False, related_name="+", verbose_name=_("kabupaten/kota")
    )
    commodity = models.ForeignKey(
        "commodities.Commodity", on_delete=models.DO_NOTHING, db_constraint=False, related_name="+", verbose_name=_("komoditas")
    )
    units = models.BigIntegerField(_("unit IKM"), default=0)
    workers_male = models.BigIntegerField(_("tenaga kerja laki-laki"), default=0)
    workers_female = models.BigIntegerField(_("tenaga kerja perempuan"), default=0)
    workers_unsplit = models.BigIntegerField(_("tenaga kerja tanpa keterangan jenis kelamin"), default=0)
    production_value = models.BigIntegerField(_("nilai produksi (Rp)"), default=0)
    sales = models.BigIntegerField(_("omzet (Rp)"), default=0)
    investment = models.BigIntegerField(_("investasi (Rp)"), default=0)

    class Meta:
        verbose_name = _("ringkasan IKM per kabupaten/kota")
        verbose_name_plural = _("ringkasan IKM per kabupaten/kota")
        constraints = [models.UniqueConstraint(fields=["kabupaten_kota", "commodity"], name="ikm_rollup_once")]


# Units never verified are counted in this month, so the unique key needs no NULL (SQLite has no NULLS NOT DISTINCT).
NEVER_VERIFIED_MONTH = datetime.date(1900, 1, 1)


class FreshnessRollup(models.Model):
    """Live IKM units counted per kabupaten/kota, month of their last verification (UTC) and whether they are
    unchanged since (`current`), kept current by database triggers (reports/freshness_rollup.py).

    The national and provincial freshness dashboard reads these (about 33,000 rows at a million units) instead
    of every unit: fresh = current and verified after the cutoff, so whole months after the cutoff's month come
    from here and only the cutoff's own month is counted from the units (through their last_verified_at index).
    """

    REGION_PATH = "kabupaten_kota"

    kabupaten_kota = models.ForeignKey(
        "regions.Region", on_delete=models.DO_NOTHING, db_constraint=False, related_name="+", verbose_name=_("kabupaten/kota")
    )
    month = models.DateField(_("bulan verifikasi terakhir"))
    current = models.BooleanField(_("tidak berubah sejak diverifikasi"))
    units = models.BigIntegerField(_("unit IKM"), default=0)

    class Meta:
        verbose_name = _("ringkasan kemutakhiran IKM")
        verbose_name_plural = _("ringkasan kemutakhiran IKM")
        constraints = [models.UniqueConstraint(fields=["kabupaten_kota", "month", "current"], name="freshness_rollup_once")]
