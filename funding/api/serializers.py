from rest_framework import serializers

from core.api.serializers import RegionSummarySerializer, RegistrySerializer, ScopedRelatedField, catalogue_field
from facilities.selectors import machine_list, room_list
from funding.models import DakActivity, DakAllocation, DakMenu
from funding.selectors import dak_allocation_list
from regions.models import Region
from sentra.selectors import sentra_list


class DakAllocationSerializer(RegistrySerializer):
    kabupaten_kota = catalogue_field(
        queryset=Region.objects.filter(level=2), help_text="Kode kabupaten/kota penerima (mis. 53.05)."
    )
    kabupaten_kota_name = serializers.CharField(source="kabupaten_kota.name", read_only=True)
    provinsi = RegionSummarySerializer(source="kabupaten_kota.parent", read_only=True)
    absorption_percent = serializers.FloatField(read_only=True, allow_null=True)

    class Meta:
        model = DakAllocation
        fields = [
            "id", "fiscal_year", "kabupaten_kota", "kabupaten_kota_name", "provinsi", "pagu", "realisation",
            "absorption_percent", "notes", "version", "created_at", "updated_at",
        ]
        read_only_fields = ["version", "created_at", "updated_at"]
        validators = []  # one allocation per year and kabupaten/kota is checked by full_clean in the service


class DakActivitySerializer(RegistrySerializer):
    allocation = ScopedRelatedField(selector=dak_allocation_list, slug_field="id", help_text="ID alokasi DAK.")
    fiscal_year = serializers.IntegerField(source="allocation.fiscal_year", read_only=True)
    kabupaten_kota = RegionSummarySerializer(source="allocation.kabupaten_kota", read_only=True)
    menu = catalogue_field(queryset=DakMenu.objects.all(), help_text="Kode menu kegiatan.")
    menu_name = serializers.CharField(source="menu.name", read_only=True)
    sentra = ScopedRelatedField(selector=sentra_list, slug_field="code", required=False, allow_null=True, help_text="Kode sentra.")
    sentra_name = serializers.CharField(source="sentra.name", read_only=True, allow_null=True)
    rooms = ScopedRelatedField(selector=room_list, slug_field="id", many=True, required=False, help_text="ID ruang yang dibiayai.")
    machines = ScopedRelatedField(selector=machine_list, slug_field="id", many=True, required=False, help_text="ID mesin yang dibiayai.")

    class Meta:
        model = DakActivity
        fields = [
            "id", "allocation", "fiscal_year", "kabupaten_kota", "menu", "menu_name", "sentra", "sentra_name",
            "description", "pagu", "realisation", "rooms", "machines", "version", "created_at", "updated_at",
        ]
        read_only_fields = ["version", "created_at", "updated_at"]
