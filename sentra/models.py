from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from core.coordinates import box_q, validate_latitude, validate_longitude, validate_point
from core.models import SoftDeletableModel, TrackedModel, VerifiableModel


class SentraStatus(models.TextChoices):
    AKTIF = "aktif", _("Aktif")
    KURANG_AKTIF = "kurang_aktif", _("Kurang aktif")
    TIDAK_AKTIF = "tidak_aktif", _("Tidak aktif")
    TUTUP = "tutup", _("Tutup")
    RENCANA = "rencana", _("Direncanakan")  # designated or planned, not yet producing (e.g. furniture at Fatukbot)


class SentraOrigin(models.TextChoices):
    TUMBUH_SENDIRI = "tumbuh_sendiri", _("Tumbuh dari para perajin sendiri")
    DIBANGUN_PEMERINTAH = "dibangun_pemerintah", _("Dibangun pemerintah")


class ManagerType(models.TextChoices):
    KOPERASI = "koperasi", _("Koperasi")
    UPT = "upt", _("UPT")
    KELOMPOK = "kelompok", _("Kelompok usaha")
    DINAS = "dinas", _("Dinas")
    LAINNYA = "lainnya", _("Lainnya")


class Sentra(TrackedModel, SoftDeletableModel, VerifiableModel):
    """A cluster of at least five IKM units in one place making similar products (PP 29/2018)."""

    REGION_PATH = "desa"
    # The columns the search box reads, in one trigram-indexed expression on PostgreSQL (core/search.py).
    SEARCH_DOCUMENT = ("name", "code", "manager_name")

    code = models.CharField(
        _("kode sentra"), max_length=32, unique=True, error_messages={"unique": _("Kode sentra ini sudah dipakai.")}
    )
    name = models.CharField(_("nama sentra"), max_length=200, db_index=True)
    desa = models.ForeignKey(
        "regions.Region", verbose_name=_("desa/kelurahan"), on_delete=models.PROTECT, related_name="+"
    )
    address = models.TextField(_("alamat"), blank=True)
    # In Indonesia or empty (core/coordinates.py): the box per field here and in the database, the outline in clean().
    latitude = models.DecimalField(
        _("lintang"), max_digits=9, decimal_places=6, null=True, blank=True, validators=[validate_latitude]
    )
    longitude = models.DecimalField(
        _("bujur"), max_digits=9, decimal_places=6, null=True, blank=True, validators=[validate_longitude]
    )
    commodities = models.ManyToManyField(
        "commodities.Commodity", verbose_name=_("komoditas"), through="SentraCommodity", related_name="sentra"
    )
    founding_year = models.PositiveSmallIntegerField(_("tahun berdiri"), null=True, blank=True)
    origin = models.CharField(_("asal terbentuk"), max_length=24, choices=SentraOrigin.choices, blank=True)
    manager_type = models.CharField(_("jenis pengelola"), max_length=16, choices=ManagerType.choices, blank=True)
    manager_name = models.CharField(_("nama pengelola"), max_length=200, blank=True)
    asset_owner = models.CharField(_("pemilik aset"), max_length=200, blank=True)
    designation_number = models.CharField(_("nomor SK penetapan"), max_length=120, blank=True)
    designation_date = models.DateField(_("tanggal SK penetapan"), null=True, blank=True)
    status = models.CharField(
        _("status"), max_length=16, choices=SentraStatus.choices, default=SentraStatus.AKTIF, db_index=True
    )
    notes = models.TextField(_("catatan"), blank=True)

    history = HistoricalRecords(excluded_fields=["updated_at"])

    class Meta:
        verbose_name = _("sentra IKM")
        verbose_name_plural = _("sentra IKM")
        ordering = ["code"]
        # Region prefix filters (LIKE '53.05.%') use the varchar_pattern_ops index Django adds on PostgreSQL
        # for every indexed CharField (`..._like`); a second, explicit one only doubled the cost of each write.
        constraints = [
            models.CheckConstraint(
                name="sentra_founding_year_plausible",
                condition=models.Q(founding_year__isnull=True) | models.Q(founding_year__range=(1900, 2100)),
            ),
            models.CheckConstraint(
                name="sentra_point_in_indonesia_box", condition=box_q(),
                violation_error_message=_("Koordinat harus di Indonesia, dan lintang serta bujur diisi bersama."),
            ),
            models.CheckConstraint(name="sentra_code_not_blank", condition=~models.Q(code="")),
            models.CheckConstraint(name="sentra_name_not_blank", condition=~models.Q(name="")),
        ]

    def __str__(self):
        return f"{self.name} ({self.code})"

    def clean(self):
        validate_point(self.latitude, self.longitude)

    @property
    def primary_commodity(self):
        for link in self.commodity_links.all():
            if link.is_primary:
                return link.commodity
        return None


class SentraCommodity(models.Model):
    sentra = models.ForeignKey(Sentra, on_delete=models.CASCADE, related_name="commodity_links")
    commodity = models.ForeignKey("commodities.Commodity", verbose_name=_("komoditas"), on_delete=models.PROTECT)
    is_primary = models.BooleanField(_("komoditas utama"), default=False)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("komoditas sentra")
        verbose_name_plural = _("komoditas sentra")
        constraints = [
            models.UniqueConstraint(fields=["sentra", "commodity"], name="sentra_commodity_once"),
            models.UniqueConstraint(
                fields=["sentra"],
                condition=models.Q(is_primary=True),
                name="sentra_one_primary_commodity",
                violation_error_message=_("Sentra hanya boleh memiliki satu komoditas utama."),
            ),
        ]

    def __str__(self):
        return f"{self.sentra_id}: {self.commodity}"
