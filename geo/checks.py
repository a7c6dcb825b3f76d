"""Coordinates that look wrong but are not impossible: flagged (a warning), never refused.

Refusal (outside Indonesia) is core/coordinates.py, on every write path. Here: a point far from the other
records (sentra and IKM units) of the same kabupaten/kota, or at sea off the outline's land. The registry has
no kabupaten boundaries (data/geo/SOURCE.md), so "far" is measured from the records the dinas has already
placed: their component-wise median, with a threshold that grows with how spread out they are (a kabupaten of
islands such as Alor spans 150 km; a kota a few km).

`point_warnings(region_code, lat, lon)` is the function the form and the live check in the map picker call;
`many_point_warnings` gives the same warnings for the points of a whole import file at once (imports/coordinates.py),
and `flag_points` does the same for many stored records (the data-quality list).
"""

import math
from dataclasses import dataclass
from statistics import median

from django.utils.formats import number_format
from django.utils.translation import gettext as _

from core.coordinates import EARTH_KM, Placement, great_circle_km, in_box, on_land_many, placements_many
from ikm.models import IkmUnit
from regions.models import Region
from sentra.models import Sentra

# A point is "far" beyond max(FAR_MIN_KM, FAR_SPREAD x the records' typical distance from their median).
FAR_MIN_KM = 75.0
FAR_SPREAD = 4.0
# Fewer placed records than this in the kabupaten/kota say nothing about where it is.
MIN_REFERENCE = 3
# Enough records to place a kabupaten; more only cost time (a kabupaten may hold thousands of units).
REFERENCE_SAMPLE = 2000
# Above this many reference points, leaving one record out moves the medians by at most one rank of hundreds:
# the import then judges every row against the whole reference instead of one median per flagged row.
LEAVE_ONE_OUT_MAX = 200
MODELS = {"sentra": Sentra, "ikm": IkmUnit}


def kabupaten_of(region_code):
    return ".".join((region_code or "").split(".")[:2])


@dataclass(frozen=True)
class Reference:
    """Where a kabupaten's records are: their median point and how far from it they typically lie."""

    lat: float
    lon: float
    typical_km: float
    count: int

    @property
    def limit_km(self):
        return max(FAR_MIN_KM, FAR_SPREAD * self.typical_km)

    def km_from(self, lat, lon):
        return great_circle_km(float(lat), float(lon), self.lat, self.lon)


def reference_of(points):
    """Reference of [(lat, lon), ...], or None when there are too few to judge."""
    if len(points) < MIN_REFERENCE:
        return None
    lat = median(float(p[0]) for p in points)
    lon = median(float(p[1]) for p in points)
    typical = median(great_circle_km(float(p[0]), float(p[1]), lat, lon) for p in points)
    return Reference(lat, lon, typical, len(points))


def placed_records(kabupaten_code, *, exclude=None):
    """[(kind, pk, lat, lon)] of the live, placed sentra and IKM units of a kabupaten/kota (at most
    REFERENCE_SAMPLE of each kind); `exclude` = (kind, pk) of a record to leave out. Two queries."""
    records = []
    for kind, model in MODELS.items():
        queryset = model.objects.filter(desa__code__startswith=kabupaten_code + ".", latitude__isnull=False)
        if exclude and exclude[0] == kind and exclude[1]:
            queryset = queryset.exclude(pk=exclude[1])
        records += [(kind, *values) for values in queryset.order_by().values_list("pk", "latitude", "longitude")[:REFERENCE_SAMPLE]]
    return records


def kabupaten_points(kabupaten_code, *, exclude=None):
    """Placed points of the live sentra and IKM units of a kabupaten/kota; `exclude` = (kind, pk) of the record
    being checked, so a record is never compared with itself."""
    return [(lat, lon) for _kind, _pk, lat, lon in placed_records(kabupaten_code, exclude=exclude)]


def _km(value):
    return number_format(round(value), use_l10n=True, force_grouping=True)


def far_warning(reference, lat, lon, kabupaten_name):
    distance = reference.km_from(lat, lon)
    if distance <= reference.limit_km:
        return None
    return _(
        "Titik ini sekitar %(km)s km dari sentra dan unit IKM lain di %(region)s (biasanya dalam %(limit)s km). "
        "Periksa lintang, bujur dan desa/kelurahannya."
    ) % {"km": _km(distance), "region": kabupaten_name, "limit": _km(reference.limit_km)}


def sea_warning(placement):
    if not placement.at_sea:
        return None
    return _("Titik ini di laut, sekitar %(km)s km dari pantai terdekat pada peta dasar. Periksa kembali, kecuali lokasinya di pulau kecil.") % {
        "km": _km(placement.km_to_land)
    }


def point_warnings(region_code, lat, lon, *, exclude=None):
    """Warnings (translated sentences) for a point given for a record in `region_code` (desa or any level).

    Empty when the point looks right, when it is incomplete, or when it would be refused anyway (outside
    Indonesia: core.coordinates says why). `exclude` = ("sentra" | "ikm", pk) of the record being edited.
    """
    if lat is None or lon is None or not region_code or not in_box(lat, lon):
        return []
    placement = Placement(lat, lon)
    if placement.refusal:
        return []
    warnings = [sea_warning(placement)]
    kabupaten = kabupaten_of(region_code)
    reference = reference_of(kabupaten_points(kabupaten, exclude=exclude))
    if reference is not None:
        name = Region.objects.filter(code=kabupaten).values_list("name", flat=True).first() or kabupaten
        warnings.append(far_warning(reference, lat, lon, name))
    return [warning for warning in warnings if warning]


