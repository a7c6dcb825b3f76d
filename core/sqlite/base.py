"""Django's SQLite backend, except that a migration rebuilding a table keeps the database's triggers.

SQLite cannot ALTER most of a table, so Django copies it into a new table, drops the old one and renames
the new one. That silently dropped the triggers ON the table (core/triggers.py, reports/rollup.py: the
fiscal-year rule was lost that way), and the rename fails outright while a trigger on ANOTHER table names
the table being rebuilt ("error in trigger ...: no such table"). The schema editor here takes every trigger
that is on or mentions the table out of the way before the rebuild and creates them again after it.
PostgreSQL alters tables in place and keeps its triggers.
"""

import re

from django.db.backends.sqlite3 import base, schema


class DatabaseSchemaEditor(schema.DatabaseSchemaEditor):
    def _remake_table(self, model, *args, **kwargs):
        table = model._meta.db_table
        mentions = re.compile(rf"\b{re.escape(table)}\b")
        with self.connection.cursor() as cursor:
            cursor.execute("SELECT name, tbl_name, sql FROM sqlite_master WHERE type = 'trigger' ORDER BY name")
            triggers = [(name, sql) for name, on_table, sql in cursor.fetchall() if on_table == table or mentions.search(sql)]
        for name, _sql in triggers:
            self.execute(f"DROP TRIGGER {self.quote_name(name)}", params=None)
        super()._remake_table(model, *args, **kwargs)
        for _name, sql in triggers:
            self.execute(sql, params=None)


class DatabaseWrapper(base.DatabaseWrapper):
    SchemaEditorClass = DatabaseSchemaEditor
