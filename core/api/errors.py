"""One JSON error shape for every API failure, in the request's language (Accept-Language; Indonesian default).

    {"status": 400, "code": "invalid", "message": "Data tidak valid.",
     "errors": [{"field": "items.3.nib", "index": 3, "code": "invalid_nib", "message": "NIB harus ..."}]}

`field` is a dotted path into the request body (null for errors about the whole request); `index` is set
for errors inside a bulk request's `items` list.

Every message is the registry's own (translated): DRF's default texts (English, or a partial translation) and
the database's texts never reach a client. Errors raised before a view runs (Django refusing an oversized
body, a URL no route matches) get the same shape through `api_bad_request` / `api_not_found`.
"""

from django.core.exceptions import PermissionDenied as DjangoPermissionDenied
from django.core.exceptions import RequestDataTooBig
from django.core.exceptions import ValidationError as DjangoValidationError
from django.http import Http404, JsonResponse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.csrf import csrf_exempt
from rest_framework import exceptions, status
from rest_framework.response import Response
from rest_framework.views import exception_handler as drf_exception_handler

from core.exceptions import ConflictError


class PreconditionFailed(exceptions.APIException):
    status_code = status.HTTP_412_PRECONDITION_FAILED
    default_detail = gettext_lazy("Data ini telah berubah sejak Anda membacanya (If-Match tidak cocok).")
    default_code = "precondition_failed"


class PayloadTooLarge(exceptions.APIException):
    status_code = status.HTTP_413_REQUEST_ENTITY_TOO_LARGE
    default_detail = gettext_lazy("Permintaan terlalu besar.")
    default_code = "payload_too_large"


class ListTooSlow(exceptions.APIException):
    """A list statement cancelled by the statement timeout (core/bounded.py): the client should narrow it."""

    status_code = status.HTTP_503_SERVICE_UNAVAILABLE
    default_code = "too_slow"

    def __init__(self):
        from core.bounded import QueryTooSlow

        super().__init__(str(QueryTooSlow.message))


class TooManyAtOnceError(exceptions.APIException):
    status_code = status.HTTP_429_TOO_MANY_REQUESTS
    default_code = "too_many_at_once"

    def __init__(self):
        from core.bounded import TooManyAtOnce

        super().__init__(str(TooManyAtOnce.message))


def _summary(status_code, exc=None):
    if status_code == 405 and isinstance(exc, exceptions.MethodNotAllowed):
        return _("Metode %(method)s tidak diizinkan di alamat ini.") % {"method": exc.args[0] if exc.args else ""}
    if status_code == 429 and getattr(exc, "wait", None) is not None:
        return _("Terlalu banyak permintaan; coba lagi dalam %(seconds)s detik.") % {"seconds": int(exc.wait + 0.999)}
    return {
        400: _("Data tidak valid."),
        401: _("Autentikasi diperlukan."),
        403: _("Anda tidak berwenang melakukan tindakan ini."),
        404: _("Data tidak ditemukan."),
        405: _("Metode tidak diizinkan."),
        406: _("Format jawaban yang diminta tidak tersedia."),
        409: _("Permintaan bertentangan dengan data yang tersimpan."),
        412: _("Data ini telah berubah sejak Anda membacanya."),
        413: _("Permintaan terlalu besar."),
        415: _("Jenis isi permintaan tidak didukung."),
        429: _("Terlalu banyak permintaan; coba lagi nanti."),
    }.get(status_code, _("Permintaan gagal."))


def _flatten(detail, path=()):
    """(path, code, message) for every message in a DRF error detail (nested dicts and lists)."""
    if isinstance(detail, dict):
        for key, value in detail.items():
            yield from _flatten(value, path if key in ("non_field_errors", "__all__") else (*path, str(key)))
    elif isinstance(detail, list):
        if all(not isinstance(item, (dict, list)) for item in detail):
            for item in detail:
                yield path, getattr(item, "code", "invalid"), str(item)
        else:
            for index, item in enumerate(detail):
                if item:
                    yield from _flatten(item, (*path, str(index)))
    else:
        yield path, getattr(detail, "code", "invalid"), str(detail)


