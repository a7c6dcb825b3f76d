from django.contrib import admin

from .models import Evidence


@admin.register(Evidence)
class EvidenceAdmin(admin.ModelAdmin):
    list_display = ("pk", "kind", "region", "original_name", "size_bytes", "taken_at", "uploaded_by", "uploaded_at")
    list_filter = ("kind",)
    readonly_fields = [field.name for field in Evidence._meta.fields]

    def has_add_permission(self, request):
        return False  # files come in through a visit, checked; never typed in here
