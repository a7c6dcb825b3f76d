from django.contrib import admin

from core.admin import CatalogueAdmin

from .models import Region


@admin.register(Region)
class RegionAdmin(CatalogueAdmin):
    list_display = ["code", "name", "level", "kind", "parent"]
    list_filter = ["level", "kind"]
    search_fields = ["code", "name"]
    raw_id_fields = ["parent"]
    show_full_result_count = False
