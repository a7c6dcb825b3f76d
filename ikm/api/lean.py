"""List rows of IKM units without model instances or serializer machinery (issue 6: API list speed).

`IkmUnitSerializer` stays the one definition of the resource (schema, detail, writes); this module writes
the same dicts for list pages from a `.values()` query, which is where most of a page's time went
(per-row model objects, per-field serializer calls, and joins to columns the JSON never shows).
ikm/api/tests/test_lean_list_matches_serializer.py checks every field against the serializer.

Because core.api.viewsets skips the FilterSet for lean lists when no query parameter names one of its filters,
every filter of IkmUnitFilterSet must leave the queryset unchanged on empty input (django-filter's default).
"""

from decimal import Decimal
from functools import cached_property

from rest_framework.settings import ISO_8601, api_settings

from ikm.models.unit import classify

from .serializers import IkmUnitSerializer

REGION_LEVELS = (
    ("desa", "desa"),
    ("kecamatan", "desa__parent"),
    ("kabupaten_kota", "desa__parent__parent"),
    ("provinsi", "desa__parent__parent__parent"),
)
# Output field -> the `.values()` columns it is built from (selected only when the field is asked for).
COLUMNS = {
    "desa": ("desa_id",),
    "region": tuple(column for _, path in REGION_LEVELS for column in (f"{path}__code", f"{path}__name")),
    "commodity": ("commodity__code",),
    "commodity_name": ("commodity__name",),
    "is_deleted": ("deleted_at",),
    # Computed here with ikm.models.classify (the rule `with_class` writes in SQL): compiling that CASE for
    # every request cost more than the arithmetic.
    "workers_total": ("workers_male", "workers_female", "workers_unsplit"),
    "ikm_class": ("workers_male", "workers_female", "workers_unsplit", "investment"),
}
FIELD_ORDER = tuple(IkmUnitSerializer.Meta.fields)


class IkmUnitLeanList:
    @cached_property
    def _fields(self):
        return IkmUnitSerializer().fields  # the serializer's own Decimal/DateTime formatting, reused

    @cached_property
    def _empty(self):
        return dict.fromkeys(self.columns(None))

    def columns(self, only):
        names = FIELD_ORDER if only is None else [name for name in FIELD_ORDER if name in only]
        columns = ["id"]
        for name in names:
            for column in COLUMNS.get(name, (name,)):
                if column not in columns:
                    columns.append(column)
        return columns

    def rows(self, values_rows, only):
        fields = self._fields
        decimal = _decimal_writer(fields["production_capacity"])
        coordinate = _decimal_writer(fields["latitude"])  # latitude and longitude share their settings
        stamp = _stamp_writer(fields["created_at"])  # same settings for every DateTimeField here
        names = None if only is None else [name for name in FIELD_ORDER if name in only]
        out = []
        append = out.append
        # A narrowed page (?fields=, ?brief=) lacks columns: those read as None (and are not printed).
        padded = (lambda row: row) if only is None else (lambda row: {**self._empty, **row})
        for row in map(padded, values_rows):
            capacity, lat, lon = row["production_capacity"], row["latitude"], row["longitude"]
            male, female, unsplit, investment = row["workers_male"], row["workers_female"], row["workers_unsplit"], row["investment"]
            total = None if male is None or female is None or unsplit is None else male + female + unsplit
            verified, created, updated, deleted = row["last_verified_at"], row["created_at"], row["updated_at"], row["deleted_at"]
            full = {
                "id": row["id"],
                "name": row["name"],
                "owner_name": row["owner_name"],
                "nib": row["nib"],
                "desa": row["desa_id"],
                "region": None if row["desa__code"] is None else _region(row),
                "address": row["address"],
                "latitude": None if lat is None else coordinate(lat),
                "longitude": None if lon is None else coordinate(lon),
                "commodity": row["commodity__code"],
                "commodity_name": row["commodity__name"],
                "product": row["product"],
                "workers_male": male,
                "workers_female": female,
                "workers_unsplit": unsplit,
                "workers_total": total,
                "investment": investment,
                "ikm_class": None if total is None or investment is None else classify(total, investment).value,
                "production_capacity": None if capacity is None else decimal(capacity),
                "capacity_unit": row["capacity_unit"],
                "production_value": row["production_value"],
                "sales": row["sales"],
                "production_place": row["production_place"],
                "last_verified_at": None if verified is None else stamp(verified),
                "version": row["version"],
                "created_at": None if created is None else stamp(created),
                "updated_at": None if updated is None else stamp(updated),
                "deleted_at": None if deleted is None else stamp(deleted),
                "is_deleted": deleted is not None,
            }
            append(full if names is None else {name: full[name] for name in names})
        return out


def _decimal_writer(field):
    """DecimalField.to_representation for its plain settings (string, fixed places), minus the per-call context copy.

    A value that already has exactly `decimal_places` places (every value read from the column) is left unchanged
    by DRF's quantize, so its `f` format is DRF's output; anything else goes through DRF itself.
    """
    plain = (
        getattr(field, "coerce_to_string", api_settings.COERCE_DECIMAL_TO_STRING)
        and not field.localize
        and not field.normalize_output
        and field.decimal_places is not None
    )
    if not plain:
        return field.to_representation
    exponent = -field.decimal_places

    def write(value):
        if type(value) is Decimal and value.as_tuple().exponent == exponent:
            return format(value, "f")
        return field.to_representation(value)

    return write


def _stamp_writer(field):
    """DateTimeField.to_representation for aware ISO 8601 output, minus its per-call settings lookups."""
    output_format = getattr(field, "format", api_settings.DATETIME_FORMAT)
    zone = getattr(field, "timezone", None) or field.default_timezone()
    if output_format is None or output_format.lower() != ISO_8601 or zone is None:
        return field.to_representation

    def stamp(value):
        text = value.astimezone(zone).isoformat()
        return text[:-6] + "Z" if text.endswith("+00:00") else text

    return stamp


def _summary(code, name):
    return {"code": code, "name": name} if code is not None else None


def _region(row):
    return {
        "desa": _summary(row["desa__code"], row["desa__name"]),
        "kecamatan": _summary(row["desa__parent__code"], row["desa__parent__name"]),
        "kabupaten_kota": _summary(row["desa__parent__parent__code"], row["desa__parent__parent__name"]),
        "provinsi": _summary(row["desa__parent__parent__parent__code"], row["desa__parent__parent__parent__name"]),
    }
