import sys
from base64 import b32encode

import segno
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import InterfaceError, OperationalError
from django.shortcuts import redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.debug import sensitive_post_parameters
from django.views.defaults import bad_request as default_bad_request
from django.views.defaults import server_error as default_server_error
from django_otp import login as otp_login
from django_otp import match_token, user_has_device

from . import services
from .forms import TokenForm
from .middleware import OTP_ENROL_REQUIRED_SESSION_KEY, OTP_REQUIRED_SESSION_KEY
from .responses import database_unavailable


def server_error(request, template_name="500.html"):
    """handler500: a lost database (even inside middleware) is a 503, anything else Django's plain 500
    (in the API's JSON error shape under /api/)."""
    if isinstance(sys.exc_info()[1], (OperationalError, InterfaceError)):
        return database_unavailable(request)
    if request.path.startswith("/api/"):
        from core.api.errors import api_server_error

        return api_server_error(request)
    return default_server_error(request, template_name)


def bad_request(request, exception, template_name="400.html"):
    """handler400: Django's refusals before any view (an oversized body: RequestDataTooBig) answer the API
    in its JSON error shape (413 for the body), the pages with the 400 page."""
    if request.path.startswith("/api/"):
        from core.api.errors import api_bad_request

        return api_bad_request(request, exception)
    return default_bad_request(request, exception, template_name)


@login_required
@sensitive_post_parameters("token")
def otp_enrol(request):
    if not services.can_enrol_totp(request.user):
        raise PermissionDenied(_("Masuk terlebih dahulu."))
    form = TokenForm(request.POST or None)
    if user_has_device(request.user):
        if request.method == "POST" and form.is_valid():
            try:
                services.totp_disable(user=request.user, token=form.cleaned_data["token"])
            except ValidationError as error:
                form.add_error("token", error)
            else:
                request.session[OTP_REQUIRED_SESSION_KEY] = False
                messages.success(request, _("Verifikasi dua langkah dinonaktifkan."))
                return redirect("otp_enrol")
        return render(request, "security/otp_enrol.html", {"form": form, "enrolled": True, "required": services.totp_required(request.user)})

    device = services.totp_pending_device(user=request.user)
    if request.method == "POST" and form.is_valid():
        try:
            services.totp_confirm(user=request.user, device=device, token=form.cleaned_data["token"])
        except ValidationError as error:
            form.add_error("token", error)
        else:
            otp_login(request, device)
            request.session[OTP_REQUIRED_SESSION_KEY] = True
            request.session[OTP_ENROL_REQUIRED_SESSION_KEY] = False
            messages.success(request, _("Verifikasi dua langkah aktif. Mulai sekarang, masuk memerlukan kode dari aplikasi."))
            return redirect("otp_enrol")
    qr_svg = segno.make(device.config_url, error="m").svg_inline(scale=4, title=_("Kode QR autentikator"))
    secret = b32encode(device.bin_key).decode().rstrip("=")  # for typing in when the camera cannot scan
    return render(request, "security/otp_enrol.html", {
        "form": form, "enrolled": False, "qr_svg": qr_svg, "secret": secret, "required": services.totp_required(request.user),
    })


@login_required
@sensitive_post_parameters("token")
def otp_verify(request):
    next_url = request.POST.get("next") or request.GET.get("next") or ""
    if not url_has_allowed_host_and_scheme(next_url, allowed_hosts={request.get_host()}, require_https=request.is_secure()):
        next_url = "/"
    if request.user.is_verified():
        return redirect(next_url)
    form = TokenForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        device = match_token(request.user, form.cleaned_data["token"].strip())
        if device is None:
            form.add_error("token", _("Kode salah atau sudah kedaluwarsa."))
        else:
            otp_login(request, device)
            return redirect(next_url)
    return render(request, "security/otp_verify.html", {"form": form, "next": next_url})