def error_items(detail):
    items = []
    for path, code, message in _flatten(detail):
        entry = {"field": ".".join(path) or None, "code": code or "invalid", "message": message}
        if len(path) >= 2 and path[0] == "items" and path[1].isdigit():
            entry["index"] = int(path[1])
        items.append(entry)
    return items


def django_validation_detail(error):
    """A Django ValidationError (services, full_clean) as DRF error detail, keeping codes."""
    if hasattr(error, "error_dict"):
        return {
            field: [exceptions.ErrorDetail(message, code=e.code or "invalid") for e in errors for message in e.messages]
            for field, errors in error.error_dict.items()
        }
    return [exceptions.ErrorDetail(message, code=e.code or "invalid") for e in error.error_list for message in e.messages]


def error_response(status_code, code, detail=None, message=None, headers=None):
    body = {"status": status_code, "code": code, "message": message or _summary(status_code), "errors": []}
    if detail is not None:
        body["errors"] = error_items(detail)
        if not isinstance(detail, (dict, list)):
            body["message"] = str(detail)
    return Response(body, status=status_code, headers=headers)


def exception_handler(exc, context):
    if isinstance(exc, ConflictError):
        changes = [
            {"field": field, "code": "changed", "message": _("Nilai kolom ini telah diubah oleh pengguna lain.")}
            for field, _seen, _now in exc.changes
        ]
        response = error_response(412, "precondition_failed", message=str(exc), headers={"ETag": f'"{exc.instance.version}"'})
        response.data["errors"] = changes
        return response
    if isinstance(exc, DjangoValidationError):
        return error_response(400, "invalid", django_validation_detail(exc))
    if isinstance(exc, RequestDataTooBig):
        exc = PayloadTooLarge()
    if isinstance(exc, Http404):
        exc = exceptions.NotFound()
    elif isinstance(exc, DjangoPermissionDenied):
        exc = exceptions.PermissionDenied(*exc.args[:1])
    response = drf_exception_handler(exc, context)
    if response is None:
        return None  # a real server error: let Django log it and answer 500
    detail = exc.detail if isinstance(exc, exceptions.APIException) else None
    if isinstance(exc, exceptions.ValidationError):
        return error_response(response.status_code, "invalid", detail, headers=_headers(response))
    code = exc.get_codes() if isinstance(exc, exceptions.APIException) else "error"
    code = code if isinstance(code, str) else "error"
    return error_response(response.status_code, code, message=_message(exc, response.status_code), headers=_headers(response))


# DRF exceptions whose texts are always DRF's own (they name the method, media type or wait in English).
_DRF_WORDED = (exceptions.MethodNotAllowed, exceptions.NotAcceptable, exceptions.UnsupportedMediaType, exceptions.Throttled)


def _message(exc, status_code):
    """The registry's message: a text of our own (services, parser, pagination; already translated) is kept,
    DRF's default texts are replaced by the registry's message for the status."""
    detail = getattr(exc, "detail", None)
    if detail is None or isinstance(detail, (dict, list)) or isinstance(exc, _DRF_WORDED):
        return _summary(status_code, exc)
    drf_default = type(exc).__module__.startswith("rest_framework") and str(detail) == str(type(exc).default_detail)
    return _summary(status_code, exc) if drf_default else str(detail)


def _headers(response):
    return {name: value for name, value in response.items() if name in ("Retry-After", "WWW-Authenticate", "Allow")}


def _json_error(status_code, code, message=None):
    body = {"status": status_code, "code": code, "message": message or _summary(status_code), "errors": []}
    return JsonResponse(body, status=status_code)


@csrf_exempt  # answers 404 whatever the method; there is nothing to protect
def api_not_found(request, *args, **kwargs):
    return _json_error(404, "not_found")


def api_bad_request(request, exception=None):
    """Django's own refusal before any view ran (handler400 for /api/): an oversized body is the 413 the
    API documents, anything else a 400, both in the JSON error shape."""
    if isinstance(exception, RequestDataTooBig):
        return _json_error(413, "payload_too_large")
    return _json_error(400, "bad_request")


def api_server_error(request):
    return _json_error(500, "server_error", _("Terjadi kesalahan di server; coba lagi nanti."))
