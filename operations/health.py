"""Readiness: can this node do its work? Database, cache, the task queue and a live background worker."""

import uuid

from django.conf import settings
from django.core.cache import cache
from django.db import DatabaseError, connection
from django.utils import timezone

from . import workers


def check_database():
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except DatabaseError:
        connection.close_if_unusable_or_obsolete()
        return {"status": "error"}
    return {"status": "ok"}


def check_cache():
    key, value = f"readyz:{uuid.uuid4().hex}", uuid.uuid4().hex
    try:
        cache.set(key, value, 10)
        ok = cache.get(key) == value
        cache.delete(key)
    except Exception:  # the Redis client raises its own connection errors
        return {"status": "error"}
    return {"status": "ok" if ok else "error"}


def check_queue():
    try:
        return {"status": "ok", "backend": workers.backend_path(), "depth": workers.queue_depth()}
    except Exception:
        return {"status": "error", "backend": workers.backend_path()}


def check_worker():
    try:
        alive = list(workers.live_workers())
        last = workers.last_heartbeat()
    except DatabaseError:
        return {"status": "error"}
    result = {
        "alive": len(alive),
        "last_heartbeat": last.isoformat() if last else None,
        "age_seconds": round((timezone.now() - last).total_seconds(), 1) if last else None,
    }
    result["status"] = "ok" if alive or not settings.READYZ_REQUIRE_WORKER else "error"
    return result


def readiness():
    checks = {"database": check_database(), "cache": check_cache(), "queue": check_queue()}
    # Without the database there is no heartbeat to read: report the worker as unknown, not as a second error.
    checks["worker"] = check_worker() if checks["database"]["status"] == "ok" else {"status": "unknown"}
    ready = all(check["status"] == "ok" for check in checks.values())
    return ready, checks
