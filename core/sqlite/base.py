"""Django's SQLite backend, except that a migration rebuilding a table keeps the table's triggers.

SQLite cannot ALTER most of a table, so Django copies it into a new table and drops the old one; the
triggers on the old table (core/triggers.py, reports/rollup.py) silently went with it. The schema editor
here reads them before the rebuild and creates them again after. PostgreSQL alters tables in place.
"""

from django.db.backends.sqlite3 import base, schema


class DatabaseSchemaEditor(schema.DatabaseSchemaEditor):
    def _remake_table(self, model, *args, **kwargs):
        with self.connection.cursor() as cursor:
            cursor.execute(
                "SELECT sql FROM sqlite_master WHERE type = 'trigger' AND tbl_name = %s ORDER BY name", [model._meta.db_table]
            )
            triggers = [row[0] for row in cursor.fetchall()]
        super()._remake_table(model, *args, **kwargs)
        for statement in triggers:
            self.execute(statement, params=None)


class DatabaseWrapper(base.DatabaseWrapper):
    SchemaEditorClass = DatabaseSchemaEditor
