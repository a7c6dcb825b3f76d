"""List pages: one FilterSet per model (shared with the API), the user's scope, keyset pages, bounded counts.

A page fetches page_size + 1 rows: the extra row only tells whether a "next" link is needed. The links carry
the sort values of the last (or first) row shown (`after=` / `before=`), so page 18,000 of a million units
costs what page 1 costs (issue 16: OFFSET 900,000 took 8.5-15 s); `terakhir=1` is the last page, read
backwards. A bare `?page=N` (old bookmarks) still works up to MAX_OFFSET_PAGE; deeper, the page says how to
get there (filters, export). The count is exact up to COUNT_LIMIT rows, "lebih dari COUNT_LIMIT" beyond,
and left out when even that is slow. Queries per page stay constant (selectors select/prefetch).
"""

import base64
import binascii
import json
from decimal import Decimal

from django import forms
from django.conf import settings
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import FieldDoesNotExist, ValidationError
from django.db.models import F, Func, Q
from django.db.models.fields.tuple_lookups import TupleGreaterThan, TupleLessThan
from django.urls import reverse, reverse_lazy
from django.utils.translation import gettext_lazy as _
from django.views.generic import TemplateView

from commodities.models import Commodity
from core.bounded import QueryTooSlow, TooManyAtOnce, statement_timeout, user_slot
from core.search import SELECTIVE_MATCHES

from .display import table
from .forms import RegionPickerWidget

HIDDEN_FILTERS = {"ordering", "updated_since"}
CURSOR_PARAMS = ("page", "after", "before", "terakhir")
MAX_OFFSET_PAGE = 20
COUNT_LIMIT = 1000


class _Unindexed(Func):
    """The column, as a value the planner cannot read from an index in order (see `ordered`)."""

    template = "COALESCE(%(expressions)s)"
    arg_joiner = ", "


