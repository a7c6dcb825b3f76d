from django.utils.translation import gettext as _
from rest_framework import serializers

from commodities.models import Commodity
from regions.models import Region
from core.api.serializers import RegionPathSerializer, RegistrySerializer, catalogue_field
from sentra.models import Sentra


class SentraCommodityLinkSerializer(serializers.Serializer):
    code = serializers.CharField(source="commodity.code")
    name = serializers.CharField(source="commodity.name")
    is_primary = serializers.BooleanField()


class SentraSerializer(RegistrySerializer):
    desa = catalogue_field(queryset=Region.objects.all(), help_text="Kode desa/kelurahan (mis. 53.05.03.2001).")
    region = RegionPathSerializer(source="desa", read_only=True)
    is_deleted = serializers.BooleanField(read_only=True, help_text="Terhapus (hanya muncul pada daftar dengan updated_since).")
    commodities = SentraCommodityLinkSerializer(source="commodity_links", many=True, read_only=True)
    commodity_codes = catalogue_field(
        queryset=Commodity.objects.all(), many=True, write_only=True, required=False,
        help_text="Kode komoditas sentra; menggantikan daftar yang ada.",
    )
    primary_commodity_code = catalogue_field(
        queryset=Commodity.objects.all(), write_only=True, required=False, allow_null=True,
        help_text="Komoditas utama (harus termasuk commodity_codes; bawaan: yang pertama).",
    )

    class Meta:
        model = Sentra
        fields = [
            "id", "code", "name", "desa", "region", "address", "latitude", "longitude", "commodities", "commodity_codes",
            "primary_commodity_code", "founding_year", "origin", "manager_type", "manager_name", "asset_owner",
            "designation_number", "designation_date", "status", "notes", "last_verified_at", "version", "created_at",
            "updated_at", "deleted_at", "is_deleted",
        ]
        read_only_fields = ["last_verified_at", "version", "created_at", "updated_at", "deleted_at", "is_deleted"]

    def validate_desa(self, desa):
        if desa.level != 4:
            raise serializers.ValidationError(_("Pilih desa/kelurahan (kode 13 karakter, mis. 53.05.03.2001)."), code="not_desa")
        return desa
