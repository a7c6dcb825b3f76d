"""Base serializer for registry resources: refuses unknown fields, supports ?fields= and ?brief=1.

Every text field built from a model field goes through core.text.normalise_text (multi-line for TextFields
such as addresses and notes), the same normaliser the forms and the import use. Uniqueness is left to the
services (core.uniqueness), which know whether a clashing record is in the caller's scope.
"""

from collections.abc import Mapping

from django.db import models
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from rest_framework import serializers
from rest_framework.exceptions import ErrorDetail
from rest_framework.fields import empty
from rest_framework.validators import UniqueTogetherValidator, UniqueValidator

from core.text import normalise_text


class NormalisedCharField(serializers.CharField):
    """A CharField whose input is normalised (core.text) before any check, so blank-after-cleaning is blank."""

    def __init__(self, *, multiline=False, **kwargs):
        self.multiline = multiline
        super().__init__(**kwargs)

    def run_validation(self, data=empty):
        # A NUL byte is refused with its own message (the validator DRF adds), not silently dropped.
        if isinstance(data, str) and "\x00" not in data:
            data = normalise_text(data, multiline=self.multiline)
        return super().run_validation(data)


class RegistrySerializer(serializers.ModelSerializer):
    """`only` (a set of field names) keeps just those fields in the output.

    Read-only fields sent back by a client (e.g. the JSON it just read) are ignored; any other field the
    resource does not have is refused, so a typo never silently does nothing.
    """

    def __init__(self, *args, only=None, **kwargs):
        super().__init__(*args, **kwargs)
        if only is not None:
            for name in list(self.fields):
                if name not in only:
                    self.fields.pop(name)

    def build_standard_field(self, field_name, model_field):
        field_class, kwargs = super().build_standard_field(field_name, model_field)
        if field_class is serializers.CharField:
            field_class = NormalisedCharField
            kwargs["multiline"] = isinstance(model_field, models.TextField)
        kwargs["validators"] = [v for v in kwargs.get("validators", []) if not isinstance(v, UniqueValidator)]
        return field_class, kwargs

    def get_validators(self):
        # Unique-together rules are checked by the services with scope-aware messages (core.uniqueness).
        return [v for v in super().get_validators() if not isinstance(v, UniqueTogetherValidator)]

    def to_internal_value(self, data):
        if isinstance(data, Mapping):
            unknown = [str(name) for name in data if name not in self.fields]
            if unknown:
                raise serializers.ValidationError(
                    {name: [ErrorDetail(_("Kolom tidak dikenal."), code="unknown_field")] for name in sorted(unknown)}
                )
        return super().to_internal_value(data)


class ScopedRelatedField(serializers.SlugRelatedField):
    """A reference to a record the caller can see, by a natural key (code, id): out of scope reads as absent.

    `selector` is an app selector `<entity>_list(*, user)`, so the scope comes from accounts.scope.
    """

    default_error_messages = {
        "does_not_exist": gettext_lazy("Data dengan {slug_name} {value} tidak ditemukan."),
        "invalid": gettext_lazy("Nilai tidak valid."),
    }

    def __init__(self, *, selector=None, slug_field="id", **kwargs):
        self.selector = selector
        super().__init__(slug_field=slug_field, **kwargs)

    def get_queryset(self):
        if self.selector is None:
            return super().get_queryset()  # a national catalogue (commodities, DAK menu, ...)
        return self.selector(user=self.context["request"].user)

    def to_internal_value(self, data):
        # One lookup per distinct value and request: a bulk request names the same desa a thousand times.
        cache = self.context.setdefault("reference_cache", {})
        key = (self.selector or self.queryset.model, self.slug_field, type(data), repr(data))
        if key not in cache:
            cache[key] = self._lookup(data)
        return cache[key]

    def _lookup(self, data):
        if self.slug_field == "id" and (isinstance(data, bool) or not isinstance(data, int)):
            self.fail("invalid")
        if self.slug_field != "id" and (not isinstance(data, str) or "\x00" in data or len(data) > 200):
            self.fail("invalid")
        return super().to_internal_value(data)


def catalogue_field(queryset, **kwargs):
    """A reference by code to a national catalogue row (commodity, equipment type, DAK menu, region)."""
    return ScopedRelatedField(queryset=queryset, slug_field=kwargs.pop("slug_field", "code"), **kwargs)


def region_summary(region):
    return {"code": region.code, "name": region.name} if region is not None else None


class RegionSummarySerializer(serializers.Serializer):
    code = serializers.CharField()
    name = serializers.CharField()


class RegionPathSerializer(serializers.Serializer):
    """Desa with its kecamatan, kabupaten/kota and provinsi, read from a `desa__parent__parent__parent` join."""

    desa = RegionSummarySerializer()
    kecamatan = RegionSummarySerializer(allow_null=True)
    kabupaten_kota = RegionSummarySerializer(allow_null=True)
    provinsi = RegionSummarySerializer(allow_null=True)

    def to_representation(self, desa):
        kecamatan = desa.parent
        kabupaten = kecamatan.parent if kecamatan else None
        provinsi = kabupaten.parent if kabupaten else None
        return {
            "desa": region_summary(desa),
            "kecamatan": region_summary(kecamatan),
            "kabupaten_kota": region_summary(kabupaten),
            "provinsi": region_summary(provinsi),
        }
