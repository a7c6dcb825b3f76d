from django.contrib import admin

from .models import ExportJob


@admin.register(ExportJob)
class ExportJobAdmin(admin.ModelAdmin):
    """Read-only: jobs are created by the export pages and run by the worker."""

    list_display = ("created_at", "user", "exporter", "format", "status", "rows_done", "rows_total")
    list_filter = ("status", "format", "exporter")
    search_fields = ("user__username", "exporter")
    readonly_fields = [field.name for field in ExportJob._meta.fields]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False
