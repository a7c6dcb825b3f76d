"""Query parameters as the server reads them: which exist, which may repeat, and their OpenAPI description.

An unknown parameter (`?regoin=53.05`) is refused with 400 and the list of the known ones, never ignored:
ignoring it would answer with everything in scope and the client would believe it had filtered. A
parameter the server reads once may not be repeated (`?ordering=a&ordering=b`): 400, rather than silently
using the last value. Only filters that take several values (`status=aktif&status=tutup`) may repeat.
"""

import django_filters
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter
from rest_framework.exceptions import ValidationError

from core.filters import RegionCodeFilter

REGION_PATTERN = r"^[0-9]{2}(\.[0-9]{2}(\.[0-9]{2}(\.[0-9]{4})?)?)?$"
NIB_PATTERN = r"^[0-9]{13}$"
MAX_BIGINT = 2**63 - 1

# DRF's own ?format=json (renderer choice) is accepted everywhere.
ALWAYS = ("format",)
LIST_PARAMS = ("cursor", "page_size", "fields", "brief")
DETAIL_PARAMS = ("fields", "brief")


def repeatable_filters(filterset_class):
    if filterset_class is None:
        return set()
    return {
        name for name, filter_ in filterset_class.base_filters.items()
        if isinstance(filter_, (django_filters.MultipleChoiceFilter, django_filters.BaseInFilter))
    }


def registry_query_params(view):
    """(allowed, repeatable) query parameter names of a registry viewset's current action."""
    filterset_class = getattr(view, "filterset_class", None)
    # An extra action reading parameters of its own names them: `action_query_params = {"figures": ("region",)}`.
    extra = getattr(view, "action_query_params", {}).get(view.action)
    if extra is not None:
        return (*ALWAYS, *extra), set()
    if view.action == "list":
        filters = tuple(filterset_class.base_filters) if filterset_class else ()
        return (*ALWAYS, *LIST_PARAMS, *filters), repeatable_filters(filterset_class)
    if view.request.method == "GET":
        return (*ALWAYS, *DETAIL_PARAMS), set()
    return ALWAYS, set()


def check_query_params(request, allowed, repeatable=()):
    """400 for a parameter not in `allowed`, or one outside `repeatable` given more than once."""
    names = list(request.query_params)
    unknown = sorted(name for name in names if name not in allowed)
    if unknown:
        known = ", ".join(sorted(allowed)) or "-"
        raise ValidationError({
            name: [_("Parameter tidak dikenal. Parameter yang dikenal: %(known)s.") % {"known": known}] for name in unknown
        })
    repeated = sorted(name for name in names if name not in repeatable and len(request.query_params.getlist(name)) > 1)
    if repeated:
        raise ValidationError({name: [_("Parameter ini hanya boleh diberikan sekali.")] for name in repeated})


# --- OpenAPI -------------------------------------------------------------------------------------------

def _schema_for(name, filter_):
    """(OpenApiTypes or schema dict, enum, many) describing one filter exactly as the FilterSet parses it."""
    many = isinstance(filter_, django_filters.MultipleChoiceFilter)
    choices = [value for value, _label in (filter_.extra.get("choices") or [])] if hasattr(filter_, "extra") else []
    if isinstance(filter_, RegionCodeFilter):
        return {"type": "string", "pattern": REGION_PATTERN}, None, False
    if isinstance(filter_, django_filters.OrderingFilter):
        return OpenApiTypes.STR, None, False  # the values the API honours come from the view (see RegistryAutoSchema)
    if isinstance(filter_, django_filters.BooleanFilter):
        return OpenApiTypes.BOOL, None, False
    if isinstance(filter_, django_filters.IsoDateTimeFilter):
        return OpenApiTypes.DATETIME, None, False
    if isinstance(filter_, django_filters.DateFilter):
        return OpenApiTypes.DATE, None, False
    if isinstance(filter_, django_filters.NumberFilter):
        return {"type": "integer", "minimum": 0, "maximum": 32767}, None, False
    if isinstance(filter_, django_filters.ModelChoiceFilter) or name == "ikm":
        return {"type": "integer", "minimum": 1, "maximum": MAX_BIGINT}, None, False
    if name == "nib":
        return {"type": "string", "pattern": NIB_PATTERN}, None, False
    if choices:
        return OpenApiTypes.STR, choices, many
    return OpenApiTypes.STR, None, False


def filter_parameters(filterset_class, orderings=None):
    """OpenAPI query parameters of a FilterSet: types, patterns and enums as the server parses them."""
    if filterset_class is None:
        return []
    parameters = []
    for name, filter_ in filterset_class.base_filters.items():
        schema, enum, many = _schema_for(name, filter_)
        description = str(filter_.label or name)
        if isinstance(filter_, django_filters.OrderingFilter):
            enum = list(orderings or [])
            description += str(gettext_lazy(" (satu nilai; awalan - untuk urutan menurun; id memecah nilai yang sama)"))
        if isinstance(filter_, django_filters.IsoDateTimeFilter):
            description += str(gettext_lazy(
                " — ISO 8601 dengan zona waktu, mis. 2026-01-31T10:00:00+08:00 atau ...Z. Tanpa zona dibaca sebagai WIB (+07:00)."
            ))
        parameters.append(OpenApiParameter(
            name, schema, OpenApiParameter.QUERY, required=False, many=many or None, enum=enum or None,
            explode=True if many else None, description=description,
        ))
    return parameters
