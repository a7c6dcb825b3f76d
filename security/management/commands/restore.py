import tarfile
import tempfile

from django.core.files.storage import FileSystemStorage, default_storage
from django.core.management.base import BaseCommand, CommandError
from django.db import connections
from django.utils.translation import gettext as _

from security import archive, dbsnapshot


class Command(BaseCommand):
    help = "Pulihkan basis data dan berkas dari arsip cadangan buatan `manage.py backup` (atau dump basis data lama)."

    def add_arguments(self, parser):
        parser.add_argument("--input", required=True, help="Berkas cadangan")
        parser.add_argument("--database", default="default", help="Alias basis data Django (bawaan: default)")
        parser.add_argument("--database-url", help="Pulihkan ke basis data lain (URL seperti DATABASE_URL), mis. untuk uji pemulihan")
        parser.add_argument("--media-root", help="Pulihkan berkas ke folder lain (bawaan: penyimpanan berkas yang dikonfigurasi)")
        parser.add_argument("--no-media", action="store_true", help="Pulihkan basis data saja")
        parser.add_argument("--force", action="store_true", help="Timpa basis data dan berkas tujuan yang sudah berisi data")

    def handle(self, *args, input, database, database_url, media_root, no_media, force, **options):
        settings_dict = dbsnapshot.settings_from_url(database_url) if database_url else connections[database].settings_dict
        if not database_url:
            connections[database].close()  # pg_restore needs the tables free of our own open transaction
        if dbsnapshot.table_names(settings_dict) and not force:
            raise CommandError(_("Basis data tujuan sudah berisi tabel. Tambahkan --force untuk menimpanya dengan isi cadangan."))
        storage = FileSystemStorage(location=media_root) if media_root else default_storage
        files = 0
        if archive.is_archive(input):
            with tarfile.open(input, "r") as tar, tempfile.TemporaryDirectory() as folder:
                manifest = archive.read_manifest(tar)
                if not no_media:  # refuse before the database is touched
                    archive.check_media_target(tar, manifest, storage, force)
                dbsnapshot.restore(settings_dict, archive.extract_database(tar, manifest, folder))
                if not no_media:
                    files = archive.restore_media(tar, manifest, storage)
        else:  # a bare database dump from before backups carried the files
            dbsnapshot.restore(settings_dict, input)
        tables = dbsnapshot.fingerprints(settings_dict)
        rows = sum(count for count, _digest in tables.values())
        self.stdout.write(
            self.style.SUCCESS(_("Pemulihan selesai: %(tables)d tabel, %(rows)d baris, %(files)d berkas.")
            % {"tables": len(tables), "rows": rows, "files": files})
        )
