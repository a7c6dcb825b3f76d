from django.conf import settings
from django.contrib.auth.models import AbstractUser
from django.db import models
from django.utils.translation import gettext_lazy as _


class Role(models.TextChoices):
    ADMIN = "admin", _("Administrator")
    ANALYST = "analyst", _("Analis kementerian")
    PROVINCE = "province", _("Staf dinas provinsi")
    DISTRICT = "district", _("Staf dinas kabupaten/kota")


class User(AbstractUser):
    """A person using the registry; what they see is decided by `role` and `region` (see accounts.scope)."""

    role = models.CharField(_("peran"), max_length=16, choices=Role.choices, default=Role.DISTRICT)
    region = models.ForeignKey(
        "regions.Region",
        verbose_name=_("wilayah kerja"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        help_text=_("Cakupan wilayah: semua data di bawah wilayah ini. Kosong untuk cakupan nasional."),
    )
    # The UI language the user chose with the language switch (accounts.language); empty: Indonesian.
    language = models.CharField(_("bahasa tampilan"), max_length=8, choices=settings.LANGUAGES, blank=True, default="")

    class Meta:
        verbose_name = _("pengguna")
        verbose_name_plural = _("pengguna")
        constraints = [
            # Regional staff without a region would silently see the whole country.
            models.CheckConstraint(
                name="regional_staff_have_region",
                condition=~models.Q(role__in=["province", "district"]) | models.Q(region__isnull=False),
            ),
        ]

    @property
    def is_national(self):
        return self.role in (Role.ADMIN, Role.ANALYST) or self.is_superuser

    @property
    def can_edit_records(self):
        return self.role in (Role.ADMIN, Role.DISTRICT) or self.is_superuser

    @property
    def can_verify_records(self):
        return self.role in (Role.ADMIN, Role.DISTRICT, Role.PROVINCE) or self.is_superuser

    @property
    def can_export(self):
        return True
