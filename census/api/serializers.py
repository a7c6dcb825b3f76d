from django.urls import reverse
from rest_framework import serializers

from core.api.serializers import RegionSummarySerializer, RegistrySerializer

from ..models import Round, Visit, VisitMachine, VisitMember, VisitNewMember, VisitRoom, WorklistItem


class RoundSerializer(RegistrySerializer):
    provinces = serializers.SerializerMethodField(help_text="Kode provinsi; kosong = nasional.")

    class Meta:
        model = Round
        fields = [
            "id", "name", "year", "provinces", "start_date", "deadline", "verify_status", "verify_members", "verify_rooms",
            "verify_machines", "item_count", "created_at",
        ]
        read_only_fields = fields

    def get_provinces(self, obj) -> list[str]:
        return sorted(region.code for region in obj.provinces.all())


class WorklistItemSerializer(RegistrySerializer):
    sentra = serializers.CharField(source="sentra.code", read_only=True, help_text="Kode sentra.")
    sentra_name = serializers.CharField(source="sentra.name", read_only=True)
    kabupaten = RegionSummarySerializer(read_only=True)

    class Meta:
        model = WorklistItem
        fields = ["id", "round", "sentra", "sentra_name", "kabupaten", "state", "found_status", "current_visit", "updated_at"]
        read_only_fields = fields


class VisitMemberSerializer(serializers.ModelSerializer):
    ikm = serializers.IntegerField(source="membership.ikm_id", read_only=True)
    ikm_name = serializers.CharField(source="membership.ikm.name", read_only=True)

    class Meta:
        model = VisitMember
        fields = ["membership", "ikm", "ikm_name", "producing"]


class VisitNewMemberSerializer(serializers.ModelSerializer):
    class Meta:
        model = VisitNewMember
        fields = ["name", "owner_name", "product"]


class VisitRoomSerializer(serializers.ModelSerializer):
    room_name = serializers.CharField(source="room.name", read_only=True)

    class Meta:
        model = VisitRoom
        fields = ["room", "room_name", "state", "occupant"]


class VisitMachineSerializer(serializers.ModelSerializer):
    class Meta:
        model = VisitMachine
        fields = ["machine", "condition"]


class PhotoSerializer(serializers.Serializer):
    id = serializers.UUIDField()
    url = serializers.CharField(help_text="Alamat berkas (hanya dalam cakupan wilayah pemanggil).")
    thumbnail_url = serializers.CharField()
    mime_type = serializers.CharField()
    size_bytes = serializers.IntegerField()
    width = serializers.IntegerField(allow_null=True)
    height = serializers.IntegerField(allow_null=True)
    taken_at = serializers.DateTimeField(allow_null=True)
    exif_latitude = serializers.DecimalField(max_digits=9, decimal_places=6, allow_null=True)
    exif_longitude = serializers.DecimalField(max_digits=9, decimal_places=6, allow_null=True)
    exif_source = serializers.CharField()


class VisitSerializer(RegistrySerializer):
    round = serializers.IntegerField(source="item.round_id", read_only=True)
    sentra = serializers.CharField(source="item.sentra.code", read_only=True)
    officer = serializers.CharField(source="officer.username", read_only=True)
    merged_into = serializers.CharField(source="merged_into.code", read_only=True, allow_null=True)
    members = VisitMemberSerializer(many=True, read_only=True)
    new_members = VisitNewMemberSerializer(many=True, read_only=True)
    rooms = VisitRoomSerializer(many=True, read_only=True)
    machines = VisitMachineSerializer(many=True, read_only=True)
    photos = serializers.SerializerMethodField()

    class Meta:
        model = Visit
        fields = [
            "id", "item", "round", "sentra", "officer", "visited_on", "latitude", "longitude", "gps_accuracy_m", "found_status",
            "merged_into", "moved_address", "notes", "members", "new_members", "rooms", "machines", "photos", "created_at",
        ]
        read_only_fields = fields

    def get_photos(self, obj) -> PhotoSerializer(many=True):
        request = self.context.get("request")
        photos = self.context.get("photos", {}).get(str(obj.pk), [])
        absolute = request.build_absolute_uri if request is not None else (lambda url: url)
        return [
            {
                "id": str(photo.pk), "url": absolute(reverse("evidence:file", args=[photo.pk])),
                "thumbnail_url": absolute(reverse("evidence:thumbnail", args=[photo.pk])), "mime_type": photo.mime_type,
                "size_bytes": photo.size_bytes, "width": photo.width, "height": photo.height,
                "taken_at": photo.taken_at.isoformat() if photo.taken_at else None,
                "exif_latitude": str(photo.exif_latitude) if photo.exif_latitude is not None else None,
                "exif_longitude": str(photo.exif_longitude) if photo.exif_longitude is not None else None,
                "exif_source": photo.exif_source,
            }
            for photo in photos
        ]
