"""Request guards: a clean 503 while the database is down, the TOTP step, and idle session expiry."""

import logging
import time

from django.conf import settings
from django.contrib.auth import logout
from django.db import InterfaceError, OperationalError
from django.http import HttpResponseRedirect
from django.urls import reverse
from django.utils.http import urlencode
from django.utils.translation import gettext as _

from .responses import database_unavailable, json_error, wants_json

logger = logging.getLogger(__name__)

OTP_REQUIRED_SESSION_KEY = "security_otp_required"
OTP_ENROL_REQUIRED_SESSION_KEY = "security_otp_enrol_required"  # role must use TOTP and has no device yet
LAST_SEEN_SESSION_KEY = "security_last_seen"
# Rewriting the session on every request would cost a write per page; a few minutes of slack is harmless.
LAST_SEEN_RESOLUTION_SECONDS = 300


class DatabaseUnavailableMiddleware:
    """Turn a lost database connection inside a view into a 503 (handler500 covers the other middleware).

    The broken connection is closed at the end of the request (Django's request_finished handler with
    CONN_HEALTH_CHECKS), so the next request reconnects by itself once the database is back.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_exception(self, request, exception):
        if isinstance(exception, (OperationalError, InterfaceError)):
            logger.error("Database unavailable during %s %s: %s", request.method, request.path, exception)
            return database_unavailable(request)
        return None


def _exempt_from_otp(path):
    exempt = [reverse("otp_verify"), reverse("otp_enrol"), reverse("logout"), reverse("set_language"), reverse("healthz"), settings.STATIC_URL]
    return any(path.startswith(prefix if prefix.startswith("/") else "/" + prefix) for prefix in exempt)


class RequireOtpMiddleware:
    """Users who enrolled a TOTP device must enter a code after their password before anything else.

    Installed after django_otp.middleware.OTPMiddleware. Whether the session needs the step is decided once at
    login (security.signals), so ordinary requests cost no extra query. This covers the admin site as well.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.session.get(OTP_REQUIRED_SESSION_KEY) and not _exempt_from_otp(request.path):
            user = request.user
            if user.is_authenticated and not user.is_verified():
                if wants_json(request):
                    return json_error(403, "otp_required", _("Verifikasi dua langkah diperlukan."))
                return HttpResponseRedirect(reverse("otp_verify") + "?" + urlencode({"next": request.get_full_path()}))
        if request.session.get(OTP_ENROL_REQUIRED_SESSION_KEY) and not _exempt_from_otp(request.path):
            # TOTP_REQUIRED_ROLES: nothing else until this person has set up an authenticator app.
            if wants_json(request):
                return json_error(403, "otp_enrol_required", _("Aktifkan verifikasi dua langkah terlebih dahulu."))
            return HttpResponseRedirect(reverse("otp_enrol"))
        return self.get_response(request)


class SessionIdleTimeoutMiddleware:
    """Log out a session left idle longer than SESSION_IDLE_TIMEOUT seconds (SESSION_COOKIE_AGE caps it overall)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        session = request.session
        if session.get("_auth_user_id"):
            now = int(time.time())
            last_seen = session.get(LAST_SEEN_SESSION_KEY)
            if last_seen is not None and now - last_seen > settings.SESSION_IDLE_TIMEOUT:
                logout(request)
                if wants_json(request):
                    return json_error(401, "session_expired", _("Sesi Anda berakhir karena tidak aktif. Silakan masuk lagi."))
                return HttpResponseRedirect(reverse(settings.LOGIN_URL) + "?" + urlencode({"next": request.get_full_path()}))
            if last_seen is None or now - last_seen >= LAST_SEEN_RESOLUTION_SECONDS:
                session[LAST_SEEN_SESSION_KEY] = now
        return self.get_response(request)
