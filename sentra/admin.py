from django.contrib import admin

from core.admin import RegistryAdmin

from .models import Sentra, SentraCommodity


class SentraCommodityInline(admin.TabularInline):
    model = SentraCommodity
    extra = 0
    autocomplete_fields = ["commodity"]


@admin.register(Sentra)
class SentraAdmin(RegistryAdmin):
    list_display = ["code", "name", "desa", "status", "manager_type", "last_verified_at", "deleted_at"]
    list_filter = ["status", "origin", "manager_type", "commodities__group", ("deleted_at", admin.EmptyFieldListFilter)]
    search_fields = ["code", "name", "manager_name", "desa__name", "desa__code"]
    raw_id_fields = ["desa"]
    readonly_fields = ["version", "created_at", "updated_at", "last_verified_at", "last_verified_by", "deleted_at"]
    inlines = [SentraCommodityInline]
    list_select_related = ["desa"]
