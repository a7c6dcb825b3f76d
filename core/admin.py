"""Admin building blocks. The admin is for administrators only; dinas staff use the data-entry UI."""

from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin


def is_registry_admin(user):
    return bool(user.is_active and user.is_staff and (user.is_superuser or getattr(user, "role", None) == "admin"))


class AdministratorsOnlyMixin:
    def has_module_permission(self, request):
        return is_registry_admin(request.user)

    def has_view_permission(self, request, obj=None):
        return is_registry_admin(request.user)

    def has_add_permission(self, request, *args):
        return is_registry_admin(request.user)

    def has_change_permission(self, request, obj=None):
        return is_registry_admin(request.user)

    def has_delete_permission(self, request, obj=None):
        return is_registry_admin(request.user)


class CatalogueAdmin(AdministratorsOnlyMixin, admin.ModelAdmin):
    list_per_page = 100


class RegistryAdmin(AdministratorsOnlyMixin, SimpleHistoryAdmin):
    """Records with their history; soft-deleted rows are listed too so an administrator can undo a delete."""

    list_per_page = 50
    show_full_result_count = False  # counting a million rows on every page is what makes admins slow

    def get_queryset(self, request):
        manager = getattr(self.model, "all_objects", None)
        if manager is None:
            return super().get_queryset(request)
        ordering = self.get_ordering(request)
        return manager.all().order_by(*ordering) if ordering else manager.all()
