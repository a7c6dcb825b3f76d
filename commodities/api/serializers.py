from rest_framework import serializers

from commodities.models import Commodity
from core.api.serializers import RegistrySerializer


class CommodityGroupSummarySerializer(serializers.Serializer):
    code = serializers.CharField()
    name = serializers.CharField()


class CommoditySerializer(RegistrySerializer):
    group = CommodityGroupSummarySerializer(read_only=True)

    class Meta:
        model = Commodity
        fields = ["id", "code", "name", "group", "kbli_code", "kbli_version", "is_priority"]
        read_only_fields = fields
