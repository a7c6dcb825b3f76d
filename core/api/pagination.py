"""Keyset cursor pagination: constant time at any depth, stable while others write, and never loops.

The order is the FilterSet's `ordering` parameter (one value, a plain non-null column: the API refuses the
others with 400 and the schema lists exactly the accepted values) followed by the primary key, or the
primary key alone. The cursor carries both values of the last row, so a page continues strictly after
(value, id): 1,150 rows sharing one `updated_at` (one import) are walked once, in id order. (DRF's own
cursor carried the value and an offset capped at 1,000, and repeated the same page forever past the cap.)

`page_size` is 1 to MAX_PAGE_SIZE; anything else is refused with 400, never silently cut.
"""

import json
from datetime import UTC, datetime

from django.core.exceptions import FieldDoesNotExist
from django.core.exceptions import ValidationError as DjangoValidationError
from django.db.models import Q
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from rest_framework.exceptions import NotFound, ValidationError
from rest_framework.pagination import Cursor, CursorPagination

MAX_PAGE_SIZE = 1000


class RegistryCursorPagination(CursorPagination):
    page_size = 100
    page_size_query_param = "page_size"
    max_page_size = MAX_PAGE_SIZE
    ordering = "pk"
    invalid_cursor_message = gettext_lazy("Kursor halaman tidak valid; mulai lagi dari halaman pertama (tanpa parameter cursor).")
    page_size_query_description = gettext_lazy("Jumlah data per halaman, 1 sampai 1000 (bawaan 100); di atas 1000 ditolak (400).")

    # --- parameters -----------------------------------------------------------------------------------
    def get_page_size(self, request):
        raw = request.query_params.get(self.page_size_query_param)
        if raw is None or raw == "":
            return self.page_size
        if not raw.isdigit() or not 1 <= int(raw) <= self.max_page_size:
            raise ValidationError({self.page_size_query_param: [
                _("page_size harus bilangan bulat 1 sampai %(max)s.") % {"max": self.max_page_size}
            ]})
        return int(raw)

    def get_ordering(self, request, queryset, view):
        requested = _requested_column(request, queryset, view)
        if requested is None:
            return ("pk",)
        descending = requested.startswith("-")
        return (requested, "-pk" if descending else "pk")

    # --- pages ----------------------------------------------------------------------------------------
    def paginate_queryset(self, queryset, request, view=None):
        self._model = queryset.model
        self.request = request
        self.page_size = self.get_page_size(request)
        self.base_url = request.build_absolute_uri()
        self.ordering = self.get_ordering(request, queryset, view)
        self.cursor = self.decode_cursor(request)
        reverse = bool(self.cursor and self.cursor.reverse)
        position = self._decode_position(self.cursor.position) if self.cursor and self.cursor.position is not None else None
        order = _reversed(self.ordering) if reverse else self.ordering
        queryset = queryset.order_by(*order)
        if position is not None:
            queryset = queryset.filter(_after(order, position))
        rows = list(queryset[: self.page_size + 1])
        more = len(rows) > self.page_size
        self.page = rows[: self.page_size]
        if reverse:
            self.page.reverse()
            self.has_next, self.has_previous = position is not None, more
        else:
            self.has_next, self.has_previous = more, position is not None
        return self.page

    def get_next_link(self):
        if not self.has_next or not self.page:
            return None
        return self.encode_cursor(Cursor(offset=0, reverse=False, position=self._position_of(self.page[-1])))

    def get_previous_link(self):
        if not self.has_previous or not self.page:
            return None
        return self.encode_cursor(Cursor(offset=0, reverse=True, position=self._position_of(self.page[0])))

    def _position_of(self, row):
        values = []
        for name in (part.lstrip("-") for part in self.ordering):
            if isinstance(row, dict):  # lean lists page over `.values()` rows: the key is the column name
                value = row["id"] if name == "pk" else row[name]
            else:
                value = getattr(row, name)
            values.append(value.isoformat() if hasattr(value, "isoformat") else value if isinstance(value, int) else str(value))
        return json.dumps(values, separators=(",", ":"))

    def _decode_position(self, raw):
        try:
            values = json.loads(raw)
        except ValueError:
            values = None
        if not isinstance(values, list) or len(values) != len(self.ordering) or not isinstance(values[-1], int):
            raise NotFound(self.invalid_cursor_message)
        return [self._checked_value(name.lstrip("-"), value) for name, value in zip(self.ordering, values)]

    def _checked_value(self, name, value):
        """A position value as its column holds it: a tampered cursor is the client's error (404 like DRF's own
        invalid cursor), never a query the database refuses (bad dates, offsets past PostgreSQL's ±15:59, ids
        past bigint, NUL bytes)."""
        meta = self._model._meta
        field = meta.pk if name == "pk" else meta.get_field(name)
        try:
            if isinstance(value, str) and "\x00" in value:
                raise ValueError
            if isinstance(value, int) and not -(2**63) <= value < 2**63:
                raise ValueError
            checked = field.to_python(value)
            if isinstance(checked, datetime) and checked.tzinfo is not None:
                checked = checked.astimezone(UTC)
        except (DjangoValidationError, ValueError, TypeError, OverflowError):
            raise NotFound(self.invalid_cursor_message) from None
        return checked


def _reversed(ordering):
    return tuple(part[1:] if part.startswith("-") else f"-{part}" for part in ordering)


def _after(order, position):
    """Rows strictly after `position` (the values of `order`'s fields) in `order`."""
    names = [part.lstrip("-") for part in order]
    ops = ["lt" if part.startswith("-") else "gt" for part in order]
    if len(order) == 1:
        return Q(**{f"{names[0]}__{ops[0]}": position[0]})
    first, key = names
    # The redundant >= bound lets the database start the index scan at the position instead of filtering.
    tied = Q(**{first: position[0], f"{key}__{ops[1]}": position[1]})
    return Q(**{f"{first}__{ops[0]}e": position[0]}) & (Q(**{f"{first}__{ops[0]}": position[0]}) | tied)


def api_orderings(view):
    """The `ordering` values the API honours for `view`: its FilterSet's orderings on plain non-null columns."""
    filterset_class = getattr(view, "filterset_class", None)
    ordering_filter = filterset_class.base_filters.get("ordering") if filterset_class else None
    if ordering_filter is None:
        return []
    model = filterset_class._meta.model
    values = []
    for param, field_name in ordering_filter.param_map.items():
        if _plain_column(model, field_name) is not None:
            values += [param, f"-{param}"]
    return values


def _plain_column(model, field_name):
    if not field_name or "__" in field_name:
        return None
    try:
        field = model._meta.get_field(field_name)
    except FieldDoesNotExist:
        return None
    if field.null:
        return None  # NULLs fall outside > / < comparisons: a cursor on them would skip rows
    return field.attname if field.is_relation else field.name


def _requested_column(request, queryset, view):
    values = request.query_params.getlist("ordering")
    if not values or values == [""]:
        return None
    allowed = api_orderings(view)
    if len(values) > 1 or values[0] not in allowed:
        raise ValidationError({"ordering": [
            _("Urutan harus satu dari: %(values)s.") % {"values": ", ".join(allowed)} if allowed
            else _("Daftar ini tidak dapat diurutkan.")
        ]})
    requested = values[0]
    filterset_class = view.filterset_class
    field_name = filterset_class.base_filters["ordering"].param_map[requested.lstrip("-")]
    column = _plain_column(queryset.model, field_name)
    return f"-{column}" if requested.startswith("-") else column
