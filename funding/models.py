from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from core.links import RegionLink
from core.models import TrackedModel
from core.validators import validate_year_not_after_next

FIRST_FISCAL_YEAR = 2010


class DakMenu(models.Model):
    """Configurable menu of DAK Fisik Bidang IKM activities (build sentra, production house, IPAL, ...)."""

    code = models.SlugField(_("kode"), max_length=60, unique=True)
    name = models.CharField(_("nama"), max_length=160, unique=True)
    is_active = models.BooleanField(_("masih berlaku"), default=True)
    sort_order = models.PositiveSmallIntegerField(_("urutan"), default=0)

    class Meta:
        verbose_name = _("menu kegiatan DAK")
        verbose_name_plural = _("menu kegiatan DAK")
        ordering = ["sort_order", "name"]

    def __str__(self):
        return self.name


class DakAllocation(TrackedModel):
    """Pagu and realisation of DAK Fisik Bidang IKM for one kabupaten/kota in one fiscal year.

    The fiscal year's upper bound (next calendar year) moves with time, so it is enforced by a trigger
    (migration 0002) rather than a CHECK constraint.
    """

    REGION_PATH = "kabupaten_kota"

    fiscal_year = models.PositiveSmallIntegerField(
        _("tahun anggaran"), db_index=True, validators=[validate_year_not_after_next]
    )
    kabupaten_kota = models.ForeignKey(
        "regions.Region", verbose_name=_("kabupaten/kota penerima"), on_delete=models.PROTECT, related_name="+"
    )
    pagu = models.PositiveBigIntegerField(_("pagu (Rp)"))
    realisation = models.PositiveBigIntegerField(_("realisasi (Rp)"), default=0)
    notes = models.TextField(_("catatan"), blank=True)

    history = HistoricalRecords(excluded_fields=["updated_at"])

    class Meta:
        verbose_name = _("alokasi DAK")
        verbose_name_plural = _("alokasi DAK")
        ordering = ["-fiscal_year", "kabupaten_kota_id"]
        constraints = [
            models.UniqueConstraint(
                fields=["fiscal_year", "kabupaten_kota"],
                name="dak_allocation_once_per_year",
                violation_error_message=_("Alokasi DAK kabupaten/kota ini untuk tahun tersebut sudah ada."),
            ),
            models.CheckConstraint(
                name="dak_allocation_realisation_within_pagu",
                condition=Q(realisation__lte=F("pagu")),
                violation_error_message=_("Realisasi tidak boleh melebihi pagu."),
            ),
            models.CheckConstraint(
                name="dak_allocation_year_from_2010",
                condition=Q(fiscal_year__gte=FIRST_FISCAL_YEAR),
                violation_error_message=_("Tahun anggaran paling awal 2010."),
            ),
        ]

    def __str__(self):
        return f"DAK {self.fiscal_year} {self.kabupaten_kota_id}"

    @property
    def absorption_percent(self):
        return round(self.realisation * 100 / self.pagu, 2) if self.pagu else None


class DakActivity(TrackedModel):
    """One activity funded by a DAK allocation, linked to the sentra, rooms and machines it paid for."""

    REGION_PATH = "allocation__kabupaten_kota"
    REGION_LINKS = (
        RegionLink("sentra", "allocation__kabupaten_kota", "sentra__desa", _("Sentra harus berada di kabupaten/kota penerima DAK.")),
    )

    allocation = models.ForeignKey(DakAllocation, verbose_name=_("alokasi"), on_delete=models.CASCADE, related_name="activities")
    menu = models.ForeignKey(DakMenu, verbose_name=_("menu kegiatan"), on_delete=models.PROTECT, related_name="activities")
    sentra = models.ForeignKey(
        "sentra.Sentra", verbose_name=_("sentra"), null=True, blank=True, on_delete=models.PROTECT, related_name="dak_activities"
    )
    description = models.CharField(_("uraian kegiatan"), max_length=300)
    pagu = models.PositiveBigIntegerField(_("pagu (Rp)"))
    realisation = models.PositiveBigIntegerField(_("realisasi (Rp)"), default=0)
    rooms = models.ManyToManyField("facilities.Room", verbose_name=_("ruang yang dibiayai"), blank=True, related_name="dak_activities")
    machines = models.ManyToManyField(
        "facilities.Machine", verbose_name=_("mesin yang dibiayai"), blank=True, related_name="dak_activities"
    )

    history = HistoricalRecords(excluded_fields=["updated_at"], m2m_fields=[rooms, machines])

    class Meta:
        verbose_name = _("kegiatan DAK")
        verbose_name_plural = _("kegiatan DAK")
        ordering = ["-allocation__fiscal_year", "id"]
        constraints = [
            models.CheckConstraint(
                name="dak_activity_realisation_within_pagu",
                condition=Q(realisation__lte=F("pagu")),
                violation_error_message=_("Realisasi tidak boleh melebihi pagu."),
            ),
        ]

    def __str__(self):
        return self.description
