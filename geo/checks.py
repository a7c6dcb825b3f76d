"""Coordinates that look wrong but are not impossible: flagged (a warning), never refused.

Refusal (outside Indonesia) is core/coordinates.py, on every write path. Here: a point far from the other
records (sentra and IKM units) of the same kabupaten/kota, or at sea off the outline's land. The registry has
no kabupaten boundaries (data/geo/SOURCE.md), so "far" is measured from the records the dinas has already
placed: their component-wise median, with a threshold that grows with how spread out they are (a kabupaten of
islands such as Alor spans 150 km; a kota a few km).

`point_warnings(region_code, lat, lon)` is the function the form, the live check in the map picker and the
import preview (imports/, wired by the import owner) call; `flag_points` does the same for many records at once
(the data-quality list).
"""

from dataclasses import dataclass
from statistics import median

from django.utils.formats import number_format
from django.utils.translation import gettext as _

from core.coordinates import Placement, great_circle_km, in_box, on_land_many
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


def kabupaten_points(kabupaten_code, *, exclude=None):
    """Placed points of the live sentra and IKM units of a kabupaten/kota; `exclude` = (kind, pk) of the record
    being checked, so a record is never compared with itself."""
    points = []
    for kind, model in MODELS.items():
        queryset = model.objects.filter(desa__code__startswith=kabupaten_code + ".", latitude__isnull=False)
        if exclude and exclude[0] == kind and exclude[1]:
            queryset = queryset.exclude(pk=exclude[1])
        points += queryset.order_by().values_list("latitude", "longitude")[:REFERENCE_SAMPLE]
    return points


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
