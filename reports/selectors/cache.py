"""Short-lived cache of dashboard figures, keyed by the viewer's scope and the filters.

National roll-ups over a million IKM units take a few hundred milliseconds in SQL; analysts reload and
drill back and forth, so a minute of staleness buys a fast page. Writes are not chased: the TTL is short.
"""

import hashlib
import json

from django.conf import settings
from django.core.cache import cache

from accounts.scope import scope_code


def cache_seconds():
    return getattr(settings, "REPORTS_CACHE_SECONDS", 60)


def cached(name, *, user, pairs, build):
    seconds = cache_seconds()
    if not seconds:
        return build()
    payload = json.dumps([name, scope_code(user), sorted([str(k), str(v)] for k, v in pairs)])
    key = "reports:" + hashlib.sha256(payload.encode()).hexdigest()
    value = cache.get(key)
    if value is None:
        value = build()
        cache.set(key, value, seconds)
    return value
