"""Whether a point lies in Indonesia: the one rule every write path applies to latitude/longitude.

Three layers, so no path can store a point in Paris:
- the database CHECKs a generous bounding box (`BOX`), so even bulk and COPY paths refuse Paris;
- the model fields validate the same box per field, with a message naming the allowed range;
- the models' `clean()` (run by every service through `full_clean()`, by forms and so by the API) calls
  `validate_point`: both values or neither, and the point tested against Natural Earth's outline of Indonesia
  (data/geo/SOURCE.md). Points inside another country are refused, and so are points far out at sea; points
  near the coast or on small islands the 1:10m outline lacks are accepted (the geo app flags them instead).

Distances are great-circle kilometres from the nearest point of the outline.
"""

import json
import math
from decimal import Decimal
from functools import cache
from pathlib import Path

from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.db.models import Q
from django.utils.formats import number_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

OUTLINE = Path(__file__).resolve().parent.parent / "data" / "geo" / "outline.geojson"
INDONESIA = "360"  # ISO 3166-1 numeric, as Natural Earth/world-atlas names it

# From Pulau Rondo (6.07 N) and Aceh (95.0 E) to Pulau Ndana (11.0 S) and the Papua border (141.0 E), with a margin.
BOX = {"lat": (Decimal("-11.5"), Decimal("6.5")), "lon": (Decimal("94.5"), Decimal("141.5"))}
# Across a land border or a coastline, closer than this is Indonesia: the 1:10m outline is drawn to a few
# hundred metres, and a phone's GPS on a pier or at the border post is not an error.
BORDER_KM = 3.0
# At sea farther than this from Indonesian land is not a sentra: the outer islands the 1:10m outline lacks
# (Marore, Mapia) lie within about 110 km of land it has.
SEA_KM = 150.0
EARTH_KM = 6371.0


def box_q(latitude="latitude", longitude="longitude"):
    """The database CHECK: both empty, or both inside the bounding box."""
    (lat_min, lat_max), (lon_min, lon_max) = BOX["lat"], BOX["lon"]
    # "IS NOT NULL" spelled out: a comparison with NULL is unknown, and a CHECK lets unknown through.
    return Q(**{f"{latitude}__isnull": True, f"{longitude}__isnull": True}) | Q(
        **{f"{latitude}__isnull": False, f"{longitude}__isnull": False, f"{latitude}__gte": lat_min, f"{latitude}__lte": lat_max,
           f"{longitude}__gte": lon_min, f"{longitude}__lte": lon_max}
    )


def _number(value):
    return number_format(value, decimal_pos=None, use_l10n=True)


def validate_latitude(value):
    low, high = BOX["lat"]
    if value is not None and not low <= value <= high:
        raise ValidationError(
            _("Lintang %(value)s di luar Indonesia: lintang di Indonesia antara %(low)s dan %(high)s (selatan ditulis negatif)."),
            code="latitude_outside_indonesia", params={"value": _number(value), "low": _number(low), "high": _number(high)},
        )


def validate_longitude(value):
    low, high = BOX["lon"]
    if value is not None and not low <= value <= high:
        raise ValidationError(
            _("Bujur %(value)s di luar Indonesia: bujur di Indonesia antara %(low)s dan %(high)s."),
            code="longitude_outside_indonesia", params={"value": _number(value), "low": _number(low), "high": _number(high)},
        )


def in_box(lat, lon):
    return BOX["lat"][0] <= Decimal(str(lat)) <= BOX["lat"][1] and BOX["lon"][0] <= Decimal(str(lon)) <= BOX["lon"][1]


@cache
def _outline():
    """(Indonesia, [(name, geometry) of the other countries]) as prepared shapely geometries, loaded once."""
    from shapely import prepare
    from shapely.geometry import shape

    features = json.loads(OUTLINE.read_text())["features"]
    indonesia, others = None, []
    for feature in features:
        geometry = shape(feature["geometry"])
        prepare(geometry)
        if feature["properties"]["id"] == INDONESIA:
            indonesia = geometry
        else:
            others.append((feature["properties"]["name"], geometry))
    return indonesia, others


