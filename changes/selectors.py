"""Reading the change feed: positions, the safe horizon, pages scoped to a user.

Why the order is (txid, id) and not id alone: ids come from a sequence at insert time, but transactions
commit in any order. A long transaction A may take id 10 while a short one B takes id 12 and commits first;
a reader that had moved past 12 would never see 10. So rows are read in (txid, id) order and only from
transactions older than the oldest one still running (`pg_snapshot_xmin`): every one of those has ended,
and any transaction that commits later has a txid at or above that bound, hence a later position. A row
once passed can never appear behind the reader. (SQLite runs one write transaction at a time and commits
it before the next begins, so ids are already in commit order there; txid is 0.)

Positions are written "<txid>.<id>" (e.g. "1843.20177"); "0" is the beginning.
"""

from dataclasses import dataclass

from django.db import connections, router
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.scope import code_within, scope_code

from .models import Change, FeedStart

# A page scans at most this many feed rows (in position order) looking for rows in the caller's scope, so a
# Kab. Alor client behind a national import of 100,000 rows gets several short pages, never one long one.
SCAN_LIMIT = 5000
COLUMNS = ("txid", "id", "resource", "object_id", "operation", "old_region", "new_region", "version", "changed_at")


@dataclass(frozen=True, order=True)
class Position:
    txid: int
    id: int

    def __str__(self):
        return f"{self.txid}.{self.id}"


BEGINNING = Position(0, 0)
MAX_BIGINT = 2**63 - 1


def parse_position(text):
    """A position from "<txid>.<id>" (or "0"); ValueError with a message for anything else."""
    text = (text or "").strip()
    if text in ("", "0"):
        return BEGINNING
    txid, dot, row = text.partition(".")
    if not dot or not txid.isdigit() or not row.isdigit() or len(txid) > 19 or len(row) > 19:
        raise ValueError(_("Posisi harus berbentuk <txid>.<id> seperti yang diberikan umpan (mis. 1843.20177), atau 0."))
    position = Position(int(txid), int(row))
    if position.txid > MAX_BIGINT or position.id > MAX_BIGINT:
        raise ValueError(_("Posisi di luar jangkauan."))
    return position


def _connection():
    return connections[router.db_for_write(Change)]  # never a replica: it may lag behind the horizon


def safe_horizon(connection=None):
    """Transactions below this txid have all ended (PostgreSQL); None where writers are serialised (SQLite)."""
    connection = connection or _connection()
    if connection.vendor != "postgresql":
        return None
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_snapshot_xmin(pg_current_snapshot())::text::bigint")
        return cursor.fetchone()[0]


def head_position():
    """The position a first load starts from: every change before it is already in what the lists show now.

    Taken BEFORE walking the lists; reading the feed from here afterwards replays whatever changed meanwhile.
    """
    connection = _connection()
    horizon = safe_horizon(connection)
    if horizon is not None:
        return Position(horizon, 0)
    with connection.cursor() as cursor:  # writers are serialised: the last row is the head
        cursor.execute(f"SELECT txid, id FROM {Change._meta.db_table} ORDER BY txid DESC, id DESC LIMIT 1")
        last = cursor.fetchone()
    return Position(*last) if last else BEGINNING


def change_rows(*, after, limit, horizon=None, connection=None):
    """Up to `limit` feed rows after `after`, in position order, below `horizon` (if any), as dicts."""
    connection = connection or _connection()
    table = connection.ops.quote_name(Change._meta.db_table)
    sql = f"SELECT {', '.join(COLUMNS)} FROM {table} WHERE (txid, id) > (%s, %s)"
    params = [after.txid, after.id]
    if horizon is not None:
        sql += " AND txid < %s"
        params.append(horizon)
    sql += " ORDER BY txid, id LIMIT %s"
    params.append(limit)
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        rows = [dict(zip(COLUMNS, row)) for row in cursor.fetchall()]
    column = Change._meta.get_field("changed_at").get_col(Change._meta.db_table)
    converters = connection.ops.get_db_converters(column) + column.get_db_converters(connection)
    for row in rows:
        for convert in converters:
            row["changed_at"] = convert(row["changed_at"], column, connection)
        row["position"] = Position(row["txid"], row["id"])
    return rows


