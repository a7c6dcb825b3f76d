"""Coordinates entering through the import: refused outside Indonesia, flagged when far from the kabupaten's records.

The rule is core.coordinates' (the one every write path applies), with the form's messages; the warnings are
geo.checks' (the form's, the data-quality list's). Both run once over the whole file after the rows are decided,
on the rows that create a record with a point or change a stored record's point (`Row.point`, set by the
decider with the record's merged values). Extra work per such row: the two range checks and the box test
(Decimal comparisons), one vectorised on-land test for all of them, the outline's distance only for points off
its land (once, shared by the refusal and the sea warning), and a vectorised distance to the kabupaten's
reference; two queries per kabupaten of the file and one for the names.
"""

from decimal import Decimal

from django.core.exceptions import ValidationError

from core.coordinates import in_box, placements_many, validate_latitude, validate_longitude, validate_point
from geo.checks import many_point_warnings

from .models import RowAction

# A new row held for the user's decision (maybe a stored unit) is checked too: whatever the answer, a point
# outside Indonesia cannot be written, so the row is refused now rather than after the user answered.
CHECKED = (RowAction.CREATE, RowAction.UPDATE, RowAction.REVIEW)


def point_refusal(latitude, longitude, placement=None):
    """The form's messages refusing this point (empty when accepted). `placement`: the point's Placement, known
    from one pass over the whole file (core.coordinates.placements_many)."""
    messages = _refusal(latitude, longitude, placement)
    if messages:  # again with the numbers as written, for the messages (only refused rows pay for it)
        messages = _refusal(_trimmed(latitude), _trimmed(longitude), placement)
    return messages


def _refusal(latitude, longitude, placement):
    try:
        validate_point(latitude, longitude, placement=placement)
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
    """Refuse the rows whose point lies outside Indonesia; warn on those far from their kabupaten."""
    if not kind.point_fields:
        return
    pending = [row for row in rows if row.point is not None and row.action in CHECKED]
    if not pending:
        return
    # Outside the box validate_point needs no placement: it refuses (or says the pair is swapped) first.
    boxed = [row for row in pending if None not in row.point and in_box(*row.point)]
    placements = dict(zip(map(id, boxed), placements_many([row.point[0] for row in boxed], [row.point[1] for row in boxed])))
    accepted, points = [], []
    for row in pending:
        placement = placements.get(id(row))
        reasons = point_refusal(*row.point, placement)
        if reasons:
            row.action, row.reasons, row.link = RowAction.REFUSED, reasons, None
            continue
        if row.instance is not None:
            region, pk = kind.region_of(row.instance), row.instance.pk
        else:  # a new row checked without an instance (ImportKind.lazy_create)
            region, pk = kind.region_of_data(row.data), None
        accepted.append(row)
        points.append((region, *row.point, pk, placement))
    for index, warnings in many_point_warnings(points, kind=kind.code).items():
        accepted[index].warnings.extend(warnings)
