"""Filters shared by the FilterSets of every app (UI lists, API and exports use the same FilterSets)."""

import re
from datetime import timedelta

import django_filters
from django_filters.fields import IsoDateTimeField
from django.conf import settings
from django.core.validators import RegexValidator
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from accounts.scope import region_q

region_code_validator = RegexValidator(
    r"^[0-9]{2}(\.[0-9]{2}(\.[0-9]{2}(\.[0-9]{4})?)?)?\Z", _("Kode wilayah tidak dikenal (contoh: 53, 53.05, 53.05.03).")
)


class RegionCodeFilter(django_filters.CharFilter):
    """Rows inside a region given by its Kemendagri code (53.05 covers every kecamatan and desa below it)."""

    def __init__(self, *args, path, **kwargs):
        kwargs.setdefault("label", _("Kode wilayah"))
        kwargs.setdefault("validators", [region_code_validator])
        super().__init__(*args, **kwargs)
        self.path = path

    def filter(self, qs, value):
        if not value:
            return qs
        return qs.filter(region_q(value, self.path))


# "2026-01-31T10:00:00+07:00" written into a URL without encoding arrives as "...10:00:00 07:00" (a + in a
# query string means a space). Nothing else can put a space there, so it is read as the + it was.
UNENCODED_PLUS = re.compile(r"^(\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d{1,6})?)?) (\d{2}(?::?\d{2})?)$")


class OffsetTolerantIsoDateTimeField(IsoDateTimeField):
    """ISO 8601 date-time; an offset whose + was not URL-encoded is read as +. Without an offset the time is
    read in the server's TIME_ZONE (Asia/Jakarta, WIB, +07:00): docs/api.md asks clients to always send one."""

    def to_python(self, value):
        if isinstance(value, str):
            value = UNENCODED_PLUS.sub(r"\1+\2", value.strip())
        return super().to_python(value)


class UpdatedSinceFilter(django_filters.IsoDateTimeFilter):
    field_class = OffsetTolerantIsoDateTimeField

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("field_name", "updated_at")
        kwargs.setdefault("lookup_expr", "gte")
        kwargs.setdefault("label", _("Diubah sejak (ISO 8601)"))
        super().__init__(*args, **kwargs)


class VerifiedFilter(django_filters.ChoiceFilter):
    """The verification states of core.verification: `fresh` (verified recently, unchanged since), `stale`
    (needs verification: `awaiting` + `overdue`), `awaiting` (new or changed since verified), `overdue`."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("label", _("Verifikasi"))
        kwargs.setdefault("choices", [
            ("fresh", _("Terverifikasi")), ("stale", _("Perlu verifikasi")),
            ("awaiting", _("Menunggu verifikasi (baru/diubah)")), ("overdue", _("Verifikasi kedaluwarsa")),
        ])
        super().__init__(*args, **kwargs)

    def filter(self, qs, value):
        from .verification import awaiting_q, needs_verification_q, overdue_q, verified_q

        conditions = {"fresh": verified_q, "stale": needs_verification_q, "awaiting": awaiting_q, "overdue": overdue_q}
        return qs.filter(conditions[value]()) if value in conditions else qs


def search_filter(*fields):
    """A `q` filter matching any of `fields` (case-insensitive substring)."""

    def apply(queryset, name, value):
        value = (value or "").strip()
        if not value:
            return queryset
        condition = Q()
        for field in fields:
            condition |= Q(**{f"{field}__icontains": value})
        return queryset.filter(condition)

    return django_filters.CharFilter(method=apply, label=_("Cari"))
