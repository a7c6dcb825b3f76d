import time

from django.core.management.base import BaseCommand

from regions.services import WILAYAH_DIR, regions_load


class Command(BaseCommand):
    help = "Muat kode wilayah Kemendagri (provinsi s.d. desa/kelurahan) dari data/wilayah; aman dijalankan ulang."

    def add_arguments(self, parser):
        parser.add_argument("--directory", default=str(WILAYAH_DIR))

    def handle(self, *args, directory, **options):
        started = time.monotonic()
        result = regions_load(directory=directory)
        self.stdout.write(
            f"wilayah: {result.created} baru, {result.updated} diperbarui, {result.unchanged} tetap "
            f"({result.total} total) dalam {time.monotonic() - started:.1f} s"
        )
