"""One FilterSet per census model, shared by the pages, the API and the export."""

import django_filters
from django.utils.translation import gettext_lazy as _

from core.filters import IdFilter, RegionCodeFilter, UpdatedSinceFilter

from .models import FoundStatus, ItemState, Round, Visit, WorklistItem


class RoundFilterSet(django_filters.FilterSet):
    year = django_filters.NumberFilter(label=_("Tahun"))

    class Meta:
        model = Round
        fields = ["year"]


class WorklistItemFilterSet(django_filters.FilterSet):
    round = IdFilter(field_name="round_id", label=_("Putaran (ID)"))
    region = RegionCodeFilter(path="sentra__desa")  # a kecamatan or desa too, not only a kabupaten
    state = django_filters.MultipleChoiceFilter(choices=ItemState.choices, label=_("Keadaan"))
    found_status = django_filters.MultipleChoiceFilter(choices=FoundStatus.choices, label=_("Status ditemukan"))
    updated_since = UpdatedSinceFilter()

    class Meta:
        model = WorklistItem
        fields = []


class VisitFilterSet(django_filters.FilterSet):
    round = IdFilter(field_name="item__round_id", label=_("Putaran (ID)"))
    item = IdFilter(field_name="item_id", label=_("Butir (ID)"))
    region = RegionCodeFilter(path="item__sentra__desa")
    found_status = django_filters.MultipleChoiceFilter(choices=FoundStatus.choices, label=_("Status ditemukan"))

    class Meta:
        model = Visit
        fields = []
