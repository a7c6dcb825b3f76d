from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Case, F, Q, Value, When
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from accounts.scope import region_prefix_indexes
from core.coordinates import box_q, validate_latitude, validate_longitude, validate_point
from core.validators import validate_nib, validate_pirt
from core.links import RegionLink
from core.models import LiveManager, SoftDeletableModel, TrackedModel, VerifiableModel

# Permenperin 64/2016: small industry has at most 19 workers and investment below Rp1 billion
# (excluding land and buildings); above Rp15 billion it is large industry, not IKM.
# A row with more workers than this is a typo, not a business (the largest IKM employ a few hundred).
MAX_WORKERS_PER_SEX = 100_000
SMALL_MAX_WORKERS = 19
SMALL_INVESTMENT_LIMIT = 1_000_000_000
MEDIUM_INVESTMENT_LIMIT = 15_000_000_000


class IkmClass(models.TextChoices):
    KECIL = "kecil", _("Industri kecil")
    MENENGAH = "menengah", _("Industri menengah")
    BESAR = "besar", _("Di atas industri menengah")


def classify(workers, investment):
    if workers <= SMALL_MAX_WORKERS and investment < SMALL_INVESTMENT_LIMIT:
        return IkmClass.KECIL
    if investment > MEDIUM_INVESTMENT_LIMIT or (workers <= SMALL_MAX_WORKERS and investment >= MEDIUM_INVESTMENT_LIMIT):
        return IkmClass.BESAR
    return IkmClass.MENENGAH


class IkmUnitQuerySet(models.QuerySet):
    def with_class(self):
        """Annotate `workers_total` and `ikm_class` with the same rule as `classify`, in SQL."""
        return self.annotate(workers_total=F("workers_male") + F("workers_female") + F("workers_unsplit")).annotate(
            ikm_class=Case(
                When(
                    Q(investment__lt=SMALL_INVESTMENT_LIMIT) & Q(workers_total__lte=SMALL_MAX_WORKERS),
                    then=Value(IkmClass.KECIL.value),
                ),
                When(
                    Q(investment__gt=MEDIUM_INVESTMENT_LIMIT)
                    | (Q(workers_total__lte=SMALL_MAX_WORKERS) & Q(investment__gte=MEDIUM_INVESTMENT_LIMIT)),
                    then=Value(IkmClass.BESAR.value),
                ),
                default=Value(IkmClass.MENENGAH.value),
                output_field=models.CharField(),
            )
        )


class ProductionPlace(models.TextChoices):
    SENTRA = "sentra", _("Di fasilitas sentra")
    RUMAH = "rumah", _("Di rumah")
    LAINNYA = "lainnya", _("Di tempat lain")


