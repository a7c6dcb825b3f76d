from django.core.management.base import BaseCommand

from operations.housekeeping import housekeeping_run


class Command(BaseCommand):
    help = ("Bersihkan berkas impor, baris pratinjau impor, berkas ekspor dan hasil tugas yang melewati umur "
            "HOUSEKEEPING_*_DAYS. Dijalankan harian oleh timer systemd atau layanan compose.")

    def add_arguments(self, parser):
        parser.add_argument("--dry-run", action="store_true", help="Hanya hitung, jangan hapus apa pun")

    def handle(self, *args, dry_run, **options):
        result = housekeeping_run(dry_run=dry_run)
        prefix = "would remove" if dry_run else "removed"
        self.stdout.write(f"{prefix}: " + ", ".join(f"{key}={value}" for key, value in result.items()))
