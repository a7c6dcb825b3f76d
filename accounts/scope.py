"""The one place that decides which records a user may see or change.

A scope is a region code; it covers that region and every region whose code starts with it plus a dot.
Every model that is scoped names the path to its region in `REGION_PATH` (e.g. "desa" or "sentra__desa").
UI lists, detail pages, the API, exports and dashboards all go through `scope_queryset`; services go
through `ensure_can_write` / `ensure_can_verify` before they write.
"""

from django.core.exceptions import PermissionDenied
from django.db.models import Q
from django.utils.translation import gettext as _

NATIONAL = ""


def scope_code(user):
    """Region code the user is confined to, NATIONAL for everything, or None for nothing."""
    if user is None or not user.is_authenticated or not user.is_active:
        return None
    if getattr(user, "is_national", False):
        return NATIONAL
    region_id = getattr(user, "region_id", None)
    return region_id or None


def region_q(code, path):
    """Rows whose region at `path` lies inside region `code`."""
    if code == NATIONAL:
        return Q()
    field = f"{path}__code" if path else "code"  # an empty path means the Region rows themselves
    return Q(**{field: code}) | Q(**{f"{field}__startswith": code + "."})


def scope_queryset(queryset, user, path=None):
    code = scope_code(user)
    if code is None:
        return queryset.none()
    return queryset.filter(region_q(code, path or queryset.model.REGION_PATH))


def code_within(scope, region_code):
    """Whether `region_code` lies inside scope code `scope` (NATIONAL covers everything); None scope covers nothing."""
    if scope is None or not region_code:
        return False
    return scope == NATIONAL or region_code == scope or region_code.startswith(scope + ".")


def region_in_scope(user, region_code):
    return code_within(scope_code(user), region_code)


def ensure_can_write(user, *region_codes):
    """Refuse a write unless the user edits records and every region touched (old and new) is theirs."""
    if user is None or not getattr(user, "can_edit_records", False):
        raise PermissionDenied(_("Anda tidak berwenang mengubah data."))
    for code in region_codes:
        if code and not region_in_scope(user, code):
            raise PermissionDenied(_("Wilayah %(code)s di luar cakupan wilayah Anda.") % {"code": code})


def ensure_can_verify(user, region_code):
    if user is None or not getattr(user, "can_verify_records", False) or not region_in_scope(user, region_code):
        raise PermissionDenied(_("Anda tidak berwenang memverifikasi data ini."))
