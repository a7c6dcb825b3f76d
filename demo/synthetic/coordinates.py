"""Plausible points for synthetic sentra: grouped by kabupaten/kota, on land, near their province's capital.

The registry has no kabupaten boundaries (data/geo/SOURCE.md), so a synthetic kabupaten gets a pseudo-centre:
a point on Indonesian land within a province-sized radius of the province capital, drawn from a generator
seeded by its code (the same code always lands at the same place). Its sentra lie on land within ~15 km of that
centre. The result is not the real geography of each kabupaten, but it has the shape the maps and the
"far from its kabupaten" check meet in real data: tight groups per kabupaten, spread over the country.
"""

import math
import zlib

import numpy as np

from core.coordinates import Placement
from geo.capitals import CAPITALS, INDONESIA_CENTRE

KM_PER_DEGREE = 111.0
PROVINCE_RADIUS_KM = 120.0
# Small provinces keep their kabupaten close (Jakarta, Yogyakarta, Bali, Banten, Gorontalo...).
RADIUS_KM = {"31": 12.0, "34": 30.0, "51": 45.0, "36": 55.0, "75": 60.0, "19": 90.0, "52": 70.0}
SENTRA_SPREAD_KM = 15.0


def _on_land(lat, lon):
    placement = Placement(lat, lon)
    return placement.refusal is None and not placement.at_sea


def _point_near(rng, lat, lon, radius_km, tries=40):
    for _ in range(tries):
        distance = radius_km * math.sqrt(rng.random())
        angle = rng.random() * 2 * math.pi
        candidate_lat = lat + distance / KM_PER_DEGREE * math.sin(angle)
        candidate_lon = lon + distance / (KM_PER_DEGREE * math.cos(math.radians(lat))) * math.cos(angle)
        if _on_land(candidate_lat, candidate_lon):
            return candidate_lat, candidate_lon
    return None


def kabupaten_centre(code):
    """Pseudo-centre of a kabupaten/kota code (same code, same point)."""
    province = code.split(".")[0]
    capital = CAPITALS.get(province, INDONESIA_CENTRE)
    rng = np.random.default_rng(zlib.crc32(code.encode()))
    return _point_near(rng, *capital, RADIUS_KM.get(province, PROVINCE_RADIUS_KM)) or capital


def sentra_points(kab_codes, seed=0):
    """(lat, lon) rounded to 6 places for each kabupaten code in `kab_codes` (one per sentra, in order)."""
    rng = np.random.default_rng(seed)
    centres = {}
    points = []
    for code in kab_codes:
        if code not in centres:
            centres[code] = kabupaten_centre(code)
        centre = centres[code]
        point = _point_near(rng, *centre, SENTRA_SPREAD_KM, tries=20) or centre
        points.append((round(point[0], 6), round(point[1], 6)))
    return points
