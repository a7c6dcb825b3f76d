"""Response shapes of the change feed, for the OpenAPI schema (the views build plain dicts)."""

from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from ..representations import EVENTS, REASON_DELETED, REASON_OUT_OF_SCOPE, RESOURCE_NAMES


@extend_schema_field({"type": "object", "additionalProperties": True, "nullable": True})
class RecordField(serializers.JSONField):
    pass


class ChangeSerializer(serializers.Serializer):
    position = serializers.CharField(help_text=_("Posisi butir ini di umpan (<txid>.<id>)."))
    resource = serializers.ChoiceField(choices=RESOURCE_NAMES)
    id = serializers.IntegerField(help_text=_("ID data di sumber dayanya."))
    event = serializers.ChoiceField(choices=EVENTS, help_text=_("created/updated: simpan data; deleted: hapus salinan Anda."))
    reason = serializers.ChoiceField(
        choices=[REASON_DELETED, REASON_OUT_OF_SCOPE], allow_null=True,
        help_text=_("Untuk deleted: dihapus, atau pindah ke luar wilayah Anda."),
    )
    version = serializers.IntegerField(allow_null=True)
    changed_at = serializers.DateTimeField()
    data = RecordField(help_text=_("Data seperti GET /api/v1/<resource>/<id>/ saat dibaca; null untuk deleted."))


class ChangePageSerializer(serializers.Serializer):
    results = ChangeSerializer(many=True)
    next_position = serializers.CharField(help_text=_("Simpan; minta berikutnya dengan after=<next_position>."))
    has_more = serializers.BooleanField(help_text=_("true: masih ada butir, minta lagi segera; false: sudah terkini."))
    next = serializers.URLField()


class HeadSerializer(serializers.Serializer):
    position = serializers.CharField()
