import django_filters
from django.db.models import Exists, F, OuterRef, Q
from django.utils.translation import gettext_lazy as _

from core.filters import IdFilter, RegionCodeFilter, UpdatedSinceFilter, VerifiedFilter, search_filter

from .models import (
    Certification, CertificationKind, IkmClass, IkmUnit, ProgrammeParticipation, SentraMembership, YearlyFigure,
)
from .models.unit import MEDIUM_INVESTMENT_LIMIT, SMALL_INVESTMENT_LIMIT, SMALL_MAX_WORKERS


def class_q(value):
    """Units of class `value`, written on the columns (the same rule as IkmUnitQuerySet.with_class): a large
    class is read from the (investment, id) index instead of computing the class of a million units."""
    workers = F("workers_male") + F("workers_female") + F("workers_unsplit")
    small_staff = Q(_class_workers__lte=SMALL_MAX_WORKERS)
    kecil = Q(investment__lt=SMALL_INVESTMENT_LIMIT) & small_staff
    # investment > M, or investment >= M with a small staff: both start at investment >= M (the index range)
    besar = Q(investment__gte=MEDIUM_INVESTMENT_LIMIT) & (Q(investment__gt=MEDIUM_INVESTMENT_LIMIT) | small_staff)
    condition = {IkmClass.KECIL.value: kecil, IkmClass.BESAR.value: besar, IkmClass.MENENGAH.value: ~kecil & ~besar}[value]
    return workers, condition


class IkmUnitFilterSet(django_filters.FilterSet):
    region = RegionCodeFilter(path="desa")
    commodity = django_filters.CharFilter(field_name="commodity__code", label=_("Komoditas (kode)"))
    commodity_group = django_filters.CharFilter(field_name="commodity__group__code", label=_("Kelompok komoditas (kode)"))
    priority = django_filters.BooleanFilter(field_name="commodity__is_priority", label=_("Komoditas prioritas"))
    nib = django_filters.CharFilter(field_name="nib", label=_("NIB"))
    sentra = django_filters.CharFilter(method="filter_sentra", label=_("Kode sentra (anggota aktif)"))
    certification = django_filters.ChoiceFilter(
        choices=CertificationKind.choices, method="filter_certification", label=_("Memiliki sertifikasi")
    )
    programme = django_filters.CharFilter(method="filter_programme", label=_("Program (kode)"))
    ikm_class = django_filters.ChoiceFilter(choices=IkmClass.choices, method="filter_class", label=_("Kelas industri"))
    production_place = django_filters.CharFilter(field_name="production_place", label=_("Tempat produksi"))
    verified = VerifiedFilter()
    updated_since = UpdatedSinceFilter()
    q = search_filter("name", "nib", "owner_name", "product")
    ordering = django_filters.OrderingFilter(
        fields=(("name", "name"), ("nib", "nib"), ("investment", "investment"), ("updated_at", "updated_at"), ("id", "id")),
        label=_("Urutan"),
    )

    class Meta:
        model = IkmUnit
        fields = []

    # Related filters as EXISTS, not a join with DISTINCT: DISTINCT needed every matching unit before the first page
    # could be sorted (287 ms for "halal" at a million units); EXISTS lets the list stop after one page.
    def filter_sentra(self, queryset, name, value):
        if not value:
            return queryset
        # A sentra has tens or hundreds of members: read them, then the units by id.
        members = SentraMembership.objects.filter(sentra__code=value, left_on__isnull=True).values("ikm_id")
        return queryset.filter(pk__in=members)

    def filter_certification(self, queryset, name, value):
        return queryset.filter(Exists(Certification.objects.filter(ikm=OuterRef("pk"), kind=value))) if value else queryset

    def filter_programme(self, queryset, name, value):
        if not value:
            return queryset
        return queryset.filter(Exists(ProgrammeParticipation.objects.filter(ikm=OuterRef("pk"), programme__code=value)))

    def filter_class(self, queryset, name, value):
        if not value:
            return queryset
        workers, condition = class_q(value)
        return queryset.alias(_class_workers=workers).filter(condition)


class SentraMembershipFilterSet(django_filters.FilterSet):
    region = RegionCodeFilter(path="ikm__desa")
    sentra = django_filters.CharFilter(field_name="sentra__code", label=_("Kode sentra"))
    nib = django_filters.CharFilter(field_name="ikm__nib", label=_("NIB"))
    current = django_filters.BooleanFilter(field_name="left_on", lookup_expr="isnull", label=_("Masih anggota"))
    ikm = IdFilter(field_name="ikm_id", label=_("ID unit IKM"))
    updated_since = UpdatedSinceFilter()

    class Meta:
        model = SentraMembership
        fields = []


class CertificationFilterSet(django_filters.FilterSet):
    region = RegionCodeFilter(path="ikm__desa")
    kind = django_filters.ChoiceFilter(choices=CertificationKind.choices, label=_("Jenis"))
    nib = django_filters.CharFilter(field_name="ikm__nib", label=_("NIB"))
    valid_on = django_filters.DateFilter(method="filter_valid_on", label=_("Berlaku pada tanggal"))
    updated_since = UpdatedSinceFilter()
    q = search_filter("number", "ikm__name")
    ikm = IdFilter(field_name="ikm_id", label=_("ID unit IKM"))

    class Meta:
        model = Certification
        fields = []

    def filter_valid_on(self, queryset, name, value):
        from django.db.models import Q

        return queryset.filter(Q(valid_until__isnull=True) | Q(valid_until__gte=value)) if value else queryset


class YearlyFigureFilterSet(django_filters.FilterSet):
    region = RegionCodeFilter(path="region")
    year = django_filters.NumberFilter(label=_("Tahun"))
    year_from = django_filters.NumberFilter(field_name="year", lookup_expr="gte", label=_("Dari tahun"))
    year_to = django_filters.NumberFilter(field_name="year", lookup_expr="lte", label=_("Sampai tahun"))
    subject = django_filters.ChoiceFilter(
        choices=[("sentra", _("Sentra")), ("ikm", _("Unit IKM"))], method="filter_subject", label=_("Subjek")
    )
    sentra = django_filters.CharFilter(field_name="sentra__code", label=_("Kode sentra"))
    nib = django_filters.CharFilter(field_name="ikm__nib", label=_("NIB"))
    updated_since = UpdatedSinceFilter()
    ordering = django_filters.OrderingFilter(fields=(("year", "year"), ("id", "id")), label=_("Urutan"))

    class Meta:
        model = YearlyFigure
        fields = []

    def filter_subject(self, queryset, name, value):
        return queryset.filter(**{f"{value}__isnull": False}) if value else queryset
