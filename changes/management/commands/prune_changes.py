from datetime import timedelta

from django.conf import settings
from django.core.management.base import BaseCommand
from django.utils import timezone

from changes.selectors import prune_before


class Command(BaseCommand):
    help = (
        "Remove change-feed rows older than --days (default CHANGES_RETENTION_DAYS). Partners whose position is "
        "older are told to load again (410); rows the webhook dispatcher has not read yet are kept."
    )

    def add_arguments(self, parser):
        parser.add_argument("--days", type=int, default=getattr(settings, "CHANGES_RETENTION_DAYS", 180))

    def handle(self, *args, days, **options):
        removed = prune_before(timezone.now() - timedelta(days=days))
        self.stdout.write(f"removed {removed} feed rows older than {days} days")
