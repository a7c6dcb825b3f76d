"""List pages: one FilterSet per model (shared with the API), the user's scope, and pages without counts.

A page fetches page_size + 1 rows: the extra row only tells whether a "next" link is needed, so a list
of 100,000 records never runs COUNT(*). Queries per page stay constant (selectors select/prefetch).
"""

from django import forms
from django.contrib.auth.mixins import LoginRequiredMixin
from django.urls import reverse, reverse_lazy
from django.utils.translation import gettext_lazy as _
from django.views.generic import TemplateView

from commodities.models import Commodity

from .display import table
from .forms import RegionPickerWidget

HIDDEN_FILTERS = {"ordering", "updated_since"}


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

    def get_queryset(self):
        return type(self).selector(user=self.request.user)

    def get_filterset(self, queryset):
        filterset = self.filterset_class(self.request.GET or None, queryset=queryset, request=self.request)
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

    def ordered(self, queryset):
        # Offset pages need a total order, otherwise rows can repeat or vanish between pages.
        ordering = list(queryset.query.order_by or queryset.model._meta.ordering)
        return queryset.order_by(*ordering, "pk")

    def query_with(self, **changes):
        params = self.request.GET.copy()
        for key, value in changes.items():
            if value is None:
                params.pop(key, None)
            else:
                params[key] = value
        return "?" + params.urlencode()

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        filterset = self.get_filterset(self.get_queryset())
        page = self.page_number()
        start = (page - 1) * self.page_size
        rows = list(self.ordered(filterset.qs)[start : start + self.page_size + 1])
        has_next = len(rows) > self.page_size
        current_order = self.request.GET.get("ordering", "")
        headers = []
        for column in self.columns:
            link = None
            if column.order:
                key = f"-{column.order}" if current_order == column.order else column.order
                link = self.query_with(ordering=key, page=None)
            headers.append({"label": column.label, "link": link, "numeric": column.numeric,
                            "sorted": current_order.lstrip("-") == column.order if column.order else False,
                            "descending": current_order.startswith("-")})
        context.update(
            title=self.title,
            filterset=filterset,
            shown_filters=[filterset.form[name] for name in self.shown_filters],
            ordering=current_order,
            table=table(rows[: self.page_size], self.columns, self.detail_url_name, empty=_("Tidak ada data yang cocok.")),
            headers=headers,
            page=page,
            previous_url=self.query_with(page=page - 1) if page > 1 else None,
            next_url=self.query_with(page=page + 1) if has_next else None,
            create_url=reverse(self.create_url_name) if self.create_url_name and self.request.user.can_edit_records else None,
            import_url=self.import_url if self.request.user.can_edit_records else None,
            extra_links=self.extra_links,
            export_links=self.export_links(),
            # Filters fold away on phones (list.html); the summary says how many are in force.
            active_filters=sum(1 for name in self.shown_filters if any(self.request.GET.getlist(name))),
        )
        return context

    def export_links(self):
        """XLSX and CSV of exactly the rows the filters show: the exporter runs the same FilterSet on the same
        query string (the page number aside), in the same scope."""
        if not self.export_identifier:
            return []
        params = self.request.GET.copy()
        params.pop("page", None)
        query = params.urlencode()
        return [
            (label, reverse("reports:export", args=[self.export_identifier, extension]) + (f"?{query}" if query else ""))
            for label, extension in (("XLSX", "xlsx"), ("CSV", "csv"))
        ]
