"""manage.py check_links: list stored links that break the registry's rules (written before the rules existed).

Every link must stay inside one kabupaten/kota (core/links.py: memberships, room occupants, DAK activities);
a room is used only by a current member of its sentra; a machine stands in a room of its own sentra. New
writes cannot break these (services and database triggers); this finds what older data still does, so an
administrator can correct it through the normal screens (with history). Exit status 1 when anything is found.
"""

from django.core.management.base import BaseCommand, CommandError
from django.db.models import Exists, F, OuterRef

from core.links import violations
from facilities.models import Machine, Room
from ikm.models import SentraMembership


def rule_breaches():
    """(label, message, queryset) for every rule; each queryset lists the records that break it."""
    for model, link, queryset in violations():
        yield model._meta.label, str(link.message), queryset.values_list("pk", "_this", "_other")
    members = SentraMembership.objects.filter(ikm_id=OuterRef("occupant_id"), sentra_id=OuterRef("sentra_id"), left_on__isnull=True)
    yield (
        Room._meta.label, "room used by an IKM unit that is not a current member of its sentra",
        Room.objects.filter(occupant__isnull=False).exclude(Exists(members)).order_by("pk").values_list("pk", "sentra_id", "occupant_id"),
    )
    yield (
        Machine._meta.label, "machine in a room of another sentra",
        Machine.objects.filter(room__isnull=False).exclude(room__sentra_id=F("sentra_id")).order_by("pk").values_list("pk", "sentra_id", "room__sentra_id"),
    )


class Command(BaseCommand):
    help = "Daftar tautan antardata yang melanggar aturan (lintas kabupaten/kota, ruang dipakai bukan anggota, mesin di ruang sentra lain)."

    def add_arguments(self, parser):
        parser.add_argument("--limit", type=int, default=50, help="Paling banyak sekian contoh per aturan.")

    def handle(self, *args, limit, **options):
        total = 0
        for label, message, queryset in rule_breaches():
            count = queryset.count()
            if not count:
                continue
            total += count
            self.stdout.write(f"{label}: {count} - {message}")
            for row in queryset[:limit]:
                self.stdout.write("  " + " ".join(str(value) for value in row))
        if total:
            raise CommandError(f"{total} tautan melanggar aturan.", returncode=1)
        self.stdout.write("Tidak ada tautan yang melanggar aturan.")
