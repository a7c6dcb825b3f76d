from django.contrib import admin

from core.admin import CatalogueAdmin, RegistryAdmin

from .models import DakActivity, DakAllocation, DakMenu


@admin.register(DakMenu)
class DakMenuAdmin(CatalogueAdmin):
    list_display = ["code", "name", "is_active", "sort_order"]
    list_filter = ["is_active"]
    search_fields = ["code", "name"]


class DakActivityInline(admin.TabularInline):
    model = DakActivity
    extra = 0
    raw_id_fields = ["sentra"]
    fields = ["menu", "sentra", "description", "pagu", "realisation"]


@admin.register(DakAllocation)
class DakAllocationAdmin(RegistryAdmin):
    list_display = ["fiscal_year", "kabupaten_kota", "pagu", "realisation", "absorption_percent"]
    list_filter = ["fiscal_year"]
    search_fields = ["kabupaten_kota__code", "kabupaten_kota__name"]
    raw_id_fields = ["kabupaten_kota"]
    inlines = [DakActivityInline]


@admin.register(DakActivity)
class DakActivityAdmin(RegistryAdmin):
    list_display = ["description", "allocation", "menu", "sentra", "pagu", "realisation"]
    list_filter = ["menu", "allocation__fiscal_year"]
    search_fields = ["description", "sentra__code", "sentra__name", "allocation__kabupaten_kota__name"]
    raw_id_fields = ["allocation", "sentra", "rooms", "machines"]
