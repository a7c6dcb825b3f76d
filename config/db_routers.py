"""Read-replica routing: reports opt in, everything else stays on the primary.

A router only sees the model, not who is asking, so "reports read from the replica" is expressed by the
caller: code inside `read_from_replica()` (or a view decorated with `reads_from_replica`) reads from the
"replica" alias when REPLICA_DATABASE_URL configured one. Writes always go to "default", so a report can
never write to a read-only standby, and data-entry pages never see replication lag.
"""

from contextlib import contextmanager
from contextvars import ContextVar
from functools import wraps

from django.conf import settings

REPLICA = "replica"
_reading_from_replica = ContextVar("reading_from_replica", default=False)


def replica_configured():
    return REPLICA in settings.DATABASES


@contextmanager
def read_from_replica():
    """Reads inside this block use the replica when there is one (a no-op otherwise)."""
    token = _reading_from_replica.set(True)
    try:
        yield
    finally:
        _reading_from_replica.reset(token)


def reads_from_replica(view):
    @wraps(view)
    def wrapper(*args, **kwargs):
        with read_from_replica():
            return view(*args, **kwargs)

    return wrapper


def reporting_database():
    """Alias for explicit `.using()` in report code: the replica when configured, else the primary."""
    return REPLICA if replica_configured() else "default"


class ReplicaRouter:
    def db_for_read(self, model, **hints):
        if _reading_from_replica.get() and replica_configured():
            return REPLICA
        return None  # Django's default: "default"

    def db_for_write(self, model, **hints):
        return "default"

    def allow_relation(self, obj1, obj2, **hints):
        # Both aliases hold the same data, so objects read from either may be related.
        return obj1._state.db in {"default", REPLICA} and obj2._state.db in {"default", REPLICA}

    def allow_migrate(self, db, app_label, model_name=None, **hints):
        # The replica is a physical copy of the primary: migrations run on the primary only.
        return db != REPLICA
