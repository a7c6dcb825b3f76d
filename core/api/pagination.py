"""Cursor pagination: constant time at any depth and stable while others insert rows.

The order follows the FilterSet's `ordering` parameter when it names a plain, non-null column (one field;
the primary key breaks ties), else the primary key. Sync clients typically walk
`?updated_since=...&ordering=updated_at` and keep the last `updated_at` they saw for the next run.
"""

from django.core.exceptions import FieldDoesNotExist
from rest_framework.pagination import CursorPagination


class RegistryCursorPagination(CursorPagination):
    page_size = 100
    page_size_query_param = "page_size"
    max_page_size = 1000
    ordering = "pk"

    def get_ordering(self, request, queryset, view):
        requested = _requested_column(request, queryset, view)
        if requested is None:
            return ("pk",)
        descending = requested.startswith("-")
        return (requested, "-pk" if descending else "pk")

    def _get_position_from_instance(self, instance, ordering):
        # Lean lists page over `.values()` rows, whose primary key is named by its column, not "pk".
        if isinstance(instance, dict) and ordering[0].lstrip("-") == "pk" and "pk" not in instance:
            return str(instance["id"])
        return super()._get_position_from_instance(instance, ordering)


def _requested_column(request, queryset, view):
    filterset_class = getattr(view, "filterset_class", None)
    ordering_filter = filterset_class.base_filters.get("ordering") if filterset_class else None
    raw = request.query_params.get("ordering", "")
    first = raw.split(",")[0].strip()
    if ordering_filter is None or not first:
        return None
    descending = first.startswith("-")
    field_name = ordering_filter.param_map.get(first.lstrip("-"))
    if not field_name or "__" in field_name:
        return None
    try:
        field = queryset.model._meta.get_field(field_name)
    except FieldDoesNotExist:
        return None
    if field.null:
        return None  # NULLs fall outside > / < comparisons: a cursor on them would skip rows
    column = field.attname if field.is_relation else field.name
    return f"-{column}" if descending else column
