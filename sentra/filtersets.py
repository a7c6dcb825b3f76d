import django_filters
from django import forms
from django.db.models import Exists, OuterRef
from django.utils.translation import gettext_lazy as _

from core.filters import RegionCodeFilter, UpdatedSinceFilter, VerifiedFilter, search_filter

from .models import Sentra, SentraStatus


def dak_funded(queryset, name, value):
    """Sentra with (true) or without (false) a DAK Fisik activity linked to them."""
    if value is None:
        return queryset
    # funding.DakActivity through the reverse relation: the sentra app never imports the funding app above it.
    activity = Sentra._meta.get_field("dak_activities").related_model
    funded = Exists(activity.objects.filter(sentra=OuterRef("pk")))
    return queryset.filter(funded if value else ~funded)


class SentraFilterSet(django_filters.FilterSet):
    region = RegionCodeFilter(path="desa")
    commodity = django_filters.CharFilter(field_name="commodities__code", label=_("Komoditas (kode)"), distinct=True)
    commodity_group = django_filters.CharFilter(
        field_name="commodities__group__code", label=_("Kelompok komoditas (kode)"), distinct=True
    )
    priority = django_filters.BooleanFilter(field_name="commodities__is_priority", label=_("Komoditas prioritas"), distinct=True)
    status = django_filters.MultipleChoiceFilter(choices=SentraStatus.choices, label=_("Status"))
    founded_from = django_filters.NumberFilter(field_name="founding_year", lookup_expr="gte", label=_("Berdiri sejak tahun"))
    founded_to = django_filters.NumberFilter(field_name="founding_year", lookup_expr="lte", label=_("Berdiri sampai tahun"))
    dak_funded = django_filters.BooleanFilter(
        method=dak_funded, label=_("Didanai DAK"),
        widget=forms.Select(choices=[("", _("Semua")), ("true", _("Ya")), ("false", _("Tidak"))]),
    )
    verified = VerifiedFilter()
    updated_since = UpdatedSinceFilter()
    q = search_filter("name", "code", "manager_name")
    ordering = django_filters.OrderingFilter(
        fields=(("code", "code"), ("name", "name"), ("status", "status"), ("updated_at", "updated_at"), ("last_verified_at", "last_verified_at")),
        label=_("Urutan"),
    )

    class Meta:
        model = Sentra
        fields = ["origin", "manager_type"]
