import django_filters
from django.utils.translation import gettext_lazy as _

from core.filters import RegionCodeFilter, UpdatedSinceFilter, search_filter

from .models import FundingSource, Machine, MachineCondition, Room, RoomState


class RoomFilterSet(django_filters.FilterSet):
    region = RegionCodeFilter(path="sentra__desa")
    sentra = django_filters.CharFilter(field_name="sentra__code", label=_("Kode sentra"))
    state = django_filters.MultipleChoiceFilter(choices=RoomState.choices, label=_("Keadaan"))
    updated_since = UpdatedSinceFilter()
    q = search_filter("name", "sentra__name", "occupant__name")

    class Meta:
        model = Room
        fields = []


class MachineFilterSet(django_filters.FilterSet):
    region = RegionCodeFilter(path="sentra__desa")
    sentra = django_filters.CharFilter(field_name="sentra__code", label=_("Kode sentra"))
    equipment_type = django_filters.CharFilter(field_name="equipment_type__code", label=_("Jenis (kode)"))
    condition = django_filters.MultipleChoiceFilter(choices=MachineCondition.choices, label=_("Kondisi"))
    funding_source = django_filters.ChoiceFilter(choices=[*FundingSource.choices, ("none", _("Tanpa sumber dana"))], method="filter_funding", label=_("Sumber dana"))
    year_acquired = django_filters.NumberFilter(label=_("Tahun pengadaan"))
    updated_since = UpdatedSinceFilter()
    q = search_filter("description", "equipment_type__name", "sentra__name")

    class Meta:
        model = Machine
        fields = []

    def filter_funding(self, queryset, name, value):
        if not value:
            return queryset
        return queryset.filter(funding_source="" if value == "none" else value)