def flag_points(rows):
    """Flag many records at once. `rows`: (kind, pk, desa_code, lat, lon, ...) sorted by desa code, all placed.

    Yields (row, [warnings]) for flagged rows only. Records are compared with the others of their kabupaten
    in the same rows (the caller passes every placed record of the kabupaten/kota, all kinds together), leaving
    each record out of its own reference while the kabupaten is small enough for that to matter.
    """
    rows = list(rows)
    codes = {kabupaten_of(row[2]) for row in rows}
    names = dict(Region.objects.filter(code__in=codes).values_list("code", "name")) if codes else {}
    group, current = [], None
    for row in [*rows, None]:
        kabupaten = kabupaten_of(row[2]) if row is not None else None
        if kabupaten != current and group:
            yield from _flag_group(group, names.get(current, current))
            group = []
        current = kabupaten
        if row is not None:
            group.append(row)


def _flag_group(group, kabupaten_name):
    points = [(float(row[3]), float(row[4])) for row in group]
    on_land = on_land_many([p[0] for p in points], [p[1] for p in points])
    whole = reference_of(points)
    for index, row in enumerate(group):
        warnings = [] if on_land[index] else [sea_warning(Placement(row[3], row[4]))]
        reference = whole
        # Leave the record out of its own reference, as the form does. Including it only pulls the reference
        # towards it, so a point within half the limit of the whole group's reference stays unflagged anyway:
        # only the others cost a second median (11,000 sentra: 4 s -> well under one).
        if whole is not None and whole.km_from(*points[index]) > whole.limit_km / 2:
            reference = reference_of(points[:index] + points[index + 1:])
        if reference is not None:
            warnings.append(far_warning(reference, row[3], row[4], kabupaten_name))
        warnings = [warning for warning in warnings if warning]
        if warnings:
            yield row, warnings


def many_point_warnings(points, *, kind):
    """`point_warnings` for many points at once (an import file): {index: [warnings]} for the flagged ones.

    `points`: [(region_code, lat, lon, pk, placement)] of records of `kind` ("sentra" | "ikm"), pk None for a new
    record, placement the point's core.coordinates.Placement when the caller has it (else None); points refused
    by core.coordinates are left unflagged, as point_warnings does. Cost: one vectorised on-land test for the
    points without a placement, the outline's distance only for points off land, two queries per kabupaten
    (its stored points, loaded once) plus one for the names, and a vectorised distance per kabupaten.
    As on the form a point is compared with the stored records of its kabupaten, leaving its own record out.
    A kabupaten with too few stored records to judge (the first import of a dinas) is judged on the file's own
    points with the stored ones, each point left out of its own reference.
    """
    import numpy as np

    found = {}
    placed = [(index, point) for index, point in enumerate(points)
              if point[0] and point[1] is not None and point[2] is not None and in_box(point[1], point[2])]
    if not placed:
        return found
    unknown = [point for _index, point in placed if point[4] is None]
    computed = iter(placements_many([point[1] for point in unknown], [point[2] for point in unknown]) if unknown else [])
    groups = {}
    for index, (region, lat, lon, pk, placement) in placed:
        if placement is None:
            placement = next(computed)
        if placement.refusal:
            continue
        warning = sea_warning(placement)
        if warning:
            found.setdefault(index, []).append(warning)
        groups.setdefault(kabupaten_of(region), []).append((index, float(lat), float(lon), pk))
    names = dict(Region.objects.filter(code__in=list(groups)).values_list("code", "name"))
    for kabupaten, members in groups.items():
        stored = placed_records(kabupaten)
        reference_points = [(float(lat), float(lon)) for _kind, _pk, lat, lon in stored]
        stored_position = {pk: position for position, (stored_kind, pk, _lat, _lon) in enumerate(stored) if stored_kind == kind}
        # member index -> positions of its own points in reference_points (its stored point, its point in the file)
        own = {index: [stored_position[pk]] for index, _lat, _lon, pk in members if pk is not None and pk in stored_position}
        if len(reference_points) < MIN_REFERENCE:
            stride = max(1, math.ceil(len(members) / REFERENCE_SAMPLE))
            for index, lat, lon, _pk in members[::stride]:
                own.setdefault(index, []).append(len(reference_points))
                reference_points.append((lat, lon))
        whole = reference_of(reference_points)
        if whole is None:
            continue
        lats = np.radians([member[1] for member in members])
        lons = np.radians([member[2] for member in members])
        centre_lat, centre_lon = math.radians(whole.lat), math.radians(whole.lon)
        haversine = np.sin((lats - centre_lat) / 2) ** 2 + np.cos(lats) * math.cos(centre_lat) * np.sin((lons - centre_lon) / 2) ** 2
        distances = 2 * EARTH_KM * np.arcsin(np.minimum(1.0, np.sqrt(haversine)))
        name = names.get(kabupaten, kabupaten)
        # Within half the limit of the whole reference a point stays unflagged with its own record left out too
        # (see _flag_group): only the others are judged one by one.
        for member_position in np.flatnonzero(distances > whole.limit_km / 2):
            index, lat, lon, _pk = members[member_position]
            reference = whole
            if index in own and len(reference_points) <= LEAVE_ONE_OUT_MAX:
                left_out = set(own[index])
                reference = reference_of([point for position, point in enumerate(reference_points) if position not in left_out])
            warning = far_warning(reference, lat, lon, name) if reference is not None else None
            if warning:
                found.setdefault(index, []).append(warning)
    return found
