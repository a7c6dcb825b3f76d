from commodities.filtersets import CommodityFilterSet
from commodities.models import Commodity
from core.api.viewsets import RegistryReadOnlyViewSet

from .serializers import CommoditySerializer


def commodity_list(*, user):
    # The commodity catalogue is national reference data: the same for every region scope.
    return Commodity.objects.select_related("group")


class CommodityViewSet(RegistryReadOnlyViewSet):
    selector = staticmethod(commodity_list)
    serializer_class = CommoditySerializer
    filterset_class = CommodityFilterSet
    brief_fields = ("id", "code", "name")
    versioned = False
