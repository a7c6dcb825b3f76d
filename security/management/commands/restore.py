from django.core.management.base import BaseCommand, CommandError
from django.db import connections
from django.utils.translation import gettext as _

from security import dbsnapshot


class Command(BaseCommand):
    help = "Pulihkan basis data dari berkas cadangan buatan `manage.py backup`."

    def add_arguments(self, parser):
        parser.add_argument("--input", required=True, help="Berkas cadangan")
        parser.add_argument("--database", default="default", help="Alias basis data Django (bawaan: default)")
        parser.add_argument("--database-url", help="Pulihkan ke basis data lain (URL seperti DATABASE_URL), mis. untuk uji pemulihan")
        parser.add_argument("--force", action="store_true", help="Timpa basis data tujuan yang sudah berisi tabel")

    def handle(self, *args, input, database, database_url, force, **options):
        settings_dict = dbsnapshot.settings_from_url(database_url) if database_url else connections[database].settings_dict
        if not database_url:
            connections[database].close()  # pg_restore needs the tables free of our own open transaction
        if dbsnapshot.table_names(settings_dict) and not force:
            raise CommandError(_("Basis data tujuan sudah berisi tabel. Tambahkan --force untuk menimpanya dengan isi cadangan."))
        dbsnapshot.restore(settings_dict, input)
        tables = dbsnapshot.fingerprints(settings_dict)
        rows = sum(count for count, _digest in tables.values())
        self.stdout.write(
            self.style.SUCCESS(_("Pemulihan selesai: %(tables)d tabel, %(rows)d baris.") % {"tables": len(tables), "rows": rows})
        )
