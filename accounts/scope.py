"""The one place that decides which records a user may see or change.

A scope is a region code; it covers that region and every region whose code starts with it plus a dot.
Every model that is scoped names the path to its region in `REGION_PATH` (e.g. "desa" or "sentra__desa").
UI lists, detail pages, the API, exports and dashboards all go through `scope_queryset`; services go
through `ensure_can_write` / `ensure_can_verify` before they write.
"""

from django.core.exceptions import PermissionDenied
from django.db import connection
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


def region_q(code, path, model=None):
    """Rows whose region at `path` lies inside region `code`.

    A model with `REGION_PREFIX_INDEXED` has one index per code level on (SUBSTR(desa_id, 1, n), id)
    (ikm.IkmUnit: a million rows). Its own region path is filtered in that shape, so a province's first
    page ordered by id is read from the index instead of walking the primary key past every other province.
    A model whose region is its parent's (a room's is its sentra's desa) may keep a copy of that code in
    `REGION_COPY_COLUMN` with the same indexes; the copy is kept by triggers on PostgreSQL only, so SQLite
    follows the relation.
    """
    if code == NATIONAL:
        return Q()
    if model is not None and path == getattr(model, "REGION_PATH", None):
        if getattr(model, "REGION_PREFIX_INDEXED", False):
            return region_prefix_q(code, f"{path}_id")
        copy = getattr(model, "REGION_COPY_COLUMN", None)
        if copy and connection.vendor == "postgresql":  # kept by PostgreSQL triggers (facilities.Room, Machine)
            return region_prefix_q(code, copy)
    field = f"{path}__code" if path else "code"  # an empty path means the Region rows themselves
    return Q(**{field: code}) | Q(**{f"{field}__startswith": code + "."})


def region_prefix_q(code, column):
    """`column` (a desa code, 53.05.03.2001) inside region `code`, as the prefix indexes spell it."""
    from django.db.models import Value
    from django.db.models.functions import Substr
    from django.db.models.lookups import Exact

    if len(code) >= DESA_CODE_LENGTH:
        return Q(**{column: code})
    return Q(Exact(Substr(column, 1, len(code)), Value(code)))


DESA_CODE_LENGTH = len("53.05.03.2001")
PREFIX_LENGTHS = (2, 5, 8)  # provinsi, kabupaten/kota, kecamatan
PREFIX_LEVEL_NAMES = ("provinsi", "kabupaten", "kecamatan")


def region_prefix_indexes(column, name):
    """The (SUBSTR(column, 1, n), id) index of each code level that `region_prefix_q` filters through, named
    `<name>_provinsi_id` etc.; the desa level (the whole code) is the model's own (column, id) index."""
    from django.db.models import F, Index
    from django.db.models.functions import Substr

    return [
        Index(Substr(column, 1, length), F("id"), name=f"{name}_{level}_id")
        for length, level in zip(PREFIX_LENGTHS, PREFIX_LEVEL_NAMES)
    ]


def scope_queryset(queryset, user, path=None):
    code = scope_code(user)
    if code is None:
        return queryset.none()
    return queryset.filter(region_q(code, path or queryset.model.REGION_PATH, queryset.model))


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
