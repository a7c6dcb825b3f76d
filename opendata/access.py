"""Who may reach the open data: everyone, unless switched off (404), at a bounded rate per address (429)."""

import functools
import time

from django.conf import settings
from django.core.cache import cache
from django.http import Http404, JsonResponse
from django.utils.translation import gettext as _

PERIODS = {"s": 1, "sec": 1, "m": 60, "min": 60, "h": 3600, "hour": 3600, "d": 86400, "day": 86400}


def _rate():
    count, _slash, period = getattr(settings, "OPENDATA_RATE", "120/min").partition("/")
    return int(count), PERIODS.get(period, 60)


def _over_limit(request):
    """A fixed window per client address in the shared cache (several app servers count together with Redis)."""
    limit, period = _rate()
    window = int(time.time() // period)
    key = f"opendata:rate:{request.META.get('REMOTE_ADDR', '')}:{window}"
    cache.add(key, 0, period + 1)
    try:
        used = cache.incr(key)
    except ValueError:  # evicted between add and incr
        cache.set(key, 1, period + 1)
        used = 1
    return used > limit, period - int(time.time()) % period


def public_view(view):
    @functools.wraps(view)
    def wrapped(request, *args, **kwargs):
        if not getattr(settings, "OPENDATA_ENABLED", True):
            raise Http404(_("Data terbuka tidak diaktifkan di server ini."))
        limited, retry_after = _over_limit(request)
        if limited:
            response = JsonResponse({"status": 429, "message": _("Terlalu banyak permintaan; coba lagi nanti.")}, status=429)
            response["Retry-After"] = str(max(retry_after, 1))
            return response
        response = view(request, *args, **kwargs)
        response.setdefault("Cache-Control", f"public, max-age={min(getattr(settings, 'OPENDATA_CACHE_SECONDS', 900), 300)}")
        response.setdefault("Access-Control-Allow-Origin", "*")  # public data: portals may read it from a browser
        return response

    return wrapped
