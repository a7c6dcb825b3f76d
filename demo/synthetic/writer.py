"""Bulk row writer: PostgreSQL COPY through psycopg 3, plain executemany elsewhere (SQLite in tests).

Rows are written with explicit primary keys handed out here, so children can point at parents without
reading anything back; the id sequences are moved past the new rows at the end.
"""

from collections import Counter

BATCH = 5000


class BulkWriter:
    def __init__(self, connection):
        self.connection = connection
        self.is_postgres = connection.vendor == "postgresql"
        self.rows_written = Counter()
        self._next_ids = {}
        # PostgreSQL reads ISO timestamps with an offset; Django's SQLite backend stores naive UTC text.
        self.timestamp_suffix = "+00" if self.is_postgres else ""

    def quote(self, name):
        return self.connection.ops.quote_name(name)

    def reserve_ids(self, table, count):
        """First id of a block of `count` fresh ids in `table` (after every id already there)."""
        if table not in self._next_ids:
            with self.connection.cursor() as cursor:
                cursor.execute(f"SELECT COALESCE(MAX(id), 0) FROM {self.quote(table)}")
                self._next_ids[table] = cursor.fetchone()[0] + 1
        first = self._next_ids[table]
        self._next_ids[table] = first + count
        return first

    def write(self, table, columns, rows):
        """Write an iterable of tuples (values in `columns` order); returns the number of rows."""
        column_sql = ", ".join(self.quote(c) for c in columns)
        count = 0
        with self.connection.cursor() as cursor:
            if self.is_postgres:
                with cursor.copy(f"COPY {self.quote(table)} ({column_sql}) FROM STDIN") as copy:
                    for row in rows:
                        copy.write_row(row)
                        count += 1
            else:
                sql = f"INSERT INTO {self.quote(table)} ({column_sql}) VALUES ({', '.join(['%s'] * len(columns))})"
                batch = []
                for row in rows:
                    batch.append(row)
                    if len(batch) >= BATCH:
                        cursor.executemany(sql, batch)
                        count += len(batch)
                        batch = []
                if batch:
                    cursor.executemany(sql, batch)
                    count += len(batch)
        self.rows_written[table] += count
        return count

    def finish(self):
        """Move id sequences past the explicit ids and refresh planner statistics (PostgreSQL)."""
        if not self.is_postgres:
            return  # SQLite's AUTOINCREMENT already follows the largest explicit id.
        with self.connection.cursor() as cursor:
            for table in self.rows_written:
                cursor.execute(
                    f"SELECT setval(pg_get_serial_sequence(%s, 'id'), (SELECT MAX(id) FROM {self.quote(table)}))",
                    [table],
                )

    def analyze(self, extra=()):
        if self.is_postgres:
            with self.connection.cursor() as cursor:
                for table in [*self.rows_written, *extra]:
                    cursor.execute(f"ANALYZE {self.quote(table)}")
