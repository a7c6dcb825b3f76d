"""Who does what in a census round (visibility itself is accounts.scope's business):

  open a round        administrators
  record a visit      district staff (and administrators) inside the sentra's region: a kabupaten officer for
                      the whole kabupaten, a kecamatan officer for the sentra of that kecamatan
  submit a worklist   the same (a kecamatan officer submits the visited items of their kecamatan)
  review (approve or return)  provincial staff (and administrators) inside the kabupaten's province
  dashboards          everyone, each inside their own scope
"""

from django.core.exceptions import PermissionDenied
from django.utils.translation import gettext as _

from accounts.models import Role
from accounts.scope import NATIONAL, code_within, region_in_scope, scope_code


def _is_admin(user):
    return bool(user and (getattr(user, "is_superuser", False) or getattr(user, "role", None) == Role.ADMIN))


def can_open_round(user):
    return _is_admin(user)


def _records_at_all(user):
    if user is None or not getattr(user, "is_authenticated", False):
        return False
    return _is_admin(user) or getattr(user, "role", None) == Role.DISTRICT


def can_record(user, region_code):
    """Record a visit to a sentra whose desa (or kabupaten, for a kabupaten officer) is `region_code`."""
    return _records_at_all(user) and region_in_scope(user, region_code)


def can_record_in_kabupaten(user, kabupaten_code):
    """Work on the kabupaten's worklist: the whole of it, or (a kecamatan officer) the part in one's scope."""
    if not _records_at_all(user):
        return False
    scope = scope_code(user)
    return code_within(scope, kabupaten_code) or (scope not in (None, NATIONAL) and code_within(kabupaten_code, scope))


def can_review(user, kabupaten_code):
    if user is None or not getattr(user, "is_authenticated", False):
        return False
    if not (_is_admin(user) or getattr(user, "role", None) == Role.PROVINCE):
        return False
    return region_in_scope(user, kabupaten_code)


def ensure_can_open_round(user):
    if not can_open_round(user):
        raise PermissionDenied(_("Hanya administrator yang dapat membuka putaran pendataan."))


def ensure_can_record_in_kabupaten(user, kabupaten_code):
    if not can_record_in_kabupaten(user, kabupaten_code):
        raise PermissionDenied(_("Anda tidak berwenang mencatat kunjungan di wilayah ini."))


def ensure_can_record(user, region_code):
    if not can_record(user, region_code):
        raise PermissionDenied(_("Anda tidak berwenang mencatat kunjungan di wilayah ini."))


def ensure_can_review(user, kabupaten_code):
    if not can_review(user, kabupaten_code):
        raise PermissionDenied(_("Hanya staf provinsi wilayah ini yang dapat memeriksa kunjungan."))
