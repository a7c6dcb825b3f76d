"""TOTP enrolment for every role, required for the roles in TOTP_REQUIRED_ROLES (django-otp's TOTPDevice does
the cryptography)."""

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _
from django_otp.plugins.otp_totp.models import TOTPDevice



def can_enrol_totp(user):
    return user.is_authenticated


def totp_required(user):
    """Whether this person's role must use a second factor (TOTP_REQUIRED_ROLES, e.g. "admin,analyst")."""
    required = settings.TOTP_REQUIRED_ROLES
    return user.is_authenticated and (user.role in required or (user.is_superuser and "admin" in required))


def totp_pending_device(*, user):
    """The unconfirmed device whose secret the user is scanning; created on first visit, reused afterwards."""
    if not can_enrol_totp(user):
        raise PermissionDenied(_("Masuk terlebih dahulu."))
    device = TOTPDevice.objects.filter(user=user, confirmed=False).order_by("id").first()
    return device or TOTPDevice.objects.create(user=user, name=_("Aplikasi autentikator"), confirmed=False)


@transaction.atomic
def totp_confirm(*, user, device, token):
    """Confirm the device once the user proves the app produces the right codes; replaces any older device."""
    if device.user_id != user.pk or device.confirmed:
        raise PermissionDenied(_("Perangkat ini tidak dapat dikonfirmasi."))
    if not device.verify_token((token or "").strip()):
        raise ValidationError(_("Kode tidak cocok. Periksa jam ponsel Anda lalu coba lagi."), code="invalid_token")
    TOTPDevice.objects.filter(user=user, confirmed=True).delete()
    device.confirmed = True
    device.save(update_fields=["confirmed"])
    return device


@transaction.atomic
def totp_disable(*, user, token):
    """Remove the user's TOTP devices; requires a valid current code so a stolen session cannot do it."""
    if totp_required(user):
        raise ValidationError(_("Peran Anda wajib memakai verifikasi dua langkah; tidak dapat dinonaktifkan."), code="required")
    devices = list(TOTPDevice.objects.filter(user=user, confirmed=True))
    if not any(device.verify_token((token or "").strip()) for device in devices):
        raise ValidationError(_("Kode tidak cocok."), code="invalid_token")
    TOTPDevice.objects.filter(user=user).delete()
