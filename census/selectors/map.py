"""The round dashboard's map: the round's sentra in the user's scope (and drill-down region) as compact rows,
one per worklist item, coloured by how far the item got (not visited, visited, submitted, returned) and, once
approved, by what the visit found (alive, inactive, closed: the round's answer, as on the dashboard).

One query over the worklist items, like /peta/data/: ~11,000 short arrays for a national round. The point is
the sentra's registry coordinates, else the GPS point of the item's current visit (a sentra without a point
that was visited is still placed). Names come with the popup, from geo's scoped popup endpoint, on click.
"""

from django.db.models import Case, F, When
from django.utils.translation import gettext_lazy as _

from reports.selectors.cache import cached

from ..models import ANSWER, ItemState
from ..services.signals import round_generation
from .dashboard import scoped_items

MAP_COLUMNS = ("item", "sentra", "lat", "lon", "category")
CATEGORIES = (
    ("open", _("Belum dikunjungi")),
    ("visited", _("Sudah dikunjungi, belum dikirim")),
    ("submitted", _("Dikirim, menunggu pemeriksaan")),
    ("returned", _("Dikembalikan untuk perbaikan")),
    ("alive", _("Disetujui: hidup")),
    ("inactive", _("Disetujui: tidak aktif")),
    ("closed", _("Disetujui: tutup")),
)
CATEGORY_INDEX = {key: index for index, (key, _label) in enumerate(CATEGORIES)}
_ANSWER_OF = {status: answer for answer, statuses in ANSWER.items() for status in statuses}


def category_of(state, found_status):
    if state == ItemState.APPROVED:
        return CATEGORY_INDEX[_ANSWER_OF.get(found_status, "alive")]
    return CATEGORY_INDEX[state]


def _degrees(value):
    return round(float(value), 5)  # ~1 m: more digits only make the answer longer


def legend():
    return [[key, str(label)] for key, label in CATEGORIES]


def round_map_points(*, user, round, drill):
    """{"columns": [...], "rows": [[item, sentra, lat, lon, category], ...], "total", "placed", "counts"}."""

    def build():
        items = scoped_items(user=user, round=round, drill_code=drill.code).annotate(
            # Both coordinates from the same source: never a registry latitude beside a GPS longitude.
            point_lat=Case(When(sentra__latitude__isnull=False, then=F("sentra__latitude")), default=F("current_visit__latitude")),
            point_lon=Case(When(sentra__latitude__isnull=False, then=F("sentra__longitude")), default=F("current_visit__longitude")),
        )
        rows, counts, total = [], [0] * len(CATEGORIES), 0
        for item_id, sentra_id, lat, lon, state, found in items.values_list(
            "id", "sentra_id", "point_lat", "point_lon", "state", "found_status"
        ).iterator(chunk_size=5000):
            total += 1
            category = category_of(state, found)
            counts[category] += 1
            if lat is not None and lon is not None:
                rows.append([item_id, sentra_id, _degrees(lat), _degrees(lon), category])
        return {"columns": MAP_COLUMNS, "rows": rows, "total": total, "placed": len(rows), "counts": counts}

    pairs = [("region", drill.code), ("generation", round_generation(round.pk))]
    return cached(f"census-map-{round.pk}", user=user, pairs=pairs, build=build)
