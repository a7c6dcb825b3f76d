"""Filters shared by the FilterSets of every app (UI lists, API and exports use the same FilterSets)."""

import re
from datetime import UTC, timedelta

import django_filters
from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError as DjangoValidationError
from django.core.validators import RegexValidator
from django_filters.fields import IsoDateTimeField
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
        return qs.filter(region_q(value, self.path, qs.model))


# "2026-01-31T10:00:00+07:00" written into a URL without encoding arrives as "...10:00:00 07:00" (a + in a
# query string means a space). Nothing else can put a space there, so it is read as the + it was.
UNENCODED_PLUS = re.compile(r"^(\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d{1,6})?)?) (\d{2}(?::?\d{2})?)$")


class IdFilter(django_filters.NumberFilter):
    """Rows pointing at the record with this id (`field_name` like "ikm_id"), compared as a plain integer.

    Not a ModelChoiceFilter: that checks the id against the whole table, so a missing id answered 400 and an
    existing one outside the user's region answered an empty list: walking ids counted every record in the
    country. Here both answer the same empty list; only a value that is not an id at all is a 400.
    """

    field_class = forms.IntegerField

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("min_value", 1)
        kwargs.setdefault("max_value", 2**63 - 1)
        super().__init__(*args, **kwargs)


class UtcIsoDateTimeField(IsoDateTimeField):
    """An ISO 8601 moment, handed to the database in UTC; an offset whose + was not URL-encoded is read as +.
    Without an offset the time is read in the server's TIME_ZONE (Asia/Jakarta, WIB, +07:00): docs/api.md asks
    clients to always send one.

    Python accepts offsets up to ±23:59 but PostgreSQL only to ±15:59 ("time zone displacement out of
    range"), and a moment next to year 1 or 9999 overflows when shifted: both are the client's error.
    """

    default_error_messages = {"invalid": _("Waktu tidak valid; tulis dalam ISO 8601, mis. 2024-01-31T08:00:00+07:00.")}

    def to_python(self, value):
        if isinstance(value, str):
            value = UNENCODED_PLUS.sub(r"\1+\2", value.strip())
        moment = super().to_python(value)
        if moment is None:
            return None
        try:
            return moment.astimezone(UTC) if moment.tzinfo is not None else moment
        except (OverflowError, ValueError):
            raise forms.ValidationError(self.error_messages["invalid"], code="invalid") from None


class UtcIsoDateTimeFilter(django_filters.IsoDateTimeFilter):
    field_class = UtcIsoDateTimeField


class UpdatedSinceFilter(UtcIsoDateTimeFilter):
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


class SearchField(forms.CharField):
    """The search box: its words (core.search), or an error when no word is long enough to use an index."""

    def clean(self, value):
        from core.search import search_words

        value = super().clean(value)
        try:
            return search_words(value)
        except DjangoValidationError as error:
            raise forms.ValidationError(error.messages, code="search") from None


class SearchFilter(django_filters.CharFilter):
    field_class = SearchField

    def __init__(self, *fields, **kwargs):
        kwargs.setdefault("label", _("Cari"))
        super().__init__(**kwargs)
        self.search_fields = fields

    def filter(self, qs, value):
        from core.search import narrowed, search_q

        if not value:
            return qs
        return narrowed(qs, search_q(qs.model, self.search_fields, value), getattr(self, "parent", None))


def search_filter(*fields):
    """A `q` filter: every word of the text, in any order, in one of `fields` (case-insensitive substring;
    trigram-indexed on PostgreSQL where the model declares SEARCH_DOCUMENT, see core/search.py)."""
    return SearchFilter(*fields)
