from django import forms
from django.utils.translation import gettext_lazy as _

from commodities.models import Commodity
from sentra.selectors import sentra_list
from web.forms import RecordForm, RegionField

from .models import Certification, IkmUnit, ProgrammeParticipation, SentraMembership, YearlyFigure

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class IkmUnitForm(RecordForm):
    desa = RegionField(level=4, label=_("Desa/kelurahan"))

    class Meta:
        model = IkmUnit
        fields = [
            "name", "owner_name", "nib", "desa", "address", "commodity", "product", "workers_male", "workers_female",
            "workers_unsplit", "investment", "production_capacity", "capacity_unit", "production_value", "sales", "production_place",
        ]
        widgets = {"address": forms.Textarea(attrs={"rows": 2}), "nib": forms.TextInput(attrs={"inputmode": "numeric", "maxlength": 13})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["commodity"].queryset = Commodity.objects.order_by("name")
        self.fields["nib"].help_text = _("13 digit angka; kosongkan bila belum ada.")
        self.fields["workers_unsplit"].required = False  # most units know the split: empty means none

    def clean_workers_unsplit(self):
        value = self.cleaned_data.get("workers_unsplit")
        return 0 if value is None else value

    def clean_nib(self):
        return self.cleaned_data.get("nib") or None  # empty means "no NIB yet", stored as NULL (unique when present)


class CertificationForm(RecordForm):
    class Meta:
        model = Certification
        fields = ["kind", "number", "issued_on", "valid_until"]
        widgets = {"issued_on": DATE, "valid_until": DATE}


class ParticipationForm(RecordForm):
    class Meta:
        model = ProgrammeParticipation
        fields = ["programme", "year", "note"]


class MembershipForm(RecordForm):
    """Join a sentra, named by its code (a sentra list can be national-size, so no dropdown)."""

    sentra = forms.ModelChoiceField(
        queryset=None, to_field_name="code", label=_("Kode sentra"), widget=forms.TextInput(attrs={"placeholder": "SNT-00001"}),
        error_messages={"invalid_choice": _("Sentra dengan kode ini tidak ditemukan di wilayah kerja Anda.")},
    )

    class Meta:
        model = SentraMembership
        fields = ["sentra", "joined_on"]
        widgets = {"joined_on": DATE}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["sentra"].queryset = sentra_list(user=self.user).prefetch_related(None)


class YearlyFigureForm(RecordForm):
    class Meta:
        model = YearlyFigure
        fields = [
            "year", "unit_count", "workers_male", "workers_female", "workers_total", "production_volume", "volume_unit",
            "production_value", "sales", "investment", "source",
        ]


class MembershipEndForm(RecordForm):
    """Record that a unit left a sentra; the rooms it still holds there are vacated by the service."""

    class Meta:
        model = SentraMembership
        fields = ["left_on"]
        widgets = {"left_on": DATE}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["left_on"].required = True
