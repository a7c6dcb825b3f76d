"""Partner systems that use the REST API, each with one hashed token, a region scope and read-only/read-write.

A client acts through its own service user (so every write it makes is audited under its name). While a
request is authenticated by the token, that user is loaded as `ApiPrincipal`, whose role properties come from
the client, so accounts.scope keeps being the one place that decides visibility.
"""

from django.core.validators import RegexValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from accounts.models import User

validate_rate = RegexValidator(r"^[1-9][0-9]{0,6}/(s|sec|m|min|h|hour|d|day)\Z", _("Format batas: angka/satuan, mis. 600/min."))


class ApiClient(models.Model):
    name = models.CharField(_("nama klien"), max_length=100, unique=True)
    region = models.ForeignKey(
        "regions.Region",
        verbose_name=_("cakupan wilayah"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        help_text=_("Semua data di bawah wilayah ini. Kosong untuk cakupan nasional."),
    )
    read_write = models.BooleanField(_("boleh mengubah data"), default=False)
    is_active = models.BooleanField(_("aktif"), default=True)
    throttle_rate = models.CharField(
        _("batas permintaan"), max_length=20, blank=True, validators=[validate_rate], help_text=_("Contoh 600/min; kosong memakai batas bawaan.")
    )
    # Only a prefix (to find the row) and a SHA-256 digest of the whole key are stored; the key is shown once.
    key_prefix = models.CharField(_("awalan token"), max_length=12, unique=True, editable=False)
    key_hash = models.CharField(_("hash token"), max_length=64, editable=False)
    user = models.OneToOneField(User, verbose_name=_("pengguna layanan"), on_delete=models.PROTECT, related_name="api_client", editable=False)
    created_at = models.DateTimeField(_("dibuat"), auto_now_add=True)
    last_used_at = models.DateTimeField(_("terakhir dipakai"), null=True, blank=True, editable=False)

    class Meta:
        verbose_name = _("klien API")
        verbose_name_plural = _("klien API")
        ordering = ["name"]

    def __str__(self):
        return self.name


class ApiPrincipal(User):
    """The service user of an API client, answering the role questions of accounts.scope from the client."""

    class Meta:
        proxy = True
        verbose_name = _("pengguna layanan API")
        verbose_name_plural = _("pengguna layanan API")

    @property
    def client(self):
        return self.api_client

    @property
    def is_national(self):
        return self.client.region_id is None

    @property
    def can_edit_records(self):
        return self.client.read_write

    @property
    def can_verify_records(self):
        # Verification is a statement by a person at the dinas, never by a partner system.
        return False

    @property
    def can_export(self):
        return True
