from django.contrib import admin

from core.admin import CatalogueAdmin, RegistryAdmin

from .models import EquipmentType, Machine, Room


@admin.register(Room)
class RoomAdmin(RegistryAdmin):
    list_display = ["name", "sentra", "state", "occupant", "area_m2"]
    list_filter = ["state"]
    search_fields = ["name", "sentra__code", "sentra__name", "occupant__name"]
    raw_id_fields = ["sentra", "occupant"]


@admin.register(EquipmentType)
class EquipmentTypeAdmin(CatalogueAdmin):
    list_display = ["code", "name", "category"]
    list_filter = ["category"]
    search_fields = ["code", "name"]


@admin.register(Machine)
class MachineAdmin(RegistryAdmin):
    list_display = ["equipment_type", "sentra", "quantity", "condition", "year_acquired", "funding_source"]
    list_filter = ["condition", "funding_source", "equipment_type"]
    search_fields = ["description", "sentra__code", "sentra__name", "equipment_type__name"]
    raw_id_fields = ["sentra", "room"]