class ScopedListView(LoginRequiredMixin, TemplateView):
    template_name = "web/list.html"
    title = ""
    selector = None  # callable(user=...) -> scoped queryset
    filterset_class = None
    columns = ()
    detail_url_name = None
    create_url_name = None
    # Bulk import page (owned by the imports app); None on lists that have no import.
    import_url = reverse_lazy("imports:home")
    filter_fields = None  # names shown in the filter bar; None shows every filter but HIDDEN_FILTERS
    page_size = 50
    extra_links = ()  # (label, url) shown beside the title
    # reports/exporters identifier of this list's export ("sentra", "ikm", ...): "Unduh XLSX / CSV" buttons.
    export_identifier = None
    search_narrowed = False

    def get_queryset(self):
        return type(self).selector(user=self.request.user)

    def get_filterset(self, queryset):
        filterset = self.filterset_class(self.request.GET or None, queryset=queryset, request=self.request)
        filterset.sorts_search_sample = True  # core.search.narrowed: this page counts and sorts a search's matches
        self.customise_filter_form(filterset.form)
        return filterset

    def customise_filter_form(self, form):
        wanted = self.filter_fields
        # Only the named filters are drawn; the others still apply when they are in the URL (API-style links).
        self.shown_filters = [
            name for name in (wanted if wanted is not None else form.fields) if name in form.fields and name not in HIDDEN_FILTERS
        ]
        if "commodity" in self.shown_filters:
            # The commodity catalogue is small (dozens), so a select is friendlier than a code box.
            choices = [("", _("Semua komoditas"))] + list(Commodity.objects.order_by("name").values_list("code", "name"))
            form.fields["commodity"].widget = forms.Select(choices=choices)
            form.fields["commodity"].label = _("Komoditas")
        if "region" in form.fields:
            # Province → kabupaten/kota → kecamatan selects over a code box, never a 91,599-row select; the first
            # choices come with the page (web.forms.RegionPickerWidget).
            form.fields["region"].widget = RegionPickerWidget(level=3, any_level=True, attrs={"placeholder": "53.05"})
            form.fields["region"].widget.user = self.request.user
            form.fields["region"].label = _("Wilayah")
        for field in (form.fields[name] for name in self.shown_filters):
            if isinstance(field, forms.ChoiceField) and not isinstance(field, forms.MultipleChoiceField) and field.choices:
                field.choices = [("", _("Semua")), *[c for c in field.choices if c[0] != ""]]
            if isinstance(field.widget, forms.SelectMultiple):
                field.widget = forms.CheckboxSelectMultiple(choices=field.choices)

    def page_number(self):
        try:
            return max(1, int(self.request.GET.get("page", "1")))
        except ValueError:
            return 1

    # --- order ----------------------------------------------------------------------------------------
    def sort_keys(self, queryset):
        """[(path, descending)] of the list's order, the primary key last; None when a key can be NULL
        (NULLs fall outside < and >, so such an order pages by offset, capped)."""
        keys, model = [], queryset.model
        for part in queryset.query.order_by or model._meta.ordering:
            if not isinstance(part, str):
                return None
            name = part.lstrip("-")
            name = model._meta.pk.name if name == "pk" else name
            keys.append((name, part.startswith("-")))
        if not any(name == model._meta.pk.name for name, _descending in keys):
            keys.append((model._meta.pk.name, keys[-1][1] if len(keys) == 1 else False))
        normalised = []
        for name, descending in keys:
            field = _final_field(model, name)
            if field is None or field.null:
                return None
            if field.is_relation and name.split("__")[-1] == field.name:
                # order_by("kabupaten_kota") sorts by the related code, the key the row holds as kabupaten_kota_id
                name = "__".join([*name.split("__")[:-1], field.attname])
            normalised.append((name, descending))
        return normalised

    def ordered(self, queryset, keys=None, reverse=False):
        # Pages need a total order, otherwise rows can repeat or vanish between pages.
        if keys is None:
            ordering = list(queryset.query.order_by or queryset.model._meta.ordering)
            return queryset.order_by(*ordering, "pk")
        terms = []
        for name, descending in keys:
            descending = descending != reverse
            # A search narrowed to its few thousand matches (core.search.narrowed) is sorted from those rows;
            # on the plain column the planner would walk the whole name index looking for them.
            column = _Unindexed(F(name), F(name)) if self.search_narrowed and name != "id" else F(name)
            terms.append(column.desc() if descending else column.asc())
        return queryset.order_by(*terms)

    # --- cursors --------------------------------------------------------------------------------------
    def encode_position(self, row, keys):
        values = []
        for name, _descending in keys:
            value = row
            for step in name.split("__"):
                value = getattr(value, step)
            values.append(value.isoformat() if hasattr(value, "isoformat") else str(value) if isinstance(value, Decimal) else value)
        return base64.urlsafe_b64encode(json.dumps(values, separators=(",", ":")).encode()).decode().rstrip("=")

    def decode_position(self, token, keys, model):
        """The sort values in a cursor, as their columns hold them; None when the cursor was tampered with."""
        try:
            values = json.loads(base64.urlsafe_b64decode(token + "=" * (-len(token) % 4)))
        except (ValueError, binascii.Error, UnicodeDecodeError):
            return None
        if not isinstance(values, list) or len(values) != len(keys):
            return None
        checked = []
        for (name, _descending), value in zip(keys, values):
            field = _final_field(model, name)
            if value is None or (isinstance(value, str) and "\x00" in value):
                return None
            if isinstance(value, int) and not -(2**63) <= value < 2**63:
                return None
            try:
                checked.append(field.to_python(value))
            except (ValidationError, ValueError, TypeError, OverflowError):
                return None
        return checked

    def beyond(self, keys, values, reverse=False):
        """Rows strictly after `values` in the order of `keys` (before them when `reverse`)."""
        directions = [descending != reverse for _name, descending in keys]
        names = [name for name, _descending in keys]
        if len(set(directions)) == 1 and not self.search_narrowed:
            # One direction: a row comparison, which PostgreSQL reads as a range of the (column, id) index.
            lookup = TupleLessThan if directions[0] else TupleGreaterThan
            return Q(lookup(tuple(F(name) for name in names), tuple(values)))
        condition = None
        for name, descending, value in reversed(list(zip(names, directions, values))):
            strict = Q(**{f"{name}__{'lt' if descending else 'gt'}": value})
            condition = strict if condition is None else strict | (Q(**{name: value}) & condition)
        return condition

    # --- page -----------------------------------------------------------------------------------------
    def page_rows(self, queryset):
        """(rows, links, notice) of the requested page: links has first/previous/next/last URLs and the page number."""
        params = self.request.GET
        keys = self.sort_keys(queryset)
        size = self.page_size
        if keys is None:
            return self.offset_page(queryset)
        after, before = params.get("after"), params.get("before")
        last = params.get("terakhir") == "1"
        position = None
        if after or before:
            position = self.decode_position(after or before, keys, queryset.model)
            if position is None:
                return self.first_page(queryset, keys, notice=_("Tautan halaman tidak berlaku lagi; ini halaman pertama."))
        elif not last and self.page_number() > 1:
            return self.offset_page(queryset, keys)
        backwards = bool(before) or last
        rows_qs = self.ordered(queryset, keys, reverse=backwards)
        if position is not None:
            rows_qs = rows_qs.filter(self.beyond(keys, position, reverse=backwards))
        rows = self.fetch(rows_qs, size + 1)
        more = len(rows) > size
        rows = rows[:size]
        if backwards:
            rows.reverse()
            has_previous, has_next = more, not last
        else:
            has_previous, has_next = position is not None, more
        return rows, self.links(rows, keys, has_previous, has_next), None

    def fetch(self, queryset, limit):
        """The first `limit` rows of `queryset`: the page's ids are found without the display joins, then those
        rows are read with them. In one query the planner sometimes joined every candidate to the region tree
        and the commodities before filtering and sorting: a sentra's 13 members took 1 s, a narrowed search's
        few thousand matches longer than the search itself."""
        ids = list(queryset.values_list("pk", flat=True)[:limit])
        by_id = {row.pk: row for row in self.get_queryset().order_by().filter(pk__in=ids)}
        return [by_id[pk] for pk in ids if pk in by_id]

    def first_page(self, queryset, keys, notice=None):
        rows = self.fetch(self.ordered(queryset, keys), self.page_size + 1)
        more = len(rows) > self.page_size
        rows = rows[: self.page_size]
        return rows, self.links(rows, keys, False, more), notice

    def links(self, rows, keys, has_previous, has_next):
        page = self.request.GET.get("page")
        known = page.isdigit() if page else not any(self.request.GET.get(name) for name in CURSOR_PARAMS)
        number = int(page) if page and page.isdigit() else 1
        return {
            "first": self.query_with(after=None, before=None, terakhir=None, page=None) if has_previous else None,
            "previous": self.query_with(after=None, terakhir=None, before=self.encode_position(rows[0], keys),
                                        page=str(number - 1) if known and number > 2 else None) if has_previous and rows else None,
            "next": self.query_with(before=None, terakhir=None, after=self.encode_position(rows[-1], keys),
                                    page=str(number + 1) if known else None) if has_next and rows else None,
            "last": self.query_with(after=None, before=None, page=None, terakhir="1") if has_next else None,
            "number": number if known else None,
            "is_last": self.request.GET.get("terakhir") == "1",
        }

    def offset_page(self, queryset, keys=None):
        """`?page=N` without a cursor: offset pages, as deep as MAX_OFFSET_PAGE."""
        page = self.page_number()
        if page > MAX_OFFSET_PAGE:
            notice = _(
                "Halaman %(page)s terlalu jauh untuk dibuka langsung (paling jauh halaman %(max)s). Gunakan tombol "
                "Berikutnya/Terakhir, persempit dengan filter atau pencarian, atau unduh CSV/XLSX untuk seluruh data."
            ) % {"page": page, "max": MAX_OFFSET_PAGE}
            return [], {"first": self.query_with(page=None), "number": None}, notice
        start = (page - 1) * self.page_size
        rows = list(self.ordered(queryset, keys)[start : start + self.page_size + 1])
        has_next = len(rows) > self.page_size
        rows = rows[: self.page_size]
        if keys is not None:
            links = self.links(rows, keys, page > 1, has_next)
            if page > 1:
                links["previous"] = self.query_with(page=str(page - 1) if page > 2 else None)
            return rows, links, None
        return rows, {
            "previous": self.query_with(page=page - 1) if page > 1 else None,
            "next": self.query_with(page=page + 1) if has_next and page < MAX_OFFSET_PAGE else None,
            "number": page,
        }, None

    def narrowed_further(self, filterset):
        """Whether a filter declared after the search (so not in its match count) is in force."""
        names = list(filterset.filters)
        later = names[names.index("q") + 1 :] if "q" in names else []
        return any(filterset.form.cleaned_data.get(name) not in (None, "", [], ()) for name in later if name != "ordering")

    def row_count(self, queryset):
        """(count, exact): exact up to COUNT_LIMIT, else (COUNT_LIMIT, False); (None, False) when too slow."""
        try:
            with statement_timeout(settings.LIST_COUNT_TIMEOUT_MS):
                counted = queryset.order_by().values("pk")[: COUNT_LIMIT + 1].count()
        except QueryTooSlow:
            return None, False
        return (counted, True) if counted <= COUNT_LIMIT else (COUNT_LIMIT, False)

    def query_with(self, **changes):
        params = self.request.GET.copy()
        for key, value in changes.items():
            if value is None:
                params.pop(key, None)
            else:
                params[key] = value
        return "?" + params.urlencode()

    def is_expensive(self):
        """A search: at most EXPENSIVE_REQUESTS_PER_USER of one user at a time (core/bounded.py)."""
        return bool((self.request.GET.get("q") or "").strip())

    def get(self, request, *args, **kwargs):
        if not self.is_expensive():
            return super().get(request, *args, **kwargs)
        try:
            with user_slot(request.user, "list"):
                response = super().get(request, *args, **kwargs)
                response.render()
                return response
        except TooManyAtOnce as refused:
            response = self.render_to_response(self.refused_context(refused.message))
            response.status_code = 429
            return response

    def refused_context(self, message):
        self.search_narrowed = False
        filterset = self.get_filterset(self.get_queryset().none())
        return self.base_context(filterset, [], {}, message, (None, False))

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        filterset = self.get_filterset(self.get_queryset())
        try:
            with statement_timeout():
                queryset = filterset.qs
                self.search_narrowed = getattr(filterset, "search_narrowed", False)
                notice = None
                overflow = getattr(filterset, "search_overflow", None)
                if overflow is not None:
                    if self.narrowed_further(filterset):
                        queryset = queryset.filter(pk__in=overflow.values("pk"))
                    else:
                        queryset = overflow.order_by(*queryset.query.order_by)
                    notice = _(
                        "Lebih dari %(limit)s data cocok dengan pencarian ini; yang diurutkan dan ditampilkan hanya "
                        "%(limit)s di antaranya. Tambahkan kata atau filter wilayah, atau unduh CSV/XLSX untuk semuanya."
                    ) % {"limit": f"{SELECTIVE_MATCHES:,}".replace(",", ".")}
                rows, links, page_notice = self.page_rows(queryset)
                matches = getattr(filterset, "search_matches", None)
                if overflow is not None:
                    count = (SELECTIVE_MATCHES, False)
                elif matches is not None and not self.narrowed_further(filterset):
                    count = (matches, True) if matches <= COUNT_LIMIT else (COUNT_LIMIT, False)
                else:
                    count = self.row_count(queryset)
        except QueryTooSlow as slow:
            rows, links, notice, page_notice, count = [], {}, slow.message, None, (None, False)
        context.update(self.base_context(filterset, rows, links, notice or page_notice, count))
        return context

    def base_context(self, filterset, rows, links, notice, count):
        current_order = self.request.GET.get("ordering", "")
        headers = []
        for column in self.columns:
            link = None
            if column.order:
                key = f"-{column.order}" if current_order == column.order else column.order
                link = self.query_with(ordering=key, page=None, after=None, before=None, terakhir=None)
            headers.append({"label": column.label, "link": link, "numeric": column.numeric,
                            "sorted": current_order.lstrip("-") == column.order if column.order else False,
                            "descending": current_order.startswith("-")})
        total, exact = count
        return dict(
            title=self.title,
            filterset=filterset,
            shown_filters=[filterset.form[name] for name in self.shown_filters],
            ordering=current_order,
            table=table(rows, self.columns, self.detail_url_name, empty=_("Tidak ada data yang cocok.")),
            headers=headers,
            page=links.get("number"),
            is_last_page=links.get("is_last", False),
            first_url=links.get("first"),
            previous_url=links.get("previous"),
            next_url=links.get("next"),
            last_url=links.get("last"),
            notice=notice,
            total=total,
            total_exact=exact,
            create_url=reverse(self.create_url_name) if self.create_url_name and self.request.user.can_edit_records else None,
            import_url=self.import_url if self.request.user.can_edit_records else None,
            extra_links=self.extra_links,
            export_links=self.export_links(),
            # Filters fold away on phones (list.html); the summary says how many are in force.
            active_filters=sum(1 for name in self.shown_filters if any(self.request.GET.getlist(name))),
        )

    def export_links(self):
        """XLSX and CSV of exactly the rows the filters show: the exporter runs the same FilterSet on the same
        query string (the page number aside), in the same scope."""
        if not self.export_identifier:
            return []
        params = self.request.GET.copy()
        for name in CURSOR_PARAMS:
            params.pop(name, None)
        query = params.urlencode()
        return [
            (label, reverse("reports:export", args=[self.export_identifier, extension]) + (f"?{query}" if query else ""))
            for label, extension in (("XLSX", "xlsx"), ("CSV", "csv"))
        ]


def _final_field(model, path):
    """The model field at the end of `path` ("allocation__fiscal_year"), or None."""
    field = None
    for step in path.split("__"):
        try:
            field = model._meta.get_field(step)
        except FieldDoesNotExist:
            try:
                field = next(f for f in model._meta.concrete_fields if f.attname == step)
            except StopIteration:
                return None
        if field.is_relation and step != path.split("__")[-1]:
            if field.null:
                return field
            model = field.related_model
    return field
