import django_filters
from django.utils.translation import gettext_lazy as _

from core.filters import RegionCodeFilter, search_filter

from .models import Region


class RegionFilterSet(django_filters.FilterSet):
    within = RegionCodeFilter(path="", label=_("Di dalam wilayah"))
    parent = django_filters.CharFilter(field_name="parent_id", label=_("Kode induk"))
    level = django_filters.ChoiceFilter(choices=Region.Level.choices, label=_("Tingkat"))
    q = search_filter("name", "code")

    class Meta:
        model = Region
        fields = ["kind"]
