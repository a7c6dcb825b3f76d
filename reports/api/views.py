"""Aggregate endpoints shared by dashboards and partners, and the dashboards' exporters as JSON."""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
import django_filters
from django_filters.rest_framework import DjangoFilterBackend
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema, inline_serializer
from rest_framework import serializers
from rest_framework.generics import GenericAPIView
from rest_framework.response import Response
from rest_framework.views import APIView

from core.api.params import ALWAYS, check_query_params, repeatable_filters
from core.api.schema import ErrorSerializer

from ..exporters import EXPORTERS, get_exporter
from ..selectors import RESOURCES, aggregate
from ..selectors.cache import cached
from ..selectors.regions import region_names
from ..services import direct_export_max_rows

ERRORS = {
    400: OpenApiResponse(ErrorSerializer, description=gettext_lazy("Parameter tidak valid.")),
    401: OpenApiResponse(ErrorSerializer, description=gettext_lazy("Token tidak ada atau tidak valid.")),
    403: OpenApiResponse(ErrorSerializer, description=gettext_lazy("Tidak berwenang.")),
    429: OpenApiResponse(ErrorSerializer, description=gettext_lazy("Terlalu banyak permintaan.")),
}


def _split(request, name):
    values = []
    for raw in request.query_params.getlist(name):
        values += [part.strip() for part in raw.split(",") if part.strip()]
    return values


class AggregateView(GenericAPIView):
    """Counts and sums of one resource, grouped by region level and the resource's dimensions."""

    resource = None
    filter_backends = [DjangoFilterBackend]  # only so the schema lists the FilterSet's parameters
    pagination_class = None

    def get_queryset(self):
        return RESOURCES[self.resource].selector(user=self.request.user)

    @property
    def filterset_class(self):
        return RESOURCES[self.resource].filterset

    def get(self, request):
        resource = RESOURCES[self.resource]
        # An unknown parameter (`?regoin=`) would otherwise answer with the totals of the whole scope (issue 18).
        check_query_params(
            request, (*ALWAYS, "group_by", "metrics", "level", *resource.filterset.base_filters),
            repeatable={"group_by", "metrics", *repeatable_filters(resource.filterset)},
        )
        group_by = _split(request, "group_by")
        metrics = _split(request, "metrics") or None
        level = request.query_params.get("level") or "1"
        if level not in {"1", "2", "3", "4"}:
            raise ValidationError({"level": [_("Tingkat wilayah harus 1 (provinsi) sampai 4 (desa/kelurahan).")]})
        unknown = [name for name in metrics or () if name not in resource.metrics]
        if unknown:
            raise ValidationError({"metrics": [_("Ukuran tidak dikenal: %(names)s.") % {"names": ", ".join(unknown)}]})
        params = request.query_params.copy()
        for name in ("group_by", "metrics", "level", "format"):
            params.pop(name, None)
        pairs = [(k, v) for k in sorted(params) for v in params.getlist(k)] + [("~g", ",".join(group_by)), ("~m", str(metrics)), ("~l", level)]
        rows = cached(f"api-{self.resource}", user=request.user, pairs=pairs, build=lambda: aggregate(
            user=request.user, resource=resource, group_by=group_by, level=int(level), params=params, metrics=metrics,
        ))
        if "region" in group_by:
            names = region_names(row["region"] for row in rows)
            rows = [{**row, "region_name": names.get(row["region"], "")} for row in rows]
        return Response({"resource": resource.name, "group_by": group_by, "level": int(level), "results": rows})


def _filter_parameters(filterset):
    """The FilterSet's query parameters for the schema (spectacular adds them only to list views by itself)."""
    parameters = []
    for field_name, filter_ in filterset.base_filters.items():
        many = isinstance(filter_, django_filters.MultipleChoiceFilter)
        choices = [value for value, _label in getattr(filter_, "extra", {}).get("choices", []) or []]
        parameters.append(OpenApiParameter(
            field_name, OpenApiTypes.STR, many=many, enum=choices or None, explode=True if many else None,
            description=str(filter_.label or field_name),
        ))
    return parameters


