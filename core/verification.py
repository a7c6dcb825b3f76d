"""What "verified" means, in one place (lists, filters, home page, freshness dashboard and the record pages).

Dinas staff enter, provincial staff verify (DESIGN.md). A verification ("Data masih valid") is someone who
may verify the record confirming that it is right **as it now stands**. So:

- **Terverifikasi** (verified): verified within VERIFICATION_MAX_AGE_DAYS and not changed since.
- **Menunggu verifikasi** (awaiting verification): never verified, or created/changed after its last
  verification: by a form, an import or the API. An edit never verifies; the record waits for a second
  pair of eyes.
- **Kedaluwarsa** (overdue): not changed since its verification, but that verification is older than
  VERIFICATION_MAX_AGE_DAYS: time for a new check.

"Perlu verifikasi" (needs verification) = awaiting + overdue.

Who verifies: provincial staff for their province, dinas staff for their kabupaten/kota and administrators
(accounts.scope.ensure_can_verify), but never a change of their own: whoever made the latest change is not
the one who confirms it (administrators excepted: they load and repair data). A colleague at the dinas or
the provincial office verifies it.

"Changed" is `updated_at`, which every write stamps; a verification itself writes only last_verified_*
(update_fields), so it does not count as a change.
"""

from datetime import timedelta

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.db.models import F, Q
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

VERIFIED, AWAITING, OVERDUE = "verified", "awaiting", "overdue"
STATE_LABELS = {
    VERIFIED: gettext_lazy("Terverifikasi"),
    AWAITING: gettext_lazy("Menunggu verifikasi (baru atau diubah sesudah verifikasi terakhir)"),
    OVERDUE: gettext_lazy("Kedaluwarsa (verifikasi terakhir terlalu lama)"),
}


def verification_cutoff(now=None):
    return (now or timezone.now()) - timedelta(days=settings.VERIFICATION_MAX_AGE_DAYS)


def verified_q(now=None):
    """Rows verified recently and not changed since."""
    return Q(last_verified_at__gte=verification_cutoff(now)) & Q(last_verified_at__gte=F("updated_at"))


def awaiting_q():
    """Rows never verified, or changed after their last verification."""
    return Q(last_verified_at__isnull=True) | Q(last_verified_at__lt=F("updated_at"))


def overdue_q(now=None):
    """Rows unchanged since their verification, which is too old."""
    return Q(last_verified_at__gte=F("updated_at")) & Q(last_verified_at__lt=verification_cutoff(now))


def needs_verification_q(now=None):
    return awaiting_q() | overdue_q(now)


def verification_state(record, now=None):
    verified = record.last_verified_at
    if verified is None or (record.updated_at and verified < record.updated_at):
        return AWAITING
    if verified < verification_cutoff(now):
        return OVERDUE
    return VERIFIED


def last_change_by(record):
    """Id of the user who made the record's latest change (not a verification), from its audit history."""
    history = getattr(record, "history", None)
    if history is None:
        return None
    rows = history.exclude(history_change_reason="verify").order_by("-history_date", "-history_id")
    return rows.values_list("history_user_id", flat=True).first()


def may_verify_own_change(user):
    return getattr(user, "role", None) == "admin" or getattr(user, "is_superuser", False)


def ensure_not_own_change(user, record):
    """Refuse a verification by the person whose change it would confirm (four eyes; administrators excepted)."""
    if may_verify_own_change(user):
        return
    if user is not None and last_change_by(record) == user.pk:
        raise PermissionDenied(
            _("Perubahan terakhir data ini Anda buat sendiri; verifikasinya dilakukan orang lain (staf dinas provinsi atau rekan dinas).")
        )
