"""The answer given while the database is unreachable: a plain 503, never a traceback.

It must not touch the database itself (no user, no session, no context processors), so the HTML page is a
standalone template rendered without a request.
"""

from django.http import HttpResponse, JsonResponse
from django.template.loader import render_to_string
from django.utils.translation import gettext as _

RETRY_AFTER_SECONDS = "30"


def wants_json(request):
    accept = request.headers.get("Accept", "")
    return request.path.startswith("/api/") or ("application/json" in accept and "text/html" not in accept)


def json_error(status, code, message):
    """The API's one error shape (core/api/errors.py), built without DRF or the database."""
    return JsonResponse({"status": status, "code": code, "message": message, "errors": []}, status=status)


def database_unavailable(request):
    message = _("Basis data sedang tidak dapat dihubungi. Silakan coba lagi beberapa saat lagi.")
    if wants_json(request):
        response = json_error(503, "database_unavailable", message)
    else:
        response = HttpResponse(render_to_string("security/unavailable.html", {"message": message}), status=503)
    response["Retry-After"] = RETRY_AFTER_SECONDS
    response["Cache-Control"] = "no-store"
    return response
