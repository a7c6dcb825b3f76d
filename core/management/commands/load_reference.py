from django.core.management.base import BaseCommand

from core.reference import REFERENCE_DIR, reference_load


class Command(BaseCommand):
    help = "Muat katalog acuan (komoditas, menu DAK, program, jenis mesin) dari data/reference; aman diulang."

    def add_arguments(self, parser):
        parser.add_argument("--directory", default=str(REFERENCE_DIR))

    def handle(self, *args, directory, **options):
        for label, (created, updated) in reference_load(directory=directory).items():
            self.stdout.write(f"{label}: {created} baru, {updated} diperbarui")
