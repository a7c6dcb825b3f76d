import tempfile
from pathlib import Path

from django.core.files.storage import default_storage
from django.core.management.base import BaseCommand
from django.db import connections
from django.utils.translation import gettext as _

from security import archive, dbsnapshot


class Command(BaseCommand):
    help = ("Cadangkan seluruh basis data dan semua berkas unggahan/ekspor ke satu arsip tar "
            "(PostgreSQL: pg_dump format custom; SQLite: backup API; berkas lewat API penyimpanan Django).")

    def add_arguments(self, parser):
        parser.add_argument("--output", required=True, help="Berkas tujuan, mis. cadangan-2026-11-22.tar")
        parser.add_argument("--database", default="default", help="Alias basis data Django (bawaan: default)")
        parser.add_argument("--no-media", action="store_true",
                            help="Tanpa berkas unggahan (bila penyimpanan berkas dicadangkan di sisi penyimpanan, lihat docs/operations.md)")

    def handle(self, *args, output, database, no_media, **options):
        settings_dict = connections[database].settings_dict
        with tempfile.TemporaryDirectory() as folder:
            dump = Path(folder) / "database"
            kind = dbsnapshot.backup(settings_dict, dump)
            manifest = archive.write_archive(output, database_file=dump, kind=kind, storage=None if no_media else default_storage)
        tables = dbsnapshot.fingerprints(settings_dict)
        rows = sum(count for count, _digest in tables.values())
        self.stdout.write(
            self.style.SUCCESS(_("Cadangan %(kind)s tersimpan di %(output)s: %(tables)d tabel, %(rows)d baris, %(files)d berkas.")
            % {"kind": kind, "output": output, "tables": len(tables), "rows": rows, "files": len(manifest["files"])})
        )
