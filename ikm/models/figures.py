from django.core.validators import MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from core.models import TrackedModel
from core.validators import validate_year_not_after_next


class YearlyFigure(TrackedModel):
    """Kinerja tahunan of one sentra or one IKM unit: what makes before/after funding visible."""

    REGION_PATH = "region"

    year = models.PositiveSmallIntegerField(_("tahun"), validators=[validate_year_not_after_next])
    sentra = models.ForeignKey(
        "sentra.Sentra", verbose_name=_("sentra"), null=True, blank=True, on_delete=models.CASCADE, related_name="yearly_figures"
    )
    ikm = models.ForeignKey(
        "ikm.IkmUnit", verbose_name=_("unit IKM"), null=True, blank=True, on_delete=models.CASCADE, related_name="yearly_figures"
    )
    # Copied from the sentra's or unit's desa by the service so scope and roll-ups need no join.
    region = models.ForeignKey("regions.Region", verbose_name=_("wilayah"), on_delete=models.PROTECT, related_name="+")
    unit_count = models.PositiveIntegerField(_("jumlah unit usaha"), null=True, blank=True)
    workers_male = models.PositiveIntegerField(_("tenaga kerja laki-laki"), null=True, blank=True)
    workers_female = models.PositiveIntegerField(_("tenaga kerja perempuan"), null=True, blank=True)
    workers_total = models.PositiveIntegerField(_("tenaga kerja total"), null=True, blank=True)
    production_volume = models.DecimalField(
        _("volume produksi"), max_digits=16, decimal_places=2, null=True, blank=True, validators=[MinValueValidator(0)]
    )
    volume_unit = models.CharField(_("satuan volume"), max_length=30, blank=True)
    production_value = models.PositiveBigIntegerField(_("nilai produksi (Rp)"), null=True, blank=True)
    sales = models.PositiveBigIntegerField(_("omzet (Rp)"), null=True, blank=True)
    investment = models.PositiveBigIntegerField(_("investasi (Rp)"), null=True, blank=True)
    source = models.CharField(_("sumber data"), max_length=200, blank=True)

    history = HistoricalRecords(excluded_fields=["updated_at"])

    class Meta:
        verbose_name = _("kinerja tahunan")
        verbose_name_plural = _("kinerja tahunan")
        ordering = ["-year", "id"]
        # Region prefix filters (LIKE '53.05.%') use the varchar_pattern_ops index Django adds on PostgreSQL
        # for every indexed CharField (`..._like`); a second, explicit one only doubled the cost of each write.
        constraints = [
            models.CheckConstraint(
                name="figure_for_exactly_one_subject",
                condition=(Q(sentra__isnull=False) & Q(ikm__isnull=True)) | (Q(sentra__isnull=True) & Q(ikm__isnull=False)),
                violation_error_message=_("Kinerja tahunan harus untuk satu sentra atau satu unit IKM."),
            ),
            models.UniqueConstraint(
                fields=["sentra", "year"],
                name="figure_once_per_sentra_year",
                violation_error_message=_("Kinerja sentra ini untuk tahun tersebut sudah ada."),
            ),
            models.UniqueConstraint(
                fields=["ikm", "year"],
                name="figure_once_per_ikm_year",
                violation_error_message=_("Kinerja unit IKM ini untuk tahun tersebut sudah ada."),
            ),
            models.CheckConstraint(
                name="figure_year_from_2010", condition=Q(year__gte=2010), violation_error_message=_("Tahun paling awal 2010.")
            ),
            # Sometimes only the total is known ("workers 10 -> 30"); when both halves are, they must add up.
            models.CheckConstraint(
                name="figure_workers_total_adds_up",
                condition=Q(workers_male__isnull=True)
                | Q(workers_female__isnull=True)
                | Q(workers_total=models.F("workers_male") + models.F("workers_female")),
                violation_error_message=_("Tenaga kerja total harus sama dengan laki-laki ditambah perempuan."),
            ),
            models.CheckConstraint(name="figure_volume_not_negative", condition=Q(production_volume__isnull=True) | Q(production_volume__gte=0)),
        ]

    def __str__(self):
        return f"{self.sentra or self.ikm} {self.year}"
