from rest_framework.decorators import action

from core.api.upsert import NaturalKeyUpsertMixin, upsert_schema
from core.api.viewsets import RegistryViewSet
from facilities.services import membership_delete, membership_end, membership_update
from ikm.filtersets import CertificationFilterSet, IkmUnitFilterSet, SentraMembershipFilterSet, YearlyFigureFilterSet
from ikm.selectors import certification_list, ikm_api_list, ikm_api_rows, membership_list, yearly_figure_list
from ikm.services import ikm_create, ikm_delete, ikm_update, membership_join, yearly_figure_create, yearly_figure_update

from .lean import IkmUnitLeanList
from .serializers import CertificationSerializer, IkmUnitSerializer, SentraMembershipSerializer, YearlyFigureSerializer

by_nib, by_nib_get, bulk = upsert_schema(IkmUnitSerializer, "nib")


class IkmUnitViewSet(NaturalKeyUpsertMixin, RegistryViewSet):
    selector = staticmethod(ikm_api_list)
    serializer_class = IkmUnitSerializer
    filterset_class = IkmUnitFilterSet
    brief_fields = ("id", "nib", "name", "is_deleted")
    lean_list = IkmUnitLeanList()
    lean_selector = staticmethod(ikm_api_rows)
    soft_deletable = True
    natural_key = "nib"

    def create_record(self, data):
        return ikm_create(user=self.request.user, data=data)

    def update_record(self, instance, data, expected_version):
        return ikm_update(user=self.request.user, ikm=instance, data=data, expected_version=expected_version)

    def delete_record(self, instance, expected_version):
        ikm_delete(user=self.request.user, ikm=instance, expected_version=expected_version)

    @by_nib
    @by_nib_get
    @action(detail=False, methods=["get", "put"], url_path=r"by-nib/(?P<nib>[0-9]{13})")
    def by_nib(self, request, nib):
        return self.key_response(request, nib)

    @bulk
    @action(detail=False, methods=["post"], url_path="bulk")
    def bulk(self, request):
        return self.bulk_response(request)


class SentraMembershipViewSet(RegistryViewSet):
    selector = staticmethod(membership_list)
    serializer_class = SentraMembershipSerializer
    filterset_class = SentraMembershipFilterSet
    brief_fields = ("id", "ikm", "sentra", "is_current")

    def create_record(self, data):
        membership = membership_join(user=self.request.user, ikm=data["ikm"], sentra=data["sentra"], joined_on=data.get("joined_on"))
        if data.get("left_on"):
            membership = membership_end(user=self.request.user, membership=membership, left_on=data["left_on"])
        return membership

    def update_record(self, instance, data, expected_version):
        # Ending a membership also vacates the rooms the unit holds in that sentra (facilities.services),
        # all checked before anything is written, in one transaction.
        return membership_update(user=self.request.user, membership=instance, data=data, expected_version=expected_version)

    def delete_record(self, instance, expected_version):
        membership_delete(user=self.request.user, membership=instance, expected_version=expected_version)


class CertificationViewSet(RegistryViewSet):
    selector = staticmethod(certification_list)
    serializer_class = CertificationSerializer
    filterset_class = CertificationFilterSet
    brief_fields = ("id", "ikm", "kind", "number")


class YearlyFigureViewSet(RegistryViewSet):
    selector = staticmethod(yearly_figure_list)
    serializer_class = YearlyFigureSerializer
    filterset_class = YearlyFigureFilterSet
    brief_fields = ("id", "year", "sentra", "ikm")

    def create_record(self, data):
        return yearly_figure_create(user=self.request.user, data=data)

    def update_record(self, instance, data, expected_version):
        return yearly_figure_update(user=self.request.user, figure=instance, data=data, expected_version=expected_version)
