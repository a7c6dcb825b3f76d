from core.api.viewsets import RegistryViewSet
from funding.filtersets import DakActivityFilterSet, DakAllocationFilterSet
from funding.selectors import dak_activity_list, dak_allocation_list
from funding.services import dak_activity_create, dak_activity_update, dak_allocation_create, dak_allocation_update

from .serializers import DakActivitySerializer, DakAllocationSerializer


class DakAllocationViewSet(RegistryViewSet):
    selector = staticmethod(dak_allocation_list)
    serializer_class = DakAllocationSerializer
    filterset_class = DakAllocationFilterSet
    brief_fields = ("id", "fiscal_year", "kabupaten_kota", "pagu", "realisation")

    def create_record(self, data):
        return dak_allocation_create(user=self.request.user, data=data)

    def update_record(self, instance, data, expected_version):
        return dak_allocation_update(user=self.request.user, allocation=instance, data=data, expected_version=expected_version)


def dak_activity_list_with_links(*, user):
    # Funded rooms and machines come in two extra queries, whatever the page size.
    return dak_activity_list(user=user).prefetch_related("rooms", "machines")


class DakActivityViewSet(RegistryViewSet):
    selector = staticmethod(dak_activity_list_with_links)
    serializer_class = DakActivitySerializer
    filterset_class = DakActivityFilterSet
    brief_fields = ("id", "allocation", "menu", "pagu", "realisation")

    def create_record(self, data):
        rooms, machines = data.pop("rooms", []), data.pop("machines", [])
        return dak_activity_create(user=self.request.user, data=data, rooms=rooms, machines=machines)

    def update_record(self, instance, data, expected_version):
        rooms, machines = data.pop("rooms", None), data.pop("machines", None)
        return dak_activity_update(
            user=self.request.user, activity=instance, data=data, rooms=rooms, machines=machines, expected_version=expected_version
        )
