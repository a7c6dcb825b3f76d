"""Choosing one record out of thousands without a dropdown of thousands: search, then pick from a short list.

A kabupaten can hold tens of thousands of IKM units and the country 11,000 sentra, so a <select> of the
scope is out; a typed code is unfriendly (who knows "DEMO-5305-002" by heart?). The picker is a search box
(a GET, so it works without JavaScript and on slow connections) and radio buttons for at most `limit`
matches found by the model's own FilterSet `q` (the list pages' search), inside the user's scope. The field
still validates the posted value against the whole scope, so a hand-made POST cannot reach outside it.
"""

from django import forms
from django.utils.translation import gettext_lazy as _

PICK_LIMIT = 25


class PickField(forms.ModelChoiceField):
    """A ModelChoiceField drawn as radio buttons over the search results only."""

    widget = forms.RadioSelect

    def __init__(self, *, label, to_field_name=None, **kwargs):
        kwargs.setdefault("error_messages", {})
        kwargs["error_messages"].setdefault("invalid_choice", _("Pilihan tidak ditemukan di wilayah kerja Anda. Cari lalu pilih dari daftar."))
        kwargs["error_messages"].setdefault("required", _("Cari lalu pilih salah satu dari daftar."))
        super().__init__(queryset=None, label=label, to_field_name=to_field_name, empty_label=None, **kwargs)


def offer(field, *, scope, filterset_class, search, describe, exclude=None, limit=PICK_LIMIT):
    """Limit `field` to `scope` and show the first `limit` matches of `search` as its choices.

    Returns (shown, more): how many are offered and whether more matched (the user should narrow the search).
    """
    field.queryset = scope
    candidates = scope if exclude is None else scope.exclude(pk__in=exclude)
    search = (search or "").strip()
    if search:
        candidates = filterset_class(data={"q": search}, queryset=candidates).qs
    rows = list(candidates.order_by("name", "pk")[: limit + 1])
    key = field.to_field_name or "pk"
    field.choices = [(getattr(row, key), describe(row)) for row in rows[:limit]]
    return len(field.choices), len(rows) > limit


class PickerFormMixin:
    """For a RecordFormView whose form has `offer_choices(search)`: the search box above the form."""

    template_name = "web/pick_form.html"
    pick_field = None  # name of the PickField
    search_label = ""
    search_help = ""

    def search_term(self):
        source = self.request.POST if self.request.method == "POST" else self.request.GET
        return (source.get("q") or "").strip()[:100]

    def get_form(self, data=None):
        form = super().get_form(data)
        self.offered, self.more = form.offer_choices(self.search_term())
        return form

    def keep_params(self):
        """Query parameters the search box must carry along (the parent record: ?ikm= or ?sentra=)."""
        return [(name, value) for name, value in self.request.GET.items() if name != "q"]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(
            pick_field=self.pick_field, search=self.search_term(), search_label=self.search_label, search_help=self.search_help,
            offered=self.offered, more=self.more, limit=PICK_LIMIT, keep_params=self.keep_params(),
        )
        return context
