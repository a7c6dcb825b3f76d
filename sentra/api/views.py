from rest_framework.decorators import action

from core.api.upsert import NaturalKeyUpsertMixin, upsert_schema
from core.api.viewsets import RegistryViewSet
from sentra.filtersets import SentraFilterSet
from sentra.selectors import sentra_list
from sentra.services import sentra_create, sentra_delete, sentra_set_commodities, sentra_update

from .serializers import SentraSerializer

by_code, by_code_get, bulk = upsert_schema(SentraSerializer, "code")


def _commodity_args(data):
    """Pop the commodity fields from validated data as service arguments (None = leave as they are)."""
    codes = data.pop("commodity_codes", None)
    primary = data.pop("primary_commodity_code", None)
    return {
        "commodity_ids": None if codes is None else [commodity.pk for commodity in codes],
        "primary_commodity_id": primary.pk if primary is not None else None,
    }


class SentraViewSet(NaturalKeyUpsertMixin, RegistryViewSet):
    selector = staticmethod(sentra_list)
    serializer_class = SentraSerializer
    filterset_class = SentraFilterSet
    brief_fields = ("id", "code", "name", "status", "is_deleted")
    soft_deletable = True
    natural_key = "code"

    def create_record(self, data):
        return sentra_create(user=self.request.user, data=data, **_commodity_args(data))

    def update_record(self, instance, data, expected_version):
        return sentra_update(user=self.request.user, sentra=instance, data=data, expected_version=expected_version, **_commodity_args(data))

    def delete_record(self, instance, expected_version):
        sentra_delete(user=self.request.user, sentra=instance, expected_version=expected_version)

    def split_related(self, data):
        return _commodity_args(data)

    def after_bulk_write(self, instance, related):
        if related["commodity_ids"] is not None:
            sentra_set_commodities(user=self.request.user, sentra=instance, **related)

    @by_code
    @by_code_get
    @action(detail=False, methods=["get", "put"], url_path=r"by-code/(?P<code>[^/\x00]{1,32})")
    def by_code(self, request, code):
        return self.key_response(request, code)

    @bulk
    @action(detail=False, methods=["post"], url_path="bulk")
    def bulk(self, request):
        return self.bulk_response(request)

