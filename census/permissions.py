"""Who does what in a census round (visibility itself is accounts.scope's business):

  open a round        administrators
  record a visit      district staff (and administrators) inside the kabupaten
  submit a worklist   the same
  review (approve or return)  provincial staff (and administrators) inside the kabupaten's province
  dashboards          everyone, each inside their own scope
"""

from django.core.exceptions import PermissionDenied
from django.utils.translation import gettext as _

from accounts.models import Role
from accounts.scope import region_in_scope


def _is_admin(user):
    return bool(user and (getattr(user, "is_superuser", False) or getattr(user, "role", None) == Role.ADMIN))


def can_open_round(user):
    return _is_admin(user)


def can_record(user, kabupaten_code):
    if user is None or not getattr(user, "is_authenticated", False):
        return False
    if not (_is_admin(user) or getattr(user, "role", None) == Role.DISTRICT):
        return False
    return region_in_scope(user, kabupaten_code)


def can_review(user, kabupaten_code):
    if user is None or not getattr(user, "is_authenticated", False):
        return False
    if not (_is_admin(user) or getattr(user, "role", None) == Role.PROVINCE):
        return False
    return region_in_scope(user, kabupaten_code)


def ensure_can_open_round(user):
    if not can_open_round(user):
        raise PermissionDenied(_("Hanya administrator yang dapat membuka putaran pendataan."))


def ensure_can_record(user, kabupaten_code):
    if not can_record(user, kabupaten_code):
        raise PermissionDenied(_("Anda tidak berwenang mencatat kunjungan di wilayah ini."))


def ensure_can_review(user, kabupaten_code):
    if not can_review(user, kabupaten_code):
        raise PermissionDenied(_("Hanya staf provinsi wilayah ini yang dapat memeriksa kunjungan."))