@dataclass
class Page:
    rows: list  # feed rows in the caller's scope (dicts, see change_rows)
    next_position: Position
    has_more: bool


def touches_scope(scope, row):
    """A row concerns a client when the record was in its region before or after the write."""
    return code_within(scope, row["old_region"]) or code_within(scope, row["new_region"])


def change_page(*, user, after, page_size, resources=None, scan_limit=None):
    """The next rows the user may learn of: in scope before or after the write, of `resources` if given.

    Scans at most `scan_limit` rows, so a page costs the same whatever lies out of scope; `has_more` says
    whether to ask again at `next_position` right away.
    """
    return scoped_page(scope=scope_code(user), after=after, page_size=page_size, resources=resources, scan_limit=scan_limit)


def scoped_page(*, scope, after, page_size, resources=None, scan_limit=None):
    """change_page for a scope code (accounts.scope: "" national, None nothing)."""
    scan_limit = scan_limit or SCAN_LIMIT
    connection = _connection()
    horizon = safe_horizon(connection)
    found, position, exhausted, scanned = [], after, False, 0
    while len(found) < page_size and scanned < scan_limit:
        chunk = min(scan_limit - scanned, max(page_size * 2, 200))
        rows = change_rows(after=position, limit=chunk, horizon=horizon, connection=connection)
        scanned += len(rows)
        for row in rows:
            position = row["position"]
            if scope is not None and touches_scope(scope, row) and (not resources or row["resource"] in resources):
                found.append(row)
                if len(found) == page_size:
                    break
        if len(rows) < chunk and len(found) < page_size:
            exhausted = True
            break
    if exhausted and horizon is not None:
        # Caught up: every transaction below the horizon has been read, so the reader may move up to it.
        position = max(position, Position(horizon, 0))
    return Page(rows=found, next_position=position, has_more=not exhausted)


# Readers inside the server that follow the feed (the webhook dispatcher) register here the oldest position
# they still need, so pruning never removes a row they have not read: callables returning a Position or None.
PRUNE_GUARDS = []


def feed_start():
    """The oldest position still kept: asking from before it would miss pruned rows."""
    start = FeedStart.objects.filter(pk=1).first()
    return Position(start.txid, start.change) if start else BEGINNING


def prune_before(cutoff, *, batch=10_000):
    """Remove feed rows written before `cutoff` (a datetime) that every internal reader has passed; returns the
    count. Clients asking from a position before what remains are told to load again (410)."""
    horizon = safe_horizon()
    candidates = Change.objects.filter(changed_at__lt=cutoff)
    if horizon is not None:
        candidates = candidates.filter(txid__lt=horizon)
    last = candidates.order_by("-txid", "-id").values_list("txid", "id").first()
    if last is None:
        return 0
    boundary = Position(*last)
    for guard in PRUNE_GUARDS:
        needed = guard()
        if needed is not None and needed < boundary:
            boundary = needed
    FeedStart.objects.update_or_create(pk=1, defaults={"txid": boundary.txid, "change": boundary.id, "pruned_at": timezone.now()})
    removed = 0
    connection = _connection()
    table = connection.ops.quote_name(Change._meta.db_table)
    while True:
        with connection.cursor() as cursor:
            cursor.execute(
                f"DELETE FROM {table} WHERE id IN (SELECT id FROM {table} WHERE (txid, id) <= (%s, %s) ORDER BY txid, id LIMIT %s)",
                [boundary.txid, boundary.id, batch],
            )
            removed += cursor.rowcount
            if cursor.rowcount < batch:
                return removed
