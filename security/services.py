"""TOTP enrolment for administrators and analysts (django-otp's TOTPDevice does the cryptography)."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _
from django_otp.plugins.otp_totp.models import TOTPDevice

from accounts.models import Role

ENROLLABLE_ROLES = (Role.ADMIN, Role.ANALYST)


def can_enrol_totp(user):
    return user.is_authenticated and (user.role in ENROLLABLE_ROLES or user.is_superuser)


def totp_pending_device(*, user):
    """The unconfirmed device whose secret the user is scanning; created on first visit, reused afterwards."""
    if not can_enrol_totp(user):
        raise PermissionDenied(_("Verifikasi dua langkah tersedia untuk administrator dan analis."))
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
    devices = list(TOTPDevice.objects.filter(user=user, confirmed=True))
    if not any(device.verify_token((token or "").strip()) for device in devices):
        raise ValidationError(_("Kode tidak cocok."), code="invalid_token")
    TOTPDevice.objects.filter(user=user).delete()
