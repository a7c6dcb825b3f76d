import django_filters
from django.utils.translation import gettext_lazy as _

from core.filters import RegionCodeFilter, UpdatedSinceFilter

from .models import Tombstone


class TombstoneFilterSet(django_filters.FilterSet):
    region = RegionCodeFilter(path="region")
    model = django_filters.CharFilter(label=_("Model (mis. facilities.room)"))
    updated_since = UpdatedSinceFilter(field_name="deleted_at", lookup_expr="gte", label=_("Dihapus sejak (ISO 8601)"))
    ordering = django_filters.OrderingFilter(fields=(("deleted_at", "deleted_at"), ("id", "id")), label=_("Urutan"))

    class Meta:
        model = Tombstone
        fields = []
