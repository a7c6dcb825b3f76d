"""One FilterSet per census model, shared by the pages, the API and the export."""

import django_filters
from django.utils.translation import gettext_lazy as _

from core.filters import RegionCodeFilter

from .models import FoundStatus, ItemState, Round, Visit, WorklistItem


class RoundFilterSet(django_filters.FilterSet):
    year = django_filters.NumberFilter(label=_("Tahun"))

    class Meta:
        model = Round
        fields = ["year"]


class WorklistItemFilterSet(django_filters.FilterSet):
    round = django_filters.NumberFilter(field_name="round_id", label=_("Putaran (ID)"))
    region = RegionCodeFilter(path="kabupaten")
    state = django_filters.MultipleChoiceFilter(choices=ItemState.choices, label=_("Keadaan"))
    found_status = django_filters.MultipleChoiceFilter(choices=FoundStatus.choices, label=_("Status ditemukan"))
    updated_since = django_filters.IsoDateTimeFilter(field_name="updated_at", lookup_expr="gte", label=_("Diubah sejak (ISO 8601)"))

    class Meta:
        model = WorklistItem
        fields = []


class VisitFilterSet(django_filters.FilterSet):
    round = django_filters.NumberFilter(field_name="item__round_id", label=_("Putaran (ID)"))
    item = django_filters.NumberFilter(field_name="item_id", label=_("Butir (ID)"))
    region = RegionCodeFilter(path="item__kabupaten")
    found_status = django_filters.MultipleChoiceFilter(choices=FoundStatus.choices, label=_("Status ditemukan"))

    class Meta:
        model = Visit
        fields = []