class IkmUnit(TrackedModel, SoftDeletableModel, VerifiableModel):
    """Unit usaha industri kecil/menengah."""

    REGION_PATH = "desa"
    # Region filters and scopes use the per-level prefix indexes below (accounts.scope.region_q).
    REGION_PREFIX_INDEXED = True
    # The columns the search box reads, in one trigram-indexed expression on PostgreSQL (core/search.py).
    SEARCH_DOCUMENT = ("name", "owner_name", "nib", "product")

    name = models.CharField(_("nama usaha"), max_length=200, db_index=True)
    owner_name = models.CharField(_("nama pemilik"), max_length=200, blank=True)
    nib = models.CharField(
        _("NIB"), max_length=13, null=True, blank=True, unique=True, validators=[validate_nib],
        error_messages={"unique": _("NIB ini sudah terdaftar untuk unit IKM lain.")},
    )
    desa = models.ForeignKey(
        "regions.Region", verbose_name=_("desa/kelurahan"), on_delete=models.PROTECT, related_name="+"
    )
    address = models.TextField(_("alamat"), blank=True)
    # Where the unit produces (its house or workshop), in Indonesia or empty: core/coordinates.py.
    latitude = models.DecimalField(
        _("lintang"), max_digits=9, decimal_places=6, null=True, blank=True, validators=[validate_latitude]
    )
    longitude = models.DecimalField(
        _("bujur"), max_digits=9, decimal_places=6, null=True, blank=True, validators=[validate_longitude]
    )
    commodity = models.ForeignKey(
        "commodities.Commodity", verbose_name=_("komoditas"), on_delete=models.PROTECT, related_name="ikm_units"
    )
    product = models.CharField(_("produk"), max_length=200, blank=True)
    workers_male = models.PositiveIntegerField(
        _("tenaga kerja laki-laki"), default=0, validators=[MaxValueValidator(MAX_WORKERS_PER_SEX)]
    )
    workers_female = models.PositiveIntegerField(
        _("tenaga kerja perempuan"), default=0, validators=[MaxValueValidator(MAX_WORKERS_PER_SEX)]
    )
    # Registers that keep only a head count: those workers are counted here, never split by a guess.
    # The total (and with it the small/medium class) is male + female + this.
    workers_unsplit = models.PositiveIntegerField(
        _("tenaga kerja tanpa keterangan jenis kelamin"), default=0, db_default=0,
        validators=[MaxValueValidator(MAX_WORKERS_PER_SEX)],
        help_text=_("Tenaga kerja yang jenis kelaminnya tidak tercatat (mis. register yang hanya memuat jumlah)."),
    )
    investment = models.PositiveBigIntegerField(
        _("nilai investasi (Rp)"), default=0, help_text=_("Tidak termasuk tanah dan bangunan tempat usaha.")
    )
    production_capacity = models.DecimalField(
        _("kapasitas produksi per tahun"), max_digits=14, decimal_places=2, null=True, blank=True, validators=[MinValueValidator(0)]
    )
    capacity_unit = models.CharField(_("satuan kapasitas"), max_length=30, blank=True)
    production_value = models.PositiveBigIntegerField(_("nilai produksi per tahun (Rp)"), default=0)
    sales = models.PositiveBigIntegerField(_("omzet per tahun (Rp)"), default=0)
    production_place = models.CharField(
        _("tempat produksi"), max_length=10, choices=ProductionPlace.choices, default=ProductionPlace.RUMAH
    )
    programmes = models.ManyToManyField(
        "Programme", verbose_name=_("program"), through="ProgrammeParticipation", related_name="ikm_units"
    )
    sentra_memberships = models.ManyToManyField(
        "sentra.Sentra", verbose_name=_("sentra"), through="SentraMembership", related_name="ikm_units"
    )

    objects = LiveManager.from_queryset(IkmUnitQuerySet)()
    all_objects = models.Manager.from_queryset(IkmUnitQuerySet)()
    # The audit table is read per record (id) and by date; indexes copied from the searchable fields would
    # only make every bulk import write nine more index entries per row into a table as large as this one.
    history = HistoricalRecords(
        excluded_fields=["updated_at"], no_db_index=["name", "nib", "desa", "commodity", "deleted_at", "last_verified_by"]
    )

    class Meta:
        verbose_name = _("unit IKM")
        verbose_name_plural = _("unit IKM")
        ordering = ["name", "id"]
        # A million rows: every sortable list column and every region level is read from an index in list
        # order with the id as tiebreak, so any page of any sort or region costs what the first page costs
        # (issue 16). Names sort on the single-column index (ties are rare; the database sorts them).
        indexes = [
            models.Index(F("investment"), F("id"), name="ikm_investment_id"),
            models.Index(F("updated_at"), F("id"), name="ikm_updated_id"),
            *region_prefix_indexes("desa_id", "ikm"),
            models.Index(F("desa_id"), F("id"), name="ikm_desa_id_id"),
            # The freshness dashboard counts the verifications of one month (the cutoff's) from the units.
            models.Index(F("last_verified_at"), name="ikm_last_verified"),
        ]
        # Region prefix filters (LIKE '53.05.%') use the varchar_pattern_ops index Django adds on PostgreSQL
        # for every indexed CharField (`..._like`); a second, explicit one only doubled the cost of each write.
        constraints = [
            models.CheckConstraint(
                name="ikm_nib_13_digits",
                condition=Q(nib__isnull=True) | Q(nib__regex=r"^[0-9]{13}$"),
                violation_error_message=_("NIB harus terdiri dari 13 digit angka."),
            ),
            models.CheckConstraint(name="ikm_name_not_blank", condition=~Q(name="")),
            models.CheckConstraint(
                name="ikm_point_in_indonesia_box", condition=box_q(),
                violation_error_message=_("Koordinat harus di Indonesia, dan lintang serta bujur diisi bersama."),
            ),
            models.CheckConstraint(
                name="ikm_capacity_not_negative",
                condition=Q(production_capacity__isnull=True) | Q(production_capacity__gte=0),
                violation_error_message=_("Kapasitas produksi tidak boleh negatif."),
            ),
        ]

    def __str__(self):
        return self.name

    def clean(self):
        validate_point(self.latitude, self.longitude)

    @property
    def total_workers(self):
        return self.workers_male + self.workers_female + self.workers_unsplit

    @property
    def computed_class(self):
        return classify(self.total_workers, self.investment)

    def get_computed_class_display(self):
        return IkmClass(self.computed_class).label


