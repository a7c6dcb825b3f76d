from rest_framework import serializers

from core.api.serializers import RegionSummarySerializer, RegistrySerializer, ScopedRelatedField, catalogue_field
from facilities.models import EquipmentType, Machine, Room
from facilities.selectors import room_list
from ikm.selectors import ikm_list
from sentra.selectors import sentra_list


class SentraPlaceMixin(serializers.Serializer):
    sentra = ScopedRelatedField(selector=sentra_list, slug_field="code", help_text="Kode sentra.")
    sentra_name = serializers.CharField(source="sentra.name", read_only=True)
    region = RegionSummarySerializer(source="sentra.desa", read_only=True)


class RoomSerializer(SentraPlaceMixin, RegistrySerializer):
    occupant = ScopedRelatedField(
        selector=ikm_list, slug_field="id", required=False, allow_null=True, help_text="ID unit IKM pengguna ruang."
    )
    occupant_name = serializers.CharField(source="occupant.name", read_only=True, allow_null=True)

    class Meta:
        model = Room
        fields = [
            "id", "sentra", "sentra_name", "region", "name", "state", "occupant", "occupant_name", "area_m2", "notes",
            "version", "created_at", "updated_at",
        ]
        read_only_fields = ["version", "created_at", "updated_at"]
        validators = []  # name per sentra is checked by full_clean in the service


class MachineSerializer(SentraPlaceMixin, RegistrySerializer):
    room = ScopedRelatedField(selector=room_list, slug_field="id", required=False, allow_null=True, help_text="ID ruang.")
    room_name = serializers.CharField(source="room.name", read_only=True, allow_null=True)
    equipment_type = catalogue_field(
        queryset=EquipmentType.objects.all(), help_text="Kode jenis mesin/peralatan."
    )
    equipment_type_name = serializers.CharField(source="equipment_type.name", read_only=True)

    class Meta:
        model = Machine
        fields = [
            "id", "sentra", "sentra_name", "region", "room", "room_name", "equipment_type", "equipment_type_name",
            "description", "quantity", "condition", "year_acquired", "funding_source", "version", "created_at", "updated_at",
        ]
        read_only_fields = ["version", "created_at", "updated_at"]
