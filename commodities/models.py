from django.db import models
from django.utils.translation import gettext_lazy as _


class CommodityGroup(models.Model):
    """Kelompok komoditas IKM (pangan, sandang, kerajinan & aneka, ...)."""

    code = models.SlugField(_("kode"), max_length=40, unique=True)
    name = models.CharField(_("nama"), max_length=100, unique=True)
    sort_order = models.PositiveSmallIntegerField(_("urutan"), default=0)

    class Meta:
        verbose_name = _("kelompok komoditas")
        verbose_name_plural = _("kelompok komoditas")
        ordering = ["sort_order", "name"]

    def __str__(self):
        return self.name


class Commodity(models.Model):
    code = models.SlugField(_("kode"), max_length=60, unique=True)
    name = models.CharField(_("nama"), max_length=120, unique=True)
    group = models.ForeignKey(
        CommodityGroup, verbose_name=_("kelompok"), on_delete=models.PROTECT, related_name="commodities"
    )
    kbli_code = models.CharField(_("kode KBLI"), max_length=5, blank=True)
    kbli_version = models.CharField(_("versi KBLI"), max_length=4, blank=True, default="2020")
    is_priority = models.BooleanField(_("komoditas prioritas"), default=False)
    # Everyday names offices write in their registers ("Kopi", "Gula aren", "Kue kering"): the import matches
    # them to this commodity and the templates list them.
    synonyms = models.JSONField(_("sinonim"), default=list, blank=True, help_text=_("Nama lain yang dipakai di lapangan."))

    class Meta:
        verbose_name = _("komoditas")
        verbose_name_plural = _("komoditas")
        ordering = ["group__sort_order", "name"]
        constraints = [
            models.CheckConstraint(
                name="commodity_kbli_is_5_digits",
                condition=models.Q(kbli_code="") | models.Q(kbli_code__regex=r"^[0-9]{5}$"),
            ),
        ]

    def __str__(self):
        return self.name
