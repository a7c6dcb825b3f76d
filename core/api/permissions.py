from django.utils.translation import gettext_lazy as _
from rest_framework.permissions import SAFE_METHODS, IsAuthenticated


class RegistryPermission(IsAuthenticated):
    """Anyone signed in reads (within scope); only principals that edit records write (within scope)."""

    message = _("Token atau akun ini hanya boleh membaca data.")

    def has_permission(self, request, view):
        if not super().has_permission(request, view):
            return False
        return request.method in SAFE_METHODS or bool(getattr(request.user, "can_edit_records", False))
