from accounts.scope import region_q, scope_code
from core.api.viewsets import RegistryReadOnlyViewSet
from regions.filtersets import RegionFilterSet
from regions.models import Region

from .serializers import RegionSerializer


def region_list(*, user):
    """Regions inside the caller's scope (a token for Kab. Belu reads 53.04 and below)."""
    code = scope_code(user)
    return Region.objects.none() if code is None else Region.objects.filter(region_q(code, ""))


class RegionViewSet(RegistryReadOnlyViewSet):
    selector = staticmethod(region_list)
    serializer_class = RegionSerializer
    filterset_class = RegionFilterSet
    brief_fields = ("code", "name")
    lookup_field = "code"
    lookup_value_regex = r"[0-9]{2}(?:\.[0-9]{2}(?:\.[0-9]{2}(?:\.[0-9]{4})?)?)?"
    versioned = False
