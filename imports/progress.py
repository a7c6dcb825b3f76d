"""Progress of a job, visible to the job page while the job runs.

Checking writes progress on the job's own connection (it runs in autocommit). Saving runs in one transaction,
whose writes nobody else sees before it commits; its progress therefore goes through a second connection
to the same database. On SQLite a second writer would wait for the first one's lock, so there the page shows
the phase only once the commit is done (SQLite is the zero-setup development database; production and CI's
main run use PostgreSQL).
"""

import logging

from django.db import DatabaseError, connection, connections

logger = logging.getLogger(__name__)


def job_progress(model, pk):
    """A reporter `report(done, total, phase)` updating the job row on the current connection."""

    def report(done, total, phase):
        model.objects.filter(pk=pk).update(processed_rows=done, total_rows=total, phase=phase)

    return report


class SideProgress:
    """`report(done, total, phase)` through its own autocommit connection, from inside a transaction."""

    def __init__(self, model, pk):
        self.table = model._meta.db_table
        self.pk = pk
        self.side = None
        if connection.vendor == "postgresql":
            try:
                self.side = connections.create_connection(connection.alias)
            except Exception:  # progress is a courtesy: never let it stop a commit
                logger.warning("import progress: no side connection", exc_info=True)

    def __call__(self, done, total, phase):
        if self.side is None:
            return
        try:
            with self.side.cursor() as cursor:
                cursor.execute(
                    f"UPDATE {self.side.ops.quote_name(self.table)} SET processed_rows = %s, total_rows = %s, phase = %s WHERE id = %s",
                    [done, total, str(phase)[:60], self.pk],
                )
        except DatabaseError:
            logger.warning("import progress: update failed", exc_info=True)

    def close(self):
        if self.side is not None:
            self.side.close()
            self.side = None
