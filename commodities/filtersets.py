import django_filters
from django.utils.translation import gettext_lazy as _

from core.filters import search_filter

from .models import Commodity


class CommodityFilterSet(django_filters.FilterSet):
    group = django_filters.CharFilter(field_name="group__code", label=_("Kelompok (kode)"))
    kbli = django_filters.CharFilter(field_name="kbli_code", label=_("Kode KBLI"))
    q = search_filter("name", "code", "kbli_code")

    class Meta:
        model = Commodity
        fields = ["is_priority"]
