"""One JSON error shape for every API failure, in the request's language (Accept-Language; Indonesian default).

    {"status": 400, "code": "invalid", "message": "Data tidak valid.",
     "errors": [{"field": "items.3.nib", "index": 3, "code": "invalid_nib", "message": "NIB harus ..."}]}

`field` is a dotted path into the request body (null for errors about the whole request); `index` is set
for errors inside a bulk request's `items` list.
"""

from django.core.exceptions import PermissionDenied as DjangoPermissionDenied
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


def _summary(status_code):
    return {
        400: _("Data tidak valid."),
        401: _("Autentikasi diperlukan."),
        403: _("Anda tidak berwenang melakukan tindakan ini."),
        404: _("Data tidak ditemukan."),
        405: _("Metode tidak diizinkan."),
        406: _("Format jawaban yang diminta tidak tersedia."),
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
    message = str(detail) if detail is not None and not isinstance(detail, (dict, list)) else None
    return error_response(response.status_code, code, message=message, headers=_headers(response))


def _headers(response):
    return {name: value for name, value in response.items() if name in ("Retry-After", "WWW-Authenticate", "Allow")}


@csrf_exempt  # answers 404 whatever the method; there is nothing to protect
def api_not_found(request, *args, **kwargs):
    return JsonResponse(
        {"status": 404, "code": "not_found", "message": _summary(404), "errors": []}, status=404
    )
