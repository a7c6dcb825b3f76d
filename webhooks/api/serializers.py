from django.utils.translation import gettext_lazy as _
from rest_framework import serializers

from changes.representations import EVENTS, RESOURCE_NAMES

from ..models import Delivery, Subscription


class SubscriptionSerializer(serializers.ModelSerializer):
    resources = serializers.ListField(
        child=serializers.ChoiceField(choices=RESOURCE_NAMES), required=False, max_length=len(RESOURCE_NAMES),
        help_text=_("Sumber daya yang diikuti; kosong = semua."),
    )
    events = serializers.ListField(
        child=serializers.ChoiceField(choices=EVENTS), required=False, max_length=len(EVENTS),
        help_text=_("created, updated, deleted; kosong = semua."),
    )
    url = serializers.URLField(max_length=500, help_text=_("http:// atau https://; alamat jaringan privat ditolak."))

    class Meta:
        model = Subscription
        fields = ["id", "url", "resources", "events", "description", "is_active", "created_at"]
        read_only_fields = ["id", "created_at"]


class SubscriptionWithSecretSerializer(SubscriptionSerializer):
    secret = serializers.CharField(read_only=True, help_text=_("Kunci HMAC-SHA256; hanya ditampilkan sekali, simpan sekarang."))

    class Meta(SubscriptionSerializer.Meta):
        fields = [*SubscriptionSerializer.Meta.fields, "secret"]
        read_only_fields = [*SubscriptionSerializer.Meta.read_only_fields, "secret"]


class DeliverySerializer(serializers.ModelSerializer):
    class Meta:
        model = Delivery
        fields = [
            "id", "event", "resource", "object_id", "position", "status", "attempts", "response_code", "last_error",
            "next_attempt_at", "created_at", "sent_at", "redelivery_of", "payload",
        ]
        read_only_fields = fields
