"""Webhook subscriptions of API clients and the log of every delivery (the outbox).

Deliveries are made from the change feed (changes_change, written by triggers in the writer's transaction),
never during a save: a slow or failing receiver cannot slow anyone's work. See webhooks/services.py.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _

from apiclients.models import ApiClient


class Subscription(models.Model):
    client = models.ForeignKey(ApiClient, verbose_name=_("klien API"), on_delete=models.CASCADE, related_name="webhooks")
    url = models.URLField(_("URL penerima"), max_length=500)
    # Empty lists mean every resource / every event.
    resources = models.JSONField(_("sumber daya"), default=list, blank=True)
    events = models.JSONField(_("jenis kejadian"), default=list, blank=True)
    # The key of the HMAC-SHA256 signature. Kept in clear: signing needs it (the receiver holds the same).
    secret = models.CharField(_("kunci penandatanganan"), max_length=64, editable=False)
    is_active = models.BooleanField(_("aktif"), default=True)
    description = models.CharField(_("keterangan"), max_length=200, blank=True)
    # Only changes after this feed position are delivered (the head when the subscription was made).
    start_txid = models.BigIntegerField(default=0, editable=False)
    start_change = models.BigIntegerField(default=0, editable=False)
    # A send job is queued or running until this moment (so the pump does not queue a second one).
    busy_until = models.DateTimeField(null=True, blank=True, editable=False)
    created_at = models.DateTimeField(_("dibuat"), auto_now_add=True)

    class Meta:
        verbose_name = _("langganan webhook")
        verbose_name_plural = _("langganan webhook")
        ordering = ["client__name", "id"]

    def __str__(self):
        return f"{self.client} → {self.url}"


class DeliveryStatus(models.TextChoices):
    PENDING = "pending", _("menunggu")
    SENT = "sent", _("terkirim")
    FAILED = "failed", _("gagal (berhenti mencoba)")


class Delivery(models.Model):
    """One event for one subscription: its body is fixed when made, and sent (again) until answered 2xx."""

    subscription = models.ForeignKey(Subscription, verbose_name=_("langganan"), on_delete=models.CASCADE, related_name="deliveries")
    event = models.CharField(_("kejadian"), max_length=60)
    resource = models.CharField(_("sumber daya"), max_length=32)
    object_id = models.BigIntegerField(_("ID data"))
    position = models.CharField(_("posisi umpan"), max_length=40)
    payload = models.JSONField(_("isi"))
    status = models.CharField(_("status"), max_length=8, choices=DeliveryStatus.choices, default=DeliveryStatus.PENDING)
    attempts = models.PositiveIntegerField(_("jumlah percobaan"), default=0)
    next_attempt_at = models.DateTimeField(_("percobaan berikutnya"), null=True, blank=True)
    response_code = models.PositiveSmallIntegerField(_("kode jawaban"), null=True, blank=True)
    last_error = models.CharField(_("galat terakhir"), max_length=300, blank=True)
    redelivery_of = models.ForeignKey("self", verbose_name=_("kirim ulang dari"), null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(_("dibuat"), auto_now_add=True)
    sent_at = models.DateTimeField(_("terkirim"), null=True, blank=True)

    class Meta:
        verbose_name = _("pengiriman webhook")
        verbose_name_plural = _("pengiriman webhook")
        ordering = ["-id"]
        # The sender takes each subscription's oldest pending delivery: per record (and per subscription) in order.
        indexes = [models.Index(fields=["subscription", "status", "id"], name="delivery_queue_idx")]

    def __str__(self):
        return f"{self.event} #{self.object_id} → {self.subscription_id} ({self.status})"


class DispatchState(models.Model):
    """One row: how far the change feed has been turned into deliveries, and when the pump runs next."""

    txid = models.BigIntegerField(default=0)
    change = models.BigIntegerField(default=0)
    next_pump_at = models.DateTimeField(null=True, blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("posisi pengiriman webhook")
        verbose_name_plural = _("posisi pengiriman webhook")
