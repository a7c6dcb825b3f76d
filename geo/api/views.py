"""GET /api/v1/geo/sentra/: the placed sentra of the caller's scope as a GeoJSON FeatureCollection (RFC 7946).

The same points as /peta/, with the sentra list's FilterSet (commodity, status, region, dak_funded, ...).
Unpaginated: 11,000 sentra are about 2 MB, one request; narrow it with the filters.
"""

from django.utils.translation import gettext_lazy as _
from django_filters.rest_framework import DjangoFilterBackend
from drf_spectacular.utils import OpenApiResponse, extend_schema, inline_serializer
from rest_framework import serializers
from rest_framework.generics import GenericAPIView
from rest_framework.response import Response

from core.api.params import ALWAYS, check_query_params, repeatable_filters
from core.api.renderers import OrjsonRenderer
from core.api.schema import ErrorSerializer
from core.selectors import visible
from sentra.filtersets import SentraFilterSet
from sentra.models import Sentra, SentraStatus

ERRORS = {
    400: OpenApiResponse(ErrorSerializer, description=_("Parameter tidak valid.")),
    401: OpenApiResponse(ErrorSerializer, description=_("Token tidak ada atau tidak valid.")),
    403: OpenApiResponse(ErrorSerializer, description=_("Tidak berwenang.")),
    429: OpenApiResponse(ErrorSerializer, description=_("Terlalu banyak permintaan.")),
}


class GeoJsonRenderer(OrjsonRenderer):
    media_type = "application/geo+json"
    format = "geojson"


FEATURE_COLLECTION = inline_serializer("SentraFeatureCollection", fields={
    "type": serializers.ChoiceField(choices=["FeatureCollection"]),
    "features": serializers.ListField(child=inline_serializer("SentraFeature", fields={
        "type": serializers.ChoiceField(choices=["Feature"]),
        "id": serializers.IntegerField(),
        "geometry": inline_serializer("SentraPoint", fields={
            "type": serializers.ChoiceField(choices=["Point"]),
            "coordinates": serializers.ListField(child=serializers.FloatField(), min_length=2, max_length=2,
                                                 help_text=_("[bujur, lintang] dalam derajat desimal (WGS 84).")),
        }),
        "properties": inline_serializer("SentraFeatureProperties", fields={
            "code": serializers.CharField(),
            "name": serializers.CharField(),
            "status": serializers.ChoiceField(choices=SentraStatus.choices),
            "desa": serializers.CharField(help_text=_("Kode desa/kelurahan.")),
            "last_verified_at": serializers.DateTimeField(allow_null=True),
            "updated_at": serializers.DateTimeField(),
        }),
    })),
})


class GeoSentraView(GenericAPIView):
    filter_backends = [DjangoFilterBackend]
    filterset_class = SentraFilterSet
    pagination_class = None
    renderer_classes = [OrjsonRenderer, GeoJsonRenderer]

    def get_queryset(self):
        return visible(Sentra, self.request.user)

    @extend_schema(
        operation_id="geo_sentra",
        tags=["geo"],
        summary=_("Sentra sebagai GeoJSON"),
        description=_(
            "Sentra yang berkoordinat dalam cakupan wilayah pemanggil sebagai GeoJSON FeatureCollection (RFC 7946), "
            "dengan filter yang sama seperti daftar sentra. Sentra tanpa koordinat tidak ikut."
        ),
        filters=True,
        responses={(200, "application/json"): FEATURE_COLLECTION, (200, "application/geo+json"): FEATURE_COLLECTION, **ERRORS},
    )
    def get(self, request):
        check_query_params(request, (*ALWAYS, *SentraFilterSet.base_filters), repeatable_filters(SentraFilterSet))
        rows = self.filter_queryset(self.get_queryset()).filter(latitude__isnull=False).order_by("id").values_list(
            "id", "code", "name", "status", "desa_id", "latitude", "longitude", "last_verified_at", "updated_at"
        )
        features = [
            {
                "type": "Feature",
                "id": pk,
                "geometry": {"type": "Point", "coordinates": [float(lon), float(lat)]},
                "properties": {"code": code, "name": name, "status": status, "desa": desa, "last_verified_at": verified, "updated_at": updated},
            }
            for pk, code, name, status, desa, lat, lon, verified, updated in rows.iterator(chunk_size=5000)
        ]
        return Response({"type": "FeatureCollection", "features": features})
