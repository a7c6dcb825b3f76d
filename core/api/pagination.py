"""Cursor pagination: constant time at any depth and stable while others insert rows.

The order follows the FilterSet's `ordering` parameter when it names a plain, non-null column (one field;
the primary key breaks ties), else the primary key. Sync clients typically walk
`?updated_since=...&ordering=updated_at` and keep the last `updated_at` they saw for the next run.
"""

from datetime import UTC, datetime

from django.core.exceptions import FieldDoesNotExist, ValidationError
from django.utils.translation import gettext_lazy as _
from rest_framework.exceptions import NotFound
from rest_framework.pagination import Cursor, CursorPagination


class RegistryCursorPagination(CursorPagination):
    page_size = 100
    page_size_query_param = "page_size"
    max_page_size = 1000
    ordering = "pk"
    invalid_cursor_message = _("Kursor halaman tidak valid; mulai lagi dari halaman pertama (tanpa parameter cursor).")

    def paginate_queryset(self, queryset, request, view=None):
        self._model = queryset.model
        return super().paginate_queryset(queryset, request, view)

    def decode_cursor(self, request):
        """The cursor, with its position checked against the ordering column: a tampered cursor is the
        client's error (404 like DRF's own invalid cursor), never a query the database refuses."""
        cursor = super().decode_cursor(request)
        if cursor is None or cursor.position is None:
            return cursor
        column = self.ordering[0].lstrip("-")
        meta = self._model._meta
        field = meta.pk if column == "pk" else meta.get_field(column)
        try:
            if "\x00" in cursor.position:
                raise ValueError
            position = field.to_python(cursor.position)
            if isinstance(position, datetime) and position.tzinfo is not None:
                position = position.astimezone(UTC)  # PostgreSQL refuses offsets past ±15:59
        except (ValidationError, ValueError, TypeError, OverflowError):
            raise NotFound(self.invalid_cursor_message) from None
        return Cursor(offset=cursor.offset, reverse=cursor.reverse, position=position)

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
