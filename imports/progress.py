"""Progress of a job, visible to the job page while the job runs.

Checking writes progress on the job's own connection (it runs in autocommit). Saving runs in one transaction,
whose writes nobody else sees before it commits; its progress therefore goes around it: on PostgreSQL through
a second connection to the same database, on SQLite (which allows one writer at a time, so a second connection
would wait for the first) through a small file next to the database that the status view reads.
"""

import hashlib
import json
import logging
import os
import tempfile
import time

from django.db import DatabaseError, connection, connections

logger = logging.getLogger(__name__)


# Each report is a committed write (a disk flush): often enough for a moving bar, rare enough to cost nothing.
MIN_INTERVAL = 1.0


def job_progress(model, pk):
    """A reporter `report(done, total, phase)` updating the job row on the current connection, at most once a
    second (a 100,000-row check calls it every 2,000 rows)."""
    last = [0.0, None]

    def report(done, total, phase):
        now = time.monotonic()
        if now - last[0] < MIN_INTERVAL and phase == last[1]:
            return
        last[0], last[1] = now, phase
        model.objects.filter(pk=pk).update(processed_rows=done, total_rows=total, phase=phase)

    return report


def _progress_file(table, pk):
    database = hashlib.sha256(str(connection.settings_dict.get("NAME")).encode()).hexdigest()[:16]
    return os.path.join(tempfile.gettempdir(), "sentra-import-progress", f"{database}-{table}-{pk}.json")


def saving_progress(model, pk):
    """(done, total, phase) reported from inside a commit on SQLite, or None (PostgreSQL writes the row itself)."""
    if connection.vendor == "postgresql":
        return None
    try:
        with open(_progress_file(model._meta.db_table, pk), encoding="utf-8") as handle:
            data = json.load(handle)
        return data["done"], data["total"], data["phase"]
    except (OSError, ValueError, KeyError):
        return None


class SideProgress:
    """`report(done, total, phase)` that other sessions see while the caller's transaction is still open."""

    def __init__(self, model, pk):
        self.table = model._meta.db_table
        self.pk = pk
        self.side = None
        self.path = None
        if connection.vendor == "postgresql":
            try:
                self.side = connections.create_connection(connection.alias)
            except Exception:  # progress is a courtesy: never let it stop a commit
                logger.warning("import progress: no side connection", exc_info=True)
        else:
            self.path = _progress_file(self.table, pk)

    def __call__(self, done, total, phase):
        if self.side is not None:
            self._update(done, total, phase)
        elif self.path is not None:
            self._write(done, total, phase)

    def _update(self, done, total, phase):
        try:
            with self.side.cursor() as cursor:
                cursor.execute(
                    f"UPDATE {self.side.ops.quote_name(self.table)} SET processed_rows = %s, total_rows = %s, phase = %s WHERE id = %s",
                    [done, total, str(phase)[:60], self.pk],
                )
        except DatabaseError:
            logger.warning("import progress: update failed", exc_info=True)

    def _write(self, done, total, phase):
        try:
            os.makedirs(os.path.dirname(self.path), exist_ok=True)
            temporary = f"{self.path}.tmp"
            with open(temporary, "w", encoding="utf-8") as handle:
                json.dump({"done": done, "total": total, "phase": str(phase)[:60]}, handle)
            os.replace(temporary, self.path)  # a reader sees the old or the new figures, never half a file
        except OSError:
            logger.warning("import progress: file not written", exc_info=True)

    def close(self):
        if self.side is not None:
            self.side.close()
            self.side = None
        if self.path is not None:
            try:
                os.remove(self.path)
            except OSError:
                pass
            self.path = None
