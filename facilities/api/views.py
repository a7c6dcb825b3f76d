from core.api.viewsets import RegistryViewSet
from core.services import record_update
from facilities.filtersets import MachineFilterSet, RoomFilterSet
from facilities.selectors import machine_list, room_list
from facilities.services import room_assign

from .serializers import MachineSerializer, RoomSerializer

ASSIGNMENT_FIELDS = {"occupant", "state"}


class RoomViewSet(RegistryViewSet):
    selector = staticmethod(room_list)
    serializer_class = RoomSerializer
    filterset_class = RoomFilterSet
    brief_fields = ("id", "sentra", "name", "state")

    def update_record(self, instance, data, expected_version):
        if data and set(data) <= ASSIGNMENT_FIELDS:
            return room_assign(
                user=self.request.user, room=instance, occupant=data.get("occupant", instance.occupant),
                state=data.get("state", instance.state), expected_version=expected_version,
            )
        return record_update(user=self.request.user, instance=instance, data=data, expected_version=expected_version)


class MachineViewSet(RegistryViewSet):
    selector = staticmethod(machine_list)
    serializer_class = MachineSerializer
    filterset_class = MachineFilterSet
    brief_fields = ("id", "sentra", "equipment_type", "quantity")
