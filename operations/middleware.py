"""One JSON access-log line per request, carrying the request id like every other line of the request."""

import logging
import time

from django.conf import settings
from django.utils.functional import empty

logger = logging.getLogger("sentra.access")
QUIET_PATHS = ("/healthz", "/readyz", "/metrics")  # polled every few seconds; logged only when they fail


def _user_id(request):
    user = getattr(request, "user", None)
    wrapped = getattr(user, "_wrapped", user)
    if wrapped is None or wrapped is empty:  # never evaluate the lazy user just to log it (no extra query)
        return None
    return wrapped.pk


class AccessLogMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        started = time.monotonic()
        response = self.get_response(request)
        if settings.ACCESS_LOG and (response.status_code >= 500 or not request.path.startswith(QUIET_PATHS)):
            logger.info(
                "%s %s %s", request.method, request.path, response.status_code,
                extra={
                    "method": request.method, "path": request.path, "status": response.status_code,
                    "duration_ms": round((time.monotonic() - started) * 1000, 1), "user_id": _user_id(request),
                    "remote_addr": request.META.get("REMOTE_ADDR"),
                },
            )
        return response
