"""Form building blocks: the hidden `version` every edit form carries, and service errors shown inline.

Every text a record form receives is normalised by core.text.normalise_text (multi-line where the widget is a
text area: addresses, notes) before any check, the same normaliser the API and the import use. Uniqueness is
left to the services (core.uniqueness), which only say "already registered" about records in the user's scope.
"""

from django import forms
from django.core.exceptions import ValidationError
from django.db.models import UniqueConstraint
from django.utils.translation import gettext_lazy as _

from accounts.scope import region_q, scope_code
from core.text import normalise_text
from regions.models import Region


MAX_VERSION = 2**31 - 1  # the version column's range: anything else is a tampered form


class RecordForm(forms.ModelForm):
    """A ModelForm that validates only; the view hands `service_data()` to the app's service to write.

    `version` is the record version the user opened; the service compares it to refuse a lost update.
    """

    version = forms.IntegerField(widget=forms.HiddenInput, required=False, min_value=1, max_value=MAX_VERSION)
    # Set only on the page shown after a conflict: the version the user had opened (web/merge.py).
    base_version = forms.IntegerField(widget=forms.HiddenInput, required=False, min_value=1, max_value=MAX_VERSION)

    def __init__(self, *args, user, parent=None, **kwargs):
        self.user = user
        self.parent = parent  # the record a child is created under (sentra of a room, unit of a certificate)
        super().__init__(*args, **kwargs)
        if self.instance.pk and not self.is_bound:
            self.initial["version"] = self.instance.version
        limit_region_fields(self)
        if self.is_bound:
            self.data = normalised_data(self)

    def extra_merge_values(self, record_pk, at):
        """{form field: value} of fields that are not columns of the model (a sentra's commodities), for the
        three-way merge after a conflict (web/merge.py): of record `record_pk` as stored now (`at` None) or
        at the moment `at`."""
        return {}

    def validate_unique(self):
        pass  # the service checks uniqueness, knowing whether the clashing record is the user's to see

    def validate_constraints(self):
        exclude = self._get_validation_exclusions()
        model = self._meta.model
        for constraint in model._meta.constraints:
            if isinstance(constraint, UniqueConstraint):
                continue
            try:
                constraint.validate(model, self.instance, exclude=exclude)
            except ValidationError as error:
                self._update_errors(error)

    def service_data(self):
        # Plain columns only: many-to-many links (commodities, rooms paid for) go to the service as their own arguments.
        model_fields = {f.name for f in self._meta.model._meta.get_fields() if f.concrete and not f.many_to_many}
        return {name: value for name, value in self.cleaned_data.items() if name in model_fields and name in self._meta.fields}

    def add_service_error(self, error):
        """Place a ValidationError raised by a service next to the field it is about (or on top)."""
        if hasattr(error, "error_dict"):
            for field, errors in error.error_dict.items():
                target = field if field in self.fields else None
                for item in errors:
                    self.add_error(target, item)
        else:
            self.add_error(None, error)


def normalised_data(form):
    """A copy of the form's data with every text field normalised (core.text); NUL bytes are left for the
    field's own validator to refuse with its message."""
    data = form.data.copy()
    for name, field in form.fields.items():
        if not isinstance(field, forms.CharField):
            continue
        key = form.add_prefix(name)
        value = data.get(key)
        if isinstance(value, str) and "\x00" not in value:
            data[key] = normalise_text(value, multiline=isinstance(field.widget, forms.Textarea))
    return data


class RegionPickerWidget(forms.TextInput):
    """A region-code box drawn as province → ... → desa selects, their first choices rendered with the page.

    The page carries the choices along the current value (one query, web.regions.picker_levels), so a form or
    list opens without a single request from the browser; static/web/region-picker.js asks /wilayah/anak/ only
    when the user changes a select, for that one next level. The page never carries the 83,762 desa. Without
    JavaScript the selects stay hidden and the user types the code (html.js, set by web/js-flag.js).
    """

    template_name = "web/widgets/region_picker.html"
    LEVEL_LABELS = (_("Provinsi"), _("Kabupaten/Kota"), _("Kecamatan"), _("Desa/Kelurahan"))

    def __init__(self, level=4, attrs=None, any_level=False):
        base = {"data-region-picker": str(level), "placeholder": "53.05.03.2001", "class": "region-code"}
        if any_level:
            base["data-any-level"] = ""  # filters accept any level (53.05 = the whole kabupaten)
        super().__init__(attrs={**base, **(attrs or {})})
        self.level = level
        self.any_level = any_level
        self.user = None  # set by RegionField.limit_to / the list view: the choices depend on the user's scope

    def get_context(self, name, value, attrs):
        from .regions import picker_levels

        context = super().get_context(name, value, attrs)
        levels, chosen = picker_levels(self.user, context["widget"]["value"] or "", self.level)
        if not context["widget"]["value"] and not self.any_level and len(chosen.split(".")) == self.level:
            context["widget"]["value"] = chosen  # the one desa of the user's scope: filled in, as before
        element_id = context["widget"]["attrs"].get("id") or name
        context["widget"]["levels"] = [
            {**level, "label": label, "id": f"{element_id}_level{index}", "disabled": not level["options"]}
            for index, (label, level) in enumerate(zip(self.LEVEL_LABELS, levels), start=1)
        ]
        context["widget"]["choose"] = _("— pilih —")
        return context


class RegionField(forms.ModelChoiceField):
    """A region of a given level inside the user's scope, entered by code."""

    def __init__(self, *, level=4, **kwargs):
        kwargs.setdefault("widget", RegionPickerWidget(level=level))
        super().__init__(queryset=Region.objects.filter(level=level), **kwargs)
        self.level = level
        self.error_messages["invalid_choice"] = _region_error(level)

    def limit_to(self, user):
        self.widget.user = user
        scope = scope_code(user)
        regions = Region.objects.filter(level=self.level)
        self.queryset = regions.none() if scope is None else regions.filter(region_q(scope, ""))


def _region_error(level):
    from django.utils.translation import gettext_lazy as _

    if level == 2:
        return _("Kabupaten/kota tidak ditemukan di wilayah kerja Anda. Pilih dari daftar atau ketik kodenya (contoh 53.05).")
    return _("Desa/kelurahan tidak ditemukan di wilayah kerja Anda. Pilih dari daftar atau ketik kodenya (contoh 53.05.03.2001).")


def limit_region_fields(form):
    for field in form.fields.values():
        if isinstance(field, RegionField):
            field.limit_to(form.user)
