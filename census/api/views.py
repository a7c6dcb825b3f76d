"""Census in the REST API: rounds, worklist items and visits (read, scoped like everything else) and the
round's figures (the dashboard's completion, answer and DAK rooms as JSON)."""

from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema, inline_serializer
from rest_framework import serializers
from rest_framework.decorators import action
from rest_framework.response import Response

from core.api.params import REGION_PATTERN
from core.api.viewsets import RegistryReadOnlyViewSet
from evidence.selectors import evidence_by_object
from reports.selectors.regions import drill_context

from ..filtersets import RoundFilterSet, VisitFilterSet, WorklistItemFilterSet
from ..models import Visit
from ..selectors import item_list, round_dashboard, round_list, visit_list
from .serializers import RoundSerializer, VisitSerializer, WorklistItemSerializer


def _round_selector(*, user):
    return round_list(user=user).prefetch_related("provinces")


def _jsonable(value):
    if isinstance(value, dict):
        return {str(k): _jsonable(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [_jsonable(v) for v in value]
    if isinstance(value, (str, int, float, bool)) or value is None:
        return value
    return str(value)


class CensusRoundViewSet(RegistryReadOnlyViewSet):
    selector = staticmethod(_round_selector)
    serializer_class = RoundSerializer
    filterset_class = RoundFilterSet
    brief_fields = ("id", "name", "year")
    action_query_params = {"figures": ("region",)}

    @extend_schema(
        operation_id="census_rounds_figures",
        parameters=[OpenApiParameter("region", OpenApiTypes.STR, pattern=REGION_PATTERN, description="Kode wilayah (bawaan: cakupan pemanggil).")],
        responses={200: inline_serializer("CensusRoundFigures", fields={
            "round": serializers.IntegerField(), "region": serializers.CharField(),
            "completion": serializers.DictField(help_text="rows (per provinsi atau kabupaten/kota) dan totals: total, visited, submitted, returned, approved, not_verified, alive, inactive, closed, rate, overdue."),
            "answer": serializers.DictField(help_text="by_commodity dan by_status dari kunjungan yang disetujui."),
            "dak_rooms": serializers.DictField(help_text="Ruang dibangun DAK: rooms, verified, active per wilayah."),
        })},
    )
    @action(detail=True, methods=["get"], url_path="figures")
    def figures(self, request, pk=None):
        round_ = self.get_object()
        drill = drill_context(user=request.user, code=request.query_params.get("region", ""))  # 404 outside the scope
        data = round_dashboard(user=request.user, round=round_, drill=drill)
        return Response(_jsonable({"round": round_.pk, "region": drill.code, **data}))


class CensusItemViewSet(RegistryReadOnlyViewSet):
    selector = staticmethod(item_list)
    serializer_class = WorklistItemSerializer
    filterset_class = WorklistItemFilterSet
    brief_fields = ("id", "round", "sentra", "state")


class CensusVisitViewSet(RegistryReadOnlyViewSet):
    selector = staticmethod(visit_list)
    serializer_class = VisitSerializer
    filterset_class = VisitFilterSet
    brief_fields = ("id", "item", "found_status", "visited_on")

    @staticmethod
    def representation_context(*, user, records):
        """The visits' photos the user may see (the serializer reads them from the context); also for the change feed."""
        return {"photos": evidence_by_object(user=user, model=Visit, object_ids=[v.pk for v in records])}

    def _photo_context(self, visits):
        return {**self.get_serializer_context(), **self.representation_context(user=self.request.user, records=visits)}

    def list(self, request, *args, **kwargs):
        page = self.paginate_queryset(self.filter_queryset(self.get_queryset()))
        serializer = self.get_serializer(page, many=True, context=self._photo_context(page))
        return self.get_paginated_response(serializer.data)

    def respond(self, instance, status_code=200):
        return Response(self.get_serializer(instance, context=self._photo_context([instance])).data, status=status_code)
