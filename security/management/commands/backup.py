from django.core.management.base import BaseCommand
from django.db import connections
from django.utils.translation import gettext as _

from security import dbsnapshot


class Command(BaseCommand):
    help = "Cadangkan seluruh basis data ke satu berkas (PostgreSQL: pg_dump format custom; SQLite: backup API)."

    def add_arguments(self, parser):
        parser.add_argument("--output", required=True, help="Berkas tujuan, mis. cadangan-2026-11-22.dump")
        parser.add_argument("--database", default="default", help="Alias basis data Django (bawaan: default)")

    def handle(self, *args, output, database, **options):
        settings_dict = connections[database].settings_dict
        kind = dbsnapshot.backup(settings_dict, output)
        tables = dbsnapshot.fingerprints(settings_dict)
        rows = sum(count for count, _digest in tables.values())
        self.stdout.write(
            self.style.SUCCESS(_("Cadangan %(kind)s tersimpan di %(output)s: %(tables)d tabel, %(rows)d baris.")
            % {"kind": kind, "output": output, "tables": len(tables), "rows": rows})
        )
