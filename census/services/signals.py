"""Dashboard freshness: each census write bumps the round's generation, part of the dashboard cache key, so a
reviewer's approval shows at once instead of after the cache's minute (not a Django signal: a plain call)."""

import time

from django.core.cache import cache
from django.db import transaction


def generation_key(round_id):
    return f"census:round:{round_id}:generation"


def round_generation(round_id):
    return cache.get(generation_key(round_id)) or 0


def round_changed(round_id):
    transaction.on_commit(lambda: cache.set(generation_key(round_id), time.time_ns(), None))
