"""Give the synthetic sentra of an existing generated registry their coordinates (generate_national now writes
them itself; databases generated before that lack them). Only SYN- sentra without a point are touched."""

from django.core.management.base import BaseCommand
from django.db import transaction

from demo.synthetic.coordinates import sentra_points
from demo.synthetic.vocab import SYNTHETIC_MARK
from sentra.models import Sentra


class Command(BaseCommand):
    help = "Fill the coordinates of synthetic (SYN-) sentra that have none, on land near their kabupaten's pseudo-centre."

    def handle(self, *args, **options):
        rows = list(
            Sentra.all_objects.filter(code__startswith=SYNTHETIC_MARK, latitude__isnull=True).order_by("id").values_list("id", "desa_id")
        )
        points = sentra_points([desa[:5] for _pk, desa in rows], seed=rows[0][0] if rows else 0)
        with transaction.atomic():
            Sentra.all_objects.bulk_update(
                [Sentra(pk=pk, latitude=lat, longitude=lon) for (pk, _desa), (lat, lon) in zip(rows, points)],
                ["latitude", "longitude"], batch_size=2000,
            )
        self.stdout.write(f"{len(rows)} sentra sintetis diberi koordinat.")
