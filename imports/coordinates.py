"""Coordinates entering through the import: refused outside Indonesia, flagged when far from the kabupaten's records.

The rule is core.coordinates' (the one every write path applies), with the form's messages; the warnings are
geo.checks' (the form's, the data-quality list's). Both run once over the whole file after the rows are decided,
on the rows that create a record with a point or change a stored record's point (`Row.point`, set by the
decider with the record's merged values). Extra work per such row: the two range checks and the box test
(Decimal comparisons), one vectorised on-land test for all of them, the outline's distance only for points off
its land, and a vectorised distance to the kabupaten's reference; two queries per kabupaten of the file.
"""

from decimal import Decimal

from django.core.exceptions import ValidationError

from core.coordinates import in_box, on_land_many, validate_latitude, validate_longitude, validate_point
from geo.checks import many_point_warnings

from .models import RowAction

WRITTEN = (RowAction.CREATE, RowAction.UPDATE)


def point_refusal(latitude, longitude, on_land=False):
    """The form's messages refusing this point (empty when accepted). `on_land`: the point is known to lie on the
    outline's Indonesian land (from one vectorised test of the whole file), where validate_point accepts it."""
    if on_land:
        return []
    latitude, longitude = _trimmed(latitude), _trimmed(longitude)
    try:
        validate_point(latitude, longitude)
    except ValidationError as error:
        codes = {item.code for items in error.error_dict.values() for item in items}
        if "coordinates_swapped" in codes:
            return error.messages  # it names both ranges; "latitude 124.55 outside..." would only repeat it
        point_messages = error.messages
    else:
        point_messages = []
    field_messages = []
    for validate, value in ((validate_latitude, latitude), (validate_longitude, longitude)):
        try:
            validate(value)
        except ValidationError as error:
            field_messages += error.messages
    return field_messages + point_messages


def _trimmed(value):
    """The same number without the zeros the six-place column added, so messages show it as the file wrote it
    (48,8566 rather than 48,856600)."""
    if value is None:
        return None
    return value.quantize(Decimal(1)) if value == value.to_integral_value() else value.normalize()


def check_points(kind, rows):
    """Refuse the written rows whose point lies outside Indonesia; warn on those far from their kabupaten."""
    if not kind.point_fields:
        return
    pending = [row for row in rows if row.point is not None and row.action in WRITTEN]
    if not pending:
        return
    boxed = [row for row in pending if None not in row.point and in_box(*row.point)]
    land = on_land_many([float(row.point[0]) for row in boxed], [float(row.point[1]) for row in boxed]) if boxed else []
    on_land = {id(row) for row, is_land in zip(boxed, land) if is_land}
    accepted = []
    for row in pending:
        reasons = point_refusal(*row.point, on_land=id(row) in on_land)
        if reasons:
            row.action, row.reasons, row.link = RowAction.REFUSED, reasons, None
        else:
            accepted.append(row)
    points = []
    for row in accepted:
        if row.instance is not None:
            region, pk = kind.region_of(row.instance), row.instance.pk
        else:  # a new row checked without an instance (ImportKind.lazy_create)
            region, pk = kind.region_of_data(row.data), None
        points.append((region, *row.point, pk))
    for index, warnings in many_point_warnings(points, kind=kind.code).items():
        accepted[index].warnings.extend(warnings)