class SentraMembership(TrackedModel):
    """An IKM unit belonging to a sentra from `joined_on` until `left_on` (open while `left_on` is empty)."""

    REGION_PATH = "ikm__desa"
    REGION_LINKS = (
        RegionLink("sentra", "ikm__desa", "sentra__desa", _("Unit IKM hanya dapat menjadi anggota sentra di kabupaten/kota yang sama.")),
    )

    ikm = models.ForeignKey(IkmUnit, verbose_name=_("unit IKM"), on_delete=models.CASCADE, related_name="memberships")
    sentra = models.ForeignKey(
        "sentra.Sentra", verbose_name=_("sentra"), on_delete=models.CASCADE, related_name="memberships"
    )
    joined_on = models.DateField(_("tanggal bergabung"), null=True, blank=True)
    left_on = models.DateField(_("tanggal keluar"), null=True, blank=True)

    history = HistoricalRecords(excluded_fields=["updated_at"])

    class Meta:
        verbose_name = _("keanggotaan sentra")
        verbose_name_plural = _("keanggotaan sentra")
        ordering = ["-joined_on", "id"]
        constraints = [
            models.CheckConstraint(
                name="membership_left_after_joined",
                condition=Q(left_on__isnull=True) | Q(joined_on__isnull=True) | Q(left_on__gte=F("joined_on")),
                violation_error_message=_("Tanggal keluar tidak boleh sebelum tanggal bergabung."),
            ),
            models.UniqueConstraint(
                fields=["ikm", "sentra"],
                condition=Q(left_on__isnull=True),
                name="membership_one_open_per_sentra",
                violation_error_message=_("Unit IKM ini masih tercatat sebagai anggota sentra tersebut."),
            ),
        ]

    def __str__(self):
        return f"{self.ikm} @ {self.sentra}"

    @property
    def is_current(self):
        return self.left_on is None


class CertificationKind(models.TextChoices):
    HALAL = "halal", _("Sertifikat halal")
    PIRT = "pirt", _("SPP-IRT (PIRT)")
    BPOM_MD = "bpom_md", _("BPOM MD")
    SNI = "sni", _("SNI")
    HKI_MEREK = "hki_merek", _("HKI/merek")


class Certification(TrackedModel):
    REGION_PATH = "ikm__desa"

    ikm = models.ForeignKey(
        IkmUnit, verbose_name=_("unit IKM"), on_delete=models.CASCADE, related_name="certifications"
    )
    kind = models.CharField(_("jenis"), max_length=12, choices=CertificationKind.choices)
    number = models.CharField(_("nomor"), max_length=60)
    issued_on = models.DateField(_("tanggal terbit"), null=True, blank=True)
    valid_until = models.DateField(_("berlaku sampai"), null=True, blank=True)

    history = HistoricalRecords(excluded_fields=["updated_at"])

    class Meta:
        verbose_name = _("sertifikasi")
        verbose_name_plural = _("sertifikasi")
        ordering = ["kind", "number"]
        constraints = [
            models.UniqueConstraint(
                fields=["kind", "number"],
                name="certification_number_unique_per_kind",
                violation_error_message=_("Nomor sertifikat ini sudah terdaftar."),
            ),
            models.CheckConstraint(
                name="certification_pirt_15_digits",
                condition=~Q(kind="pirt") | Q(number__regex=r"^[0-9]{15}$"),
                violation_error_message=_("Nomor PIRT harus terdiri dari 15 digit angka."),
            ),
            models.CheckConstraint(name="certification_number_not_blank", condition=~Q(number="")),
            models.CheckConstraint(
                name="certification_valid_after_issued",
                condition=Q(valid_until__isnull=True) | Q(issued_on__isnull=True) | Q(valid_until__gte=F("issued_on")),
            ),
        ]

    def __str__(self):
        return f"{self.get_kind_display()} {self.number}"


class Programme(models.Model):
    """A support programme an IKM can take part in (e-Smart IKM, KUR, ...); the list is configurable."""

    code = models.SlugField(_("kode"), max_length=40, unique=True)
    name = models.CharField(_("nama"), max_length=120, unique=True)

    class Meta:
        verbose_name = _("program")
        verbose_name_plural = _("program")
        ordering = ["name"]

    def __str__(self):
        return self.name


class ProgrammeParticipation(TrackedModel):
    REGION_PATH = "ikm__desa"

    ikm = models.ForeignKey(IkmUnit, verbose_name=_("unit IKM"), on_delete=models.CASCADE, related_name="participations")
    programme = models.ForeignKey(Programme, verbose_name=_("program"), on_delete=models.PROTECT)
    year = models.PositiveSmallIntegerField(_("tahun"))
    note = models.CharField(_("keterangan"), max_length=200, blank=True)

    history = HistoricalRecords(excluded_fields=["updated_at"])

    class Meta:
        verbose_name = _("keikutsertaan program")
        verbose_name_plural = _("keikutsertaan program")
        ordering = ["-year"]
        constraints = [
            models.UniqueConstraint(fields=["ikm", "programme", "year"], name="participation_once_per_year"),
            models.CheckConstraint(name="participation_year_from_2010", condition=Q(year__gte=2010)),
        ]
