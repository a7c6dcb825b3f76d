from rest_framework import serializers

from core.api.serializers import RegistrySerializer
from regions.models import Region


class RegionSerializer(RegistrySerializer):
    parent = serializers.CharField(source="parent_id", read_only=True, allow_null=True)

    class Meta:
        model = Region
        fields = ["code", "name", "level", "kind", "parent"]
        read_only_fields = fields
