from django.contrib import admin

from core.admin import CatalogueAdmin, RegistryAdmin

from .models import Certification, IkmUnit, Programme, ProgrammeParticipation, SentraMembership, YearlyFigure


class CertificationInline(admin.TabularInline):
    model = Certification
    extra = 0


class MembershipInline(admin.TabularInline):
    model = SentraMembership
    extra = 0
    raw_id_fields = ["sentra"]


class ParticipationInline(admin.TabularInline):
    model = ProgrammeParticipation
    extra = 0


@admin.register(IkmUnit)
class IkmUnitAdmin(RegistryAdmin):
    list_display = ["name", "nib", "owner_name", "commodity", "desa", "workers_male", "workers_female", "investment", "deleted_at"]
    list_filter = ["commodity__group", "production_place", "commodity__is_priority", ("deleted_at", admin.EmptyFieldListFilter)]
    search_fields = ["name", "nib", "owner_name", "product", "desa__code"]
    raw_id_fields = ["desa"]
    autocomplete_fields = ["commodity"]
    readonly_fields = ["version", "created_at", "updated_at", "last_verified_at", "last_verified_by", "deleted_at"]
    inlines = [MembershipInline, CertificationInline, ParticipationInline]
    list_select_related = ["commodity", "desa"]


@admin.register(SentraMembership)
class SentraMembershipAdmin(RegistryAdmin):
    list_display = ["ikm", "sentra", "joined_on", "left_on"]
    list_filter = [("left_on", admin.EmptyFieldListFilter)]
    search_fields = ["ikm__name", "ikm__nib", "sentra__code", "sentra__name"]
    raw_id_fields = ["ikm", "sentra"]


@admin.register(Certification)
class CertificationAdmin(RegistryAdmin):
    list_display = ["kind", "number", "ikm", "issued_on", "valid_until"]
    list_filter = ["kind"]
    search_fields = ["number", "ikm__name", "ikm__nib"]
    raw_id_fields = ["ikm"]


@admin.register(Programme)
class ProgrammeAdmin(CatalogueAdmin):
    list_display = ["code", "name"]
    search_fields = ["code", "name"]
    list_filter = ["name"]


@admin.register(ProgrammeParticipation)
class ProgrammeParticipationAdmin(RegistryAdmin):
    list_display = ["ikm", "programme", "year"]
    list_filter = ["programme", "year"]
    search_fields = ["ikm__name", "ikm__nib"]
    raw_id_fields = ["ikm"]


@admin.register(YearlyFigure)
class YearlyFigureAdmin(RegistryAdmin):
    list_display = ["year", "sentra", "ikm", "region", "workers_total", "production_volume", "volume_unit", "production_value", "sales"]
    list_filter = ["year"]
    search_fields = ["sentra__name", "sentra__code", "ikm__name", "ikm__nib", "region__code"]
    raw_id_fields = ["sentra", "ikm", "region"]
