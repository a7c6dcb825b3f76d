from django import forms
from django.utils.translation import gettext_lazy as _

from commodities.models import Commodity
from sentra.filtersets import SentraFilterSet
from sentra.selectors import sentra_list
from web.coordinates import COORDINATE_FIELDS, LocationCheckMixin, coordinate_widgets
from web.forms import RecordForm, RegionField
from web.pickers import PickField, offer

from .filtersets import IkmUnitFilterSet
from .selectors import ikm_list

from .models import Certification, IkmUnit, ProgrammeParticipation, SentraMembership, YearlyFigure

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class IkmUnitForm(LocationCheckMixin, RecordForm):
    location_kind = "ikm"
    desa = RegionField(level=4, label=_("Desa/kelurahan"))

    class Meta:
        model = IkmUnit
        fields = [
            "name", "owner_name", "nib", "desa", "address", "latitude", "longitude", "commodity", "product", "workers_male", "workers_female",
            "workers_unsplit", "investment", "production_capacity", "capacity_unit", "production_value", "sales", "production_place",
        ]
        widgets = {
            "address": forms.Textarea(attrs={"rows": 2}), "nib": forms.TextInput(attrs={"inputmode": "numeric", "maxlength": 13}),
            **coordinate_widgets(),
        }
        field_classes = COORDINATE_FIELDS

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


def describe_sentra(sentra):
    desa = sentra.desa
    kabupaten = desa.parent.parent if desa.parent_id and desa.parent.parent_id else None
    return f"{sentra.name} ({sentra.code}) · {desa.name}{', ' + kabupaten.name if kabupaten else ''}"


def describe_unit(unit):
    nib = f" · NIB {unit.nib}" if unit.nib else ""
    return f"{unit.name}{nib} · {unit.owner_name or '—'} · {unit.desa.name}"


class MembershipForm(RecordForm):
    """An IKM unit joins a sentra: search the sentra by name or code in the user's scope, then pick it.

    The posted value is the sentra code (a partner or a test can still post a known code directly).
    """

    sentra = PickField(label=_("Sentra"), to_field_name="code")

    class Meta:
        model = SentraMembership
        fields = ["sentra", "joined_on"]
        widgets = {"joined_on": DATE}

    def offer_choices(self, search):
        current = self.parent.memberships.filter(left_on__isnull=True).values("sentra_id") if self.parent else None
        scope = sentra_list(user=self.user).prefetch_related(None)
        return offer(self.fields["sentra"], scope=scope, filterset_class=SentraFilterSet, search=search, describe=describe_sentra,
                     exclude=current)


class SentraMemberForm(RecordForm):
    """A sentra gains a member: search an IKM unit of the user's scope by name, NIB or owner, then pick it."""

    ikm = PickField(label=_("Unit IKM"))

    class Meta:
        model = SentraMembership
        fields = ["ikm", "joined_on"]
        widgets = {"joined_on": DATE}

    def offer_choices(self, search):
        current = self.parent.memberships.filter(left_on__isnull=True).values("ikm_id") if self.parent else None
        scope = ikm_list(user=self.user).select_related(None).select_related("desa")
        return offer(self.fields["ikm"], scope=scope, filterset_class=IkmUnitFilterSet, search=search, describe=describe_unit,
                     exclude=current)


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