def _aggregate_view(name):
    resource = RESOURCES[name]
    dimensions = ["region", *resource.dimensions]
    view = type(f"{name.title().replace('_', '')}AggregateView", (AggregateView,), {"resource": name})
    response = inline_serializer(
        f"{view.__name__}Response",
        fields={
            "resource": serializers.CharField(),
            "group_by": serializers.ListField(child=serializers.CharField()),
            "level": serializers.IntegerField(),
            "results": serializers.ListField(
                child=serializers.DictField(),
                help_text=gettext_lazy("Satu baris per kelompok: nilai dimensi (region, region_name, ...) dan ukuran."),
            ),
        },
    )
    def get(self, request):
        return AggregateView.get(self, request)

    # A function of its own per resource: extend_schema annotates the function, which subclasses would share.
    view.get = extend_schema(
        operation_id=f"aggregates_{name}",
        tags=["aggregates"],
        summary=str(resource.label),
        description=gettext_lazy(
            "Jumlah dan total dalam cakupan wilayah pemanggil, dengan filter yang sama seperti daftar. "
            "Dimensi: %(dims)s. Ukuran: %(metrics)s."
        ) % {"dims": ", ".join(dimensions), "metrics": ", ".join(resource.metrics)},
        parameters=[
            OpenApiParameter("group_by", OpenApiTypes.STR, description=gettext_lazy("Dimensi, dipisah koma: ") + ", ".join(dimensions)),
            OpenApiParameter("level", OpenApiTypes.INT, enum=[1, 2, 3, 4], description=gettext_lazy(
                "Tingkat wilayah untuk dimensi region: 1 provinsi, 2 kabupaten/kota, 3 kecamatan, 4 desa/kelurahan.")),
            OpenApiParameter("metrics", OpenApiTypes.STR, description=gettext_lazy("Ukuran, dipisah koma (bawaan: semua): ") + ", ".join(resource.metrics)),
            *_filter_parameters(resource.filterset),
        ],
        responses={200: response, **ERRORS},
    )(get)
    return view


AGGREGATE_VIEWS = {name: _aggregate_view(name) for name in RESOURCES}


class ReportSerializer(serializers.Serializer):
    identifier = serializers.CharField()
    label = serializers.CharField()
    filters = serializers.ListField(child=serializers.CharField())


class ReportListView(APIView):
    pagination_class = None

    @extend_schema(operation_id="reports_list", tags=["reports"], responses={200: ReportSerializer(many=True), **ERRORS})
    def get(self, request):
        check_query_params(request, ALWAYS)
        return Response([
            {"identifier": key, "label": str(exporter.label), "filters": list(exporter(user=request.user, params=request.query_params).filters)}
            for key, exporter in EXPORTERS.items()
        ])


class ReportDetailView(APIView):
    """A report's sheets as JSON (the same exporter as the XLSX/CSV download); large lists: use the download."""

    @extend_schema(
        operation_id="reports_retrieve",
        tags=["reports"],
        parameters=[OpenApiParameter("identifier", OpenApiTypes.STR, OpenApiParameter.PATH, enum=list(EXPORTERS))],
        responses={
            200: inline_serializer("ReportData", fields={
                "identifier": serializers.CharField(),
                "label": serializers.CharField(),
                "metadata": serializers.ListField(child=serializers.ListField(child=serializers.CharField())),
                "sheets": serializers.ListField(child=serializers.DictField()),
            }),
            404: OpenApiResponse(ErrorSerializer, description=gettext_lazy("Laporan tidak dikenal.")),
            **ERRORS,
        },
    )
    def get(self, request, identifier):
        exporter_class = get_exporter(identifier)
        if exporter_class is None:
            from django.http import Http404

            raise Http404(_("Laporan tidak dikenal."))
        exporter = exporter_class(user=request.user, params=request.query_params)
        if exporter.row_count() > direct_export_max_rows():
            raise ValidationError(_("Laporan ini terlalu besar untuk JSON; unduh XLSX/CSV dari /laporan/ekspor/."))
        sheets = [
            {
                "title": sheet.title,
                "columns": [{"label": str(column.label), "kind": column.kind} for column in sheet.columns],
                "rows": [_jsonable(row) for row in sheet.rows],
                "totals": _jsonable(sheet.totals) if sheet.totals else None,
            }
            for sheet in exporter.build()
        ]
        return Response({
            "identifier": identifier,
            "label": str(exporter.label),
            "metadata": [[str(label), str(value)] for label, value in exporter.metadata()],
            "sheets": sheets,
        })


def _jsonable(row):
    out = []
    for value in row:
        if hasattr(value, "isoformat"):
            value = value.isoformat()
        elif hasattr(value, "as_tuple"):
            value = str(value)
        out.append(value)
    return out
