from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin
from django.utils.translation import gettext_lazy as _

from core.admin import AdministratorsOnlyMixin

from .models import User


@admin.register(User)
class UserAdmin(AdministratorsOnlyMixin, BaseUserAdmin):
    list_display = ["username", "get_full_name", "role", "region", "is_active", "last_login"]
    list_filter = ["role", "is_active", "is_staff"]
    search_fields = ["username", "first_name", "last_name", "email", "region__code", "region__name"]
    raw_id_fields = ["region"]
    fieldsets = [*BaseUserAdmin.fieldsets, (_("Peran dan cakupan wilayah"), {"fields": ["role", "region", "language"]})]
    add_fieldsets = [*BaseUserAdmin.add_fieldsets, (_("Peran dan cakupan wilayah"), {"fields": ["role", "region"]})]
