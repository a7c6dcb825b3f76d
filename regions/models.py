from django.db import models
from django.utils.translation import gettext_lazy as _


class Region(models.Model):
    """A Kemendagri region; its code is its key and its ancestors are the code's prefixes."""

    class Level(models.IntegerChoices):
        PROVINSI = 1, _("Provinsi")
        KABUPATEN_KOTA = 2, _("Kabupaten/Kota")
        KECAMATAN = 3, _("Kecamatan")
        DESA_KELURAHAN = 4, _("Desa/Kelurahan")

    class Kind(models.TextChoices):
        PROVINSI = "provinsi", _("Provinsi")
        KABUPATEN = "kabupaten", _("Kabupaten")
        KOTA = "kota", _("Kota")
        KECAMATAN = "kecamatan", _("Kecamatan")
        DESA = "desa", _("Desa")
        KELURAHAN = "kelurahan", _("Kelurahan")
        DESA_ADAT = "desa_adat", _("Desa adat")

    # Code length by level: 53 / 53.05 / 53.05.03 / 53.05.03.1001
    CODE_LENGTH = {1: 2, 2: 5, 3: 8, 4: 13}

    code = models.CharField(_("kode"), max_length=13, primary_key=True)
    name = models.CharField(_("nama"), max_length=100, db_index=True)
    level = models.PositiveSmallIntegerField(_("tingkat"), choices=Level.choices)
    kind = models.CharField(_("jenis"), max_length=12, choices=Kind.choices)
    parent = models.ForeignKey(
        "self", verbose_name=_("induk"), null=True, blank=True, on_delete=models.PROTECT, related_name="children"
    )

    class Meta:
        verbose_name = _("wilayah")
        verbose_name_plural = _("wilayah")
        ordering = ["code"]
        # Region prefix filters (LIKE '53.05.%') use the varchar_pattern_ops index Django adds on PostgreSQL
        # for every indexed CharField (`..._like`); a second, explicit one only doubled the cost of each write.
        constraints = [
            models.CheckConstraint(
                name="region_level_matches_code",
                condition=(
                    models.Q(level=1, code__regex=r"^[0-9]{2}$", parent__isnull=True)
                    | models.Q(level=2, code__regex=r"^[0-9]{2}\.[0-9]{2}$", parent__isnull=False)
                    | models.Q(level=3, code__regex=r"^[0-9]{2}\.[0-9]{2}\.[0-9]{2}$", parent__isnull=False)
                    | models.Q(level=4, code__regex=r"^[0-9]{2}\.[0-9]{2}\.[0-9]{2}\.[0-9]{4}$", parent__isnull=False)
                ),
            ),
        ]

    def __str__(self):
        return f"{self.code} {self.name}"

    @property
    def ancestor_codes(self):
        return ancestor_codes(self.code)


def kabupaten_of(region_code):
    """The kabupaten/kota code (53.05) above a desa, kecamatan or kabupaten code; None above that level."""
    parts = (region_code or "").split(".")
    return ".".join(parts[:2]) if len(parts) >= 2 else None


def ancestor_codes(code):
    """Codes of a region and every region above it, top first (53.05.03 -> 53, 53.05, 53.05.03)."""
    parts = code.split(".")
    return [".".join(parts[: i + 1]) for i in range(len(parts))]
