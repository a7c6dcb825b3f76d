from django.contrib import admin

from core.admin import CatalogueAdmin

from .models import Commodity, CommodityGroup


@admin.register(CommodityGroup)
class CommodityGroupAdmin(CatalogueAdmin):
    list_display = ["code", "name", "sort_order"]
    search_fields = ["code", "name"]
    list_filter = ["sort_order"]


@admin.register(Commodity)
class CommodityAdmin(CatalogueAdmin):
    list_display = ["code", "name", "group", "kbli_code", "kbli_version", "is_priority"]
    list_filter = ["group", "is_priority", "kbli_version"]
    search_fields = ["code", "name", "kbli_code"]
