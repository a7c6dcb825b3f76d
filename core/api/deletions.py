"""GET /api/v1/deletions/?updated_since=...: hard-deleted records, so an incremental sync can drop them too.

Sentra and IKM units are soft-deleted and come back in their own lists with `deleted_at` set instead.
"""

from rest_framework import serializers

from core.filtersets import TombstoneFilterSet
from core.models import Tombstone
from core.selectors import visible

from .serializers import RegistrySerializer
from .viewsets import RegistryReadOnlyViewSet

RESOURCES = {
    "ikm.sentramembership": "memberships",
    "ikm.certification": "certifications",
    "ikm.yearlyfigure": "yearly-figures",
    "ikm.programmeparticipation": "programme-participations",
    "facilities.room": "rooms",
    "facilities.machine": "machines",
    "funding.dakallocation": "dak-allocations",
    "funding.dakactivity": "dak-activities",
}


class TombstoneSerializer(RegistrySerializer):
    resource = serializers.SerializerMethodField(help_text="Nama sumber daya API (mis. rooms).")
    region = serializers.CharField(source="region_id", read_only=True, allow_null=True)

    class Meta:
        model = Tombstone
        fields = ["id", "model", "resource", "object_id", "region", "deleted_at"]
        read_only_fields = fields

    def get_resource(self, tombstone) -> str:
        return RESOURCES.get(tombstone.model, tombstone.model)


def tombstone_list(*, user):
    return visible(Tombstone, user)


class DeletionViewSet(RegistryReadOnlyViewSet):
    selector = staticmethod(tombstone_list)
    serializer_class = TombstoneSerializer
    filterset_class = TombstoneFilterSet
    brief_fields = ("model", "object_id")
    versioned = False
