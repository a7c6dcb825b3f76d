from django.utils.translation import gettext as _
from rest_framework import serializers

from commodities.models import Commodity
from regions.models import Region
from core.api.serializers import RegionPathSerializer, RegistrySerializer, ScopedRelatedField, catalogue_field
from ikm.models import Certification, IkmClass, IkmUnit, SentraMembership, YearlyFigure
from ikm.selectors import ikm_list
from sentra.selectors import sentra_list


def ikm_field(**kwargs):
    return ScopedRelatedField(selector=ikm_list, slug_field="id", help_text="ID unit IKM.", **kwargs)


def sentra_field(**kwargs):
    return ScopedRelatedField(selector=sentra_list, slug_field="code", help_text="Kode sentra.", **kwargs)


class IkmUnitSerializer(RegistrySerializer):
    desa = catalogue_field(queryset=Region.objects.all(), help_text="Kode desa/kelurahan (mis. 53.05.03.2001).")
    region = RegionPathSerializer(source="desa", read_only=True)
    is_deleted = serializers.BooleanField(read_only=True, help_text="Terhapus (hanya muncul pada daftar dengan updated_since).")
    commodity = catalogue_field(queryset=Commodity.objects.all(), help_text="Kode komoditas.")
    commodity_name = serializers.CharField(source="commodity.name", read_only=True)
    workers_total = serializers.IntegerField(read_only=True)
    ikm_class = serializers.ChoiceField(
        choices=IkmClass.choices, read_only=True, help_text="Dihitung (Permenperin 64/2016), tidak diisi."
    )

    class Meta:
        model = IkmUnit
        fields = [
            "id", "name", "owner_name", "nib", "desa", "region", "address", "latitude", "longitude", "commodity", "commodity_name", "product",
            "workers_male", "workers_female", "workers_unsplit", "workers_total", "investment", "ikm_class", "production_capacity",
            "capacity_unit", "production_value", "sales", "production_place", "last_verified_at", "version",
            "created_at", "updated_at", "deleted_at", "is_deleted",
        ]
        read_only_fields = ["last_verified_at", "version", "created_at", "updated_at", "deleted_at", "is_deleted"]

    def validate_nib(self, value):
        return value or None  # an empty NIB means "none yet", never the empty string

    def validate_desa(self, desa):
        if desa.level != 4:
            raise serializers.ValidationError(_("Pilih desa/kelurahan (kode 13 karakter, mis. 53.05.03.2001)."), code="not_desa")
        return desa


class SentraMembershipSerializer(RegistrySerializer):
    ikm = ikm_field()
    ikm_name = serializers.CharField(source="ikm.name", read_only=True)
    nib = serializers.CharField(source="ikm.nib", read_only=True, allow_null=True)
    sentra = sentra_field()
    sentra_name = serializers.CharField(source="sentra.name", read_only=True)
    is_current = serializers.BooleanField(read_only=True)

    class Meta:
        model = SentraMembership
        fields = [
            "id", "ikm", "ikm_name", "nib", "sentra", "sentra_name", "joined_on", "left_on", "is_current", "version",
            "created_at", "updated_at",
        ]
        read_only_fields = ["version", "created_at", "updated_at"]
        validators = []  # the open-membership rule is checked by the model (full_clean) with a clearer message


class CertificationSerializer(RegistrySerializer):
    ikm = ikm_field()
    ikm_name = serializers.CharField(source="ikm.name", read_only=True)
    nib = serializers.CharField(source="ikm.nib", read_only=True, allow_null=True)

    class Meta:
        model = Certification
        fields = ["id", "ikm", "ikm_name", "nib", "kind", "number", "issued_on", "valid_until", "version", "created_at", "updated_at"]
        read_only_fields = ["version", "created_at", "updated_at"]


class YearlyFigureSerializer(RegistrySerializer):
    sentra = sentra_field(required=False, allow_null=True)
    ikm = ikm_field(required=False, allow_null=True)
    subject_name = serializers.SerializerMethodField()
    region = RegionPathSerializer(read_only=True)

    class Meta:
        model = YearlyFigure
        fields = [
            "id", "year", "sentra", "ikm", "subject_name", "region", "unit_count", "workers_male", "workers_female",
            "workers_total", "production_volume", "volume_unit", "production_value", "sales", "investment", "source",
            "version", "created_at", "updated_at",
        ]
        read_only_fields = ["version", "created_at", "updated_at"]
        validators = []  # uniqueness per (subject, year) is checked by full_clean in the service

    def get_subject_name(self, figure) -> str:
        subject = figure.sentra or figure.ikm
        return subject.name if subject is not None else ""

