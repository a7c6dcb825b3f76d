from django.core.management.base import BaseCommand
from django.db import transaction

from reports import freshness_rollup, rollup
from reports.models import IkmRollup


class Command(BaseCommand):
    help = (
        "Hitung ulang ringkasan IKM per kabupaten/kota dan komoditas serta ringkasan kemutakhiran (dasbor nasional/provinsi) "
        "dari tabel unit IKM."
    )

    def handle(self, *args, **options):
        with transaction.atomic():
            rollup.rebuild()
            freshness_rollup.rebuild()
        self.stdout.write(self.style.SUCCESS(f"Ringkasan IKM dihitung ulang: {IkmRollup.objects.count()} baris."))
