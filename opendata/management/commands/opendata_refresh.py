import time

from django.core.management.base import BaseCommand

from opendata.datasets import datasets
from opendata.selectors import refresh


class Command(BaseCommand):
    help = "Compute every open dataset now and cache it (after a deploy, or from cron), so no visitor waits."

    def handle(self, *args, **options):
        for slug, dataset in datasets().items():
            started = time.perf_counter()
            refresh(dataset)
            self.stdout.write(f"{slug}: {time.perf_counter() - started:.1f} s")
