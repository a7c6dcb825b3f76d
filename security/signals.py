import time

from django.contrib.auth.signals import user_logged_in
from django.dispatch import receiver
from django_otp import user_has_device

from .middleware import LAST_SEEN_SESSION_KEY, OTP_ENROL_REQUIRED_SESSION_KEY, OTP_REQUIRED_SESSION_KEY
from .services import totp_required


@receiver(user_logged_in, dispatch_uid="security.mark_session")
def mark_session(sender, request, user, **kwargs):
    """Decide once, at login, whether this session must pass the TOTP step, and start the idle clock.

    Doing it here (the session is saved at login anyway) keeps ordinary requests free of extra queries.
    """
    if request is not None and hasattr(request, "session"):
        has_device = user_has_device(user)
        request.session[OTP_REQUIRED_SESSION_KEY] = has_device
        request.session[OTP_ENROL_REQUIRED_SESSION_KEY] = not has_device and totp_required(user)
        request.session[LAST_SEEN_SESSION_KEY] = int(time.time())
