"""GET /api/v1/deletions/?updated_since=...: records an incremental sync must drop.

Hard-deleted records (`reason: deleted`), and records that moved out of the caller's region
(`reason: out_of_scope`: a sentra moved to a desa of another kabupaten, and with it its rooms and machines),
written by the change feed's trigger (changes/triggers.py). A move stays invisible to those who can still
see the record where it went. Sentra and IKM units are soft-deleted and come back in their own lists with
`deleted_at` set instead.
"""

from django.db.models import Q
from rest_framework import serializers

from accounts.scope import NATIONAL, scope_code

from core.filtersets import TombstoneFilterSet
from core.models import Tombstone
from core.selectors import visible

from .serializers import RegistrySerializer
from .viewsets import RegistryReadOnlyViewSet

RESOURCES = {
    "sentra.sentra": "sentra",
    "ikm.ikmunit": "ikm-units",
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
    reason = serializers.SerializerMethodField(help_text="deleted (dihapus) atau out_of_scope (pindah ke luar wilayah Anda).")

    class Meta:
        model = Tombstone
        fields = ["id", "model", "resource", "object_id", "region", "reason", "deleted_at"]
        read_only_fields = fields

    def get_resource(self, tombstone) -> str:
        return RESOURCES.get(tombstone.model, tombstone.model)

    def get_reason(self, tombstone) -> str:
        return "out_of_scope" if tombstone.moved_to else "deleted"


def tombstone_list(*, user):
    """Deletions in the user's region, and moves out of it (not a move the user can follow to where it went)."""
    code = scope_code(user)
    if code == NATIONAL:
        still_seen = Q(moved_to__isnull=False)
    else:  # the prefix rule of accounts.scope.region_q, on a plain code column
        still_seen = Q(moved_to=code or "") | Q(moved_to__startswith=f"{code}.")
    return visible(Tombstone, user).exclude(still_seen)


class DeletionViewSet(RegistryReadOnlyViewSet):
    selector = staticmethod(tombstone_list)
    serializer_class = TombstoneSerializer
    filterset_class = TombstoneFilterSet
    brief_fields = ("model", "object_id")
    versioned = False
