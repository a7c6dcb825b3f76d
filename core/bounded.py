"""Bounds on the requests that can be expensive (searches, list pages with filters, exports), so that a few
analysts cannot starve every dinas office (issue 16; docs/scaling.md).

- `statement_timeout(ms)`: on PostgreSQL the statements inside run under `SET LOCAL statement_timeout`; one
  cancelled by the server raises QueryTooSlow, which pages and the API answer with a clear message.
- `user_slot(user, kind)`: at most `settings.EXPENSIVE_REQUESTS_PER_USER` such requests of one user at a time,
  counted in the cache (Redis in production, so across workers); one more raises TooManyAtOnce (429).
"""

from contextlib import contextmanager

from django.conf import settings
from django.core.cache import cache
from django.db import OperationalError, connection, transaction
from django.utils.translation import gettext_lazy as _

SLOT_TTL_SECONDS = 600
# List statements are planned for SSD storage, where a random read costs about what a sequential one does.
# With PostgreSQL's default (4) the planner walked the primary key past 238,216 units of other provinces
# rather than read the province's own (SUBSTR(desa_id, 1, 2), id) index (ikm.IkmUnit): 122 ms against 0.1 ms.
LIST_RANDOM_PAGE_COST = 1.1  # a worker killed mid-request must not hold a slot forever


class QueryTooSlow(Exception):
    message = _(
        "Permintaan ini terlalu berat untuk dijawab sekarang (melewati batas waktu). Persempit dengan filter "
        "wilayah atau kata pencarian yang lebih khusus, atau unduh CSV/XLSX untuk seluruh data."
    )


class TooManyAtOnce(Exception):
    message = _(
        "Anda sedang menjalankan terlalu banyak pencarian atau unduhan sekaligus. Tunggu sampai yang berjalan "
        "selesai, lalu coba lagi."
    )


def _cancelled(error):
    cause = getattr(error, "__cause__", None)
    return type(cause).__name__ == "QueryCanceled" or "statement timeout" in str(error)


@contextmanager
def statement_timeout(milliseconds=None):
    """Run the block in a transaction whose statements PostgreSQL cancels after `milliseconds` (and plans with
    LIST_RANDOM_PAGE_COST)."""
    milliseconds = settings.LIST_STATEMENT_TIMEOUT_MS if milliseconds is None else milliseconds
    if connection.vendor != "postgresql" or not milliseconds:
        yield
        return
    settings_sql = "set_config('statement_timeout', %s, true), set_config('random_page_cost', %s, true)"
    values = [f"{int(milliseconds)}ms", str(LIST_RANDOM_PAGE_COST)]
    outermost = not connection.in_atomic_block
    try:
        with transaction.atomic():
            with connection.cursor() as cursor:
                if outermost:  # the settings end with the transaction
                    cursor.execute(f"SELECT {settings_sql}", values)
                else:
                    cursor.execute(
                        f"SELECT current_setting('statement_timeout'), current_setting('random_page_cost'), {settings_sql}", values
                    )
                    previous = list(cursor.fetchone()[:2])
            yield
            if not outermost:
                # Inside an outer transaction the settings would outlive the block: put the caller's back.
                with connection.cursor() as cursor:
                    cursor.execute(f"SELECT {settings_sql}", previous)
    except OperationalError as error:
        if _cancelled(error):
            raise QueryTooSlow() from error
        raise


@contextmanager
def user_slot(user, kind="expensive"):
    """Hold one of the user's slots for expensive requests for the duration of the block."""
    limit = settings.EXPENSIVE_REQUESTS_PER_USER
    if not limit or user is None or not getattr(user, "pk", None):
        yield
        return
    key = f"busy:{kind}:{user.pk}"
    cache.add(key, 0, SLOT_TTL_SECONDS)
    try:
        held = cache.incr(key)
    except ValueError:  # expired between add and incr
        cache.add(key, 1, SLOT_TTL_SECONDS)
        held = 1
    try:
        if held > limit:
            raise TooManyAtOnce()
        yield
    finally:
        try:
            cache.decr(key)
        except ValueError:
            pass