def on_land_many(lats, lons):
    """For many points at once (the data-quality list): which lie on the outline's Indonesian land (numpy bools)."""
    import numpy as np
    from shapely import contains_xy

    indonesia, _others = _outline()
    return contains_xy(indonesia, np.asarray(lons, dtype=float), np.asarray(lats, dtype=float))


def great_circle_km(lat1, lon1, lat2, lon2):
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * EARTH_KM * math.asin(min(1.0, math.sqrt(a)))


class Placement:
    """Where a point lies relative to the outline: on Indonesian land, how far from it, inside which other country."""

    def __init__(self, lat, lon, *, on_land=None):
        """`on_land`: already known from one vectorised test of many points (placements_many)."""
        from shapely.geometry import Point
        from shapely.ops import nearest_points

        indonesia, others = _outline()
        point = None
        if on_land is None:
            point = Point(float(lon), float(lat))
            on_land = indonesia.contains(point)
        self.on_land = bool(on_land)
        if self.on_land:
            self.km_to_land, self.country = 0.0, None
            return
        if point is None:
            point = Point(float(lon), float(lat))
        nearest = nearest_points(indonesia, point)[0]
        self.km_to_land = great_circle_km(float(lat), float(lon), nearest.y, nearest.x)
        self.country = next((name for name, geometry in others if geometry.contains(point)), None)

    @property
    def refusal(self):
        """The reason this point is not in Indonesia, or None."""
        if self.km_to_land <= BORDER_KM:
            return None
        if self.country:
            return _("Titik ini berada di %(country)s, bukan di Indonesia.") % {"country": self.country}
        if self.km_to_land > SEA_KM:
            return _("Titik ini di laut, sekitar %(km)s km dari daratan Indonesia terdekat: di luar Indonesia.") % {
                "km": number_format(round(self.km_to_land), use_l10n=True, force_grouping=True)
            }
        return None

    @property
    def at_sea(self):
        """Accepted but off the outline's land: worth a second look (a warning, never a refusal)."""
        return self.refusal is None and self.km_to_land > BORDER_KM


def placements_many(lats, lons):
    """Placement of many points (an import file): one vectorised on-land test, the outline's distance only for
    the points off land. The points on land share one Placement (on land, nothing else differs)."""
    if not len(lats):
        return []
    land = Placement(lats[0], lons[0], on_land=True)
    return [land if is_land else Placement(lat, lon, on_land=False) for lat, lon, is_land in zip(lats, lons, on_land_many(lats, lons))]


def validate_point(latitude, longitude, *, placement=None):
    """Refuse half a coordinate and any point outside Indonesia; a point on the line is fine (ValidationError).
    `placement`: the point's Placement when already known (placements_many)."""
    if latitude is None and longitude is None:
        return
    if latitude is None or longitude is None:
        missing = "latitude" if latitude is None else "longitude"
        raise ValidationError({missing: ValidationError(MISSING[missing], code="coordinate_half")})
    if not in_box(latitude, longitude):
        if in_box(longitude, latitude):
            raise ValidationError({NON_FIELD_ERRORS: ValidationError(
                _("Lintang dan bujur tampaknya tertukar: lintang (utara-selatan) di Indonesia antara -11,5 dan 6,5, bujur antara 94,5 dan 141,5."),
                code="coordinates_swapped")})
        return  # the field validators name the value out of range
    reason = (placement or Placement(latitude, longitude)).refusal
    if reason:
        if -latitude != latitude and in_box(-latitude, longitude) and Placement(-latitude, longitude).refusal is None:
            reason += " " + _("Lintang selatan ditulis negatif (mis. -8,25).")
        raise ValidationError({NON_FIELD_ERRORS: ValidationError(reason, code="point_outside_indonesia")})


MISSING = {
    "latitude": gettext_lazy("Isi lintang bersama bujur (atau kosongkan keduanya)."),
    "longitude": gettext_lazy("Isi bujur bersama lintang (atau kosongkan keduanya)."),
}
