import django_filters
from django.utils.translation import gettext_lazy as _

from core.filters import RegionCodeFilter, UpdatedSinceFilter, search_filter

from .models import DakActivity, DakAllocation


class DakAllocationFilterSet(django_filters.FilterSet):
    region = RegionCodeFilter(path="kabupaten_kota")
    year = django_filters.NumberFilter(field_name="fiscal_year", label=_("Tahun anggaran"))
    year_from = django_filters.NumberFilter(field_name="fiscal_year", lookup_expr="gte", label=_("Dari tahun"))
    year_to = django_filters.NumberFilter(field_name="fiscal_year", lookup_expr="lte", label=_("Sampai tahun"))
    updated_since = UpdatedSinceFilter()
    ordering = django_filters.OrderingFilter(
        fields=(("fiscal_year", "year"), ("kabupaten_kota", "region"), ("pagu", "pagu")), label=_("Urutan")
    )

    class Meta:
        model = DakAllocation
        fields = []


class DakActivityFilterSet(django_filters.FilterSet):
    region = RegionCodeFilter(path="allocation__kabupaten_kota")
    year = django_filters.NumberFilter(field_name="allocation__fiscal_year", label=_("Tahun anggaran"))
    menu = django_filters.CharFilter(field_name="menu__code", label=_("Menu kegiatan (kode)"))
    sentra = django_filters.CharFilter(field_name="sentra__code", label=_("Kode sentra"))
    updated_since = UpdatedSinceFilter()
    q = search_filter("description", "sentra__name")

    class Meta:
        model = DakActivity
        fields = []
