"""GET /api/v1/changes/?after=<position>: the change feed, in the caller's region; /api/v1/changes/head/.

Thin: positions and pages come from changes.selectors, bodies and events from changes.representations.
"""

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema
from rest_framework import serializers
from rest_framework.exceptions import APIException, ValidationError
from rest_framework.generics import GenericAPIView
from rest_framework.renderers import BrowsableAPIRenderer
from rest_framework.response import Response
from rest_framework.utils.urls import replace_query_param

from accounts.scope import scope_code
from core.api.pagination import MAX_PAGE_SIZE
from core.api.params import check_query_params
from core.api.permissions import RegistryPermission
from core.api.renderers import OrjsonRenderer
from core.api.schema import ACCEPT_LANGUAGE, RETRY_AFTER, ErrorSerializer

from ..representations import RESOURCE_NAMES, event_for, latest_per_record, representations_for_rows, resource_names
from ..selectors import change_page, feed_start, head_position, parse_position
from .serializers import ChangePageSerializer, HeadSerializer

DEFAULT_PAGE_SIZE = 100
TIMESTAMP = serializers.DateTimeField()  # written as every other time of the API (server zone, ISO 8601)
POSITION_PATTERN = r"^(0|[0-9]{1,19}\.[0-9]{1,19})$"
ERRORS = {
    code: OpenApiResponse(ErrorSerializer, description=description)
    for code, description in {
        400: gettext_lazy("Parameter tidak valid (posisi, sumber daya, page_size, parameter tidak dikenal)."),
        401: gettext_lazy("Token tidak ada atau tidak valid."),
        403: gettext_lazy("Tidak berwenang."),
        406: gettext_lazy("Format jawaban yang diminta (Accept) tidak tersedia."),
        429: gettext_lazy("Terlalu banyak permintaan; lihat header Retry-After."),
    }.items()
}


class FeedView(GenericAPIView):
    permission_classes = [RegistryPermission]
    renderer_classes = [OrjsonRenderer, BrowsableAPIRenderer]
    pagination_class = None
    filter_backends = []


class ChangeFeedView(FeedView):
    @extend_schema(
        operation_id="changes_list",
        tags=["changes"],
        summary=gettext_lazy("Umpan perubahan"),
        description=gettext_lazy(
            "Setiap perubahan data dalam cakupan wilayah token, berurutan menurut posisi (bukan waktu), sejak `after`. "
            "Setiap butir membawa data terkini (`data`, seperti GET /api/v1/<resource>/<id>/) atau null bila data itu "
            "sudah tidak ada bagi Anda (dihapus, atau pindah ke luar wilayah Anda: event deleted, reason out_of_scope). "
            "Simpan next_position dan minta lagi dari sana; selama has_more true, masih ada halaman berikutnya. "
            "Tidak ada perubahan yang terlewat, juga dari transaksi panjang yang selesai belakangan."
        ),
        parameters=[
            OpenApiParameter("after", {"type": "string", "pattern": POSITION_PATTERN}, description=gettext_lazy(
                "Posisi terakhir yang sudah Anda proses (next_position jawaban sebelumnya, atau position dari /changes/head/); 0 = dari awal."
            )),
            OpenApiParameter("resource", OpenApiTypes.STR, enum=list(RESOURCE_NAMES), many=True, explode=True,
                             description=gettext_lazy("Hanya sumber daya ini (boleh diulang).")),
            OpenApiParameter("page_size", {"type": "integer", "minimum": 1, "maximum": MAX_PAGE_SIZE},
                             description=gettext_lazy("Butir per halaman, 1 sampai 1000 (bawaan 100).")),
            ACCEPT_LANGUAGE, RETRY_AFTER,
        ],
        responses={
            200: ChangePageSerializer, **ERRORS,
            410: OpenApiResponse(ErrorSerializer, description=gettext_lazy("Posisi lebih tua dari umpan yang disimpan: muat ulang.")),
        },
    )
    def get(self, request):
        check_query_params(request, ("after", "resource", "page_size", "format"), repeatable={"resource"})
        try:
            after = parse_position(request.query_params.get("after"))
        except ValueError as error:
            raise ValidationError({"after": [str(error)]}) from error
        resources = request.query_params.getlist("resource")
        unknown = sorted(set(resources) - set(resource_names()))
        if unknown:
            raise ValidationError({"resource": [_("Sumber daya tidak dikenal: %(names)s. Yang dikenal: %(known)s.") % {
                "names": ", ".join(unknown), "known": ", ".join(resource_names())}]})
        page_size = _page_size(request)
        if after < feed_start():
            raise PositionGone()
        page = change_page(user=request.user, after=after, page_size=page_size, resources=set(resources))
        rows = latest_per_record(page.rows)
        bodies = representations_for_rows(user=request.user, rows=rows, request=request)
        scope = scope_code(request.user)
        results = []
        for row in rows:
            body = bodies.get((row["resource"], row["object_id"]))
            event, reason = event_for(scope=scope, row=row, body=body)
            results.append({
                "position": str(row["position"]),
                "resource": row["resource"],
                "id": row["object_id"],
                "event": event,
                "reason": reason,
                "version": body.get("version") if body is not None else row["version"],  # census records have none
                "changed_at": TIMESTAMP.to_representation(row["changed_at"]),
                "data": body,
            })
        next_position = str(page.next_position)
        return Response({
            "results": results,
            "next_position": next_position,
            "has_more": page.has_more,
            "next": replace_query_param(request.build_absolute_uri(), "after", next_position),
        })


class PositionGone(APIException):
    status_code = 410
    default_detail = gettext_lazy(
        "Posisi ini lebih tua dari awal umpan yang masih disimpan: muat ulang dari /changes/head/ dan daftar (lihat docs/api.md)."
    )
    default_code = "position_gone"


def _page_size(request):
    raw = request.query_params.get("page_size")
    if raw in (None, ""):
        return DEFAULT_PAGE_SIZE
    if not raw.isdigit() or not 1 <= int(raw) <= MAX_PAGE_SIZE:
        raise ValidationError({"page_size": [_("page_size harus bilangan bulat 1 sampai %(max)s.") % {"max": MAX_PAGE_SIZE}]})
    return int(raw)


class ChangeHeadView(FeedView):
    @extend_schema(
        operation_id="changes_head",
        tags=["changes"],
        summary=gettext_lazy("Posisi awal untuk pemuatan pertama"),
        description=gettext_lazy(
            "Ambil posisi ini SEBELUM memuat daftar untuk pertama kali; sesudahnya baca /changes/?after=<posisi> "
            "untuk semua yang berubah selama dan sesudah pemuatan."
        ),
        parameters=[ACCEPT_LANGUAGE, RETRY_AFTER],
        responses={200: HeadSerializer, **ERRORS},
    )
    def get(self, request):
        check_query_params(request, ("format",))
        return Response({"position": str(head_position())})
