"""OpenAPI description shared by every registry resource: error bodies, ETag/If-Match, ?fields=/?brief=."""

from django.utils.translation import gettext_lazy as _
from drf_spectacular.openapi import AutoSchema
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter
from rest_framework import serializers

from .pagination import MAX_PAGE_SIZE, api_orderings
from .params import MAX_BIGINT, NIB_PATTERN, filter_parameters


class ErrorItemSerializer(serializers.Serializer):
    field = serializers.CharField(allow_null=True, help_text=_("Jalur kolom bertitik di isi permintaan (mis. items.3.nib); null untuk seluruh permintaan."))
    index = serializers.IntegerField(required=False, help_text=_("Nomor urut (mulai 0) butir dalam permintaan massal."))
    code = serializers.CharField()
    message = serializers.CharField()


class ErrorSerializer(serializers.Serializer):
    status = serializers.IntegerField()
    code = serializers.CharField()
    message = serializers.CharField(help_text=_("Dalam bahasa Accept-Language (id bawaan, en tersedia)."))
    errors = ErrorItemSerializer(many=True)


ERROR_DESCRIPTIONS = {
    "400": _("Data atau parameter tidak valid (termasuk kolom yang tidak dikenal)."),
    "401": _("Token tidak ada atau tidak valid."),
    "403": _("Tidak berwenang (mis. token hanya-baca atau wilayah di luar cakupan)."),
    "404": _("Tidak ditemukan atau di luar cakupan wilayah token; juga cursor yang tidak valid."),
    "406": _("Format jawaban yang diminta (Accept) tidak tersedia."),
    "412": _("If-Match tidak cocok dengan versi sekarang: tidak ada yang diubah."),
    "413": _("Isi permintaan terlalu besar."),
    "415": _("Jenis isi permintaan tidak didukung (pakai application/json)."),
    "429": _("Terlalu banyak permintaan; lihat header Retry-After."),
}

IF_MATCH = OpenApiParameter(
    "If-Match", OpenApiTypes.STR, OpenApiParameter.HEADER, required=False,
    description=_(
        "ETag dari pembacaan terakhir (mis. \"3\"). Jika versi sudah berubah, jawabannya 412 dan tidak ada yang "
        "diubah. Tanpa If-Match penulisan diterima dan penulisan terakhir yang berlaku."
    ),
)
ACCEPT_LANGUAGE = OpenApiParameter(
    "Accept-Language", OpenApiTypes.STR, OpenApiParameter.HEADER, required=False,
    description=_("Bahasa pesan galat: id (bawaan) atau en."),
)
FIELDS = OpenApiParameter(
    "fields", OpenApiTypes.STR, OpenApiParameter.QUERY, required=False,
    description=_("Daftar kolom dipisah koma; hanya kolom ini yang dikirim."),
)
BRIEF = OpenApiParameter(
    "brief", OpenApiTypes.BOOL, OpenApiParameter.QUERY, required=False, description=_("Jawaban ringkas (id, kode, nama).")
)
ETAG = OpenApiParameter(
    "ETag", OpenApiTypes.STR, OpenApiParameter.HEADER, response=["200", "201"], description=_("Versi data, untuk If-Match.")
)
PAGE_SIZE = OpenApiParameter(
    "page_size", {"type": "integer", "minimum": 1, "maximum": MAX_PAGE_SIZE}, OpenApiParameter.QUERY, required=False,
    description=_("Jumlah data per halaman, 1 sampai 1000 (bawaan 100); di atas 1000 ditolak dengan 400."),
)
RETRY_AFTER = OpenApiParameter(
    "Retry-After", OpenApiTypes.INT, OpenApiParameter.HEADER, response=["429"], description=_("Detik sebelum boleh mencoba lagi.")
)


class RegistryAutoSchema(AutoSchema):
    def _is_detail(self):
        return "{" in self.path and not self._is_list_view()

    def _writes_versioned_record(self):
        return self.method in ("PUT", "PATCH", "DELETE") and "{" in self.path and getattr(self.view, "versioned", True)

    def _sends_etag(self):
        """Responses carrying one record send its version as ETag (viewsets.respond); bulk and lists do not."""
        if self._is_list_view() or getattr(self.view, "action", None) == "bulk" or not getattr(self.view, "versioned", True):
            return False
        return self.method in ("GET", "POST", "PUT", "PATCH")

    def get_override_parameters(self):
        parameters = [*super().get_override_parameters(), ACCEPT_LANGUAGE, RETRY_AFTER]
        if not getattr(self.view, "registry_resource", True):  # partner settings (webhooks): no ?fields=, filters
            return [*parameters, PAGE_SIZE] if self._is_list_view() and self.method == "GET" else parameters
        if self.method == "GET":
            parameters += [FIELDS, BRIEF]
        if self._writes_versioned_record():
            parameters.append(IF_MATCH)
        if self._sends_etag():
            parameters.append(ETAG)
        if self._is_list_view() and self.method == "GET":
            # Typed as the FilterSet parses them (patterns, enums, integers); `ordering` lists what the API honours.
            parameters += filter_parameters(getattr(self.view, "filterset_class", None), api_orderings(self.view))
            parameters.append(PAGE_SIZE)
        return parameters

    def _resolve_path_parameters(self, variables):
        parameters = super()._resolve_path_parameters(variables)
        for parameter in parameters:
            if parameter["name"] == "id" or parameter["name"].endswith("_id"):  # digits only (lookup_value_regex)
                parameter["schema"] = {"type": "integer", "format": "int64", "minimum": 1, "maximum": MAX_BIGINT}
            elif parameter["name"] == "nib":
                parameter["schema"] = {"type": "string", "pattern": NIB_PATTERN}
        return parameters

    def _get_response_bodies(self, direction="response"):
        responses = super()._get_response_bodies(direction)
        codes = ["400", "401", "403", "404", "406", "429"]
        if self.method in ("POST", "PUT", "PATCH"):
            codes += ["413", "415"]
        if self._writes_versioned_record():
            codes.append("412")
        for code in codes:
            if code not in responses:
                response = self._get_response_for_code(ErrorSerializer, code, direction=direction)
                response["description"] = str(ERROR_DESCRIPTIONS[code])
                responses[code] = response
        return responses


def registry_component_names():
    from .serializers import RegistrySerializer

    names, pending = set(), [RegistrySerializer]
    while pending:
        cls = pending.pop()
        pending.extend(cls.__subclasses__())
        names.add(cls.__name__.removesuffix("Serializer"))
    return names


def mark_response_required(result, generator, request, public):
    """Every property of a resource response is always sent, so the schema marks them all required.

    (Generated clients then type them as present.) `?fields=` and `?brief=1` answer with fewer properties on
    purpose: the parameters say so, and the required list describes the full representation. Paginated
    lists always carry `next`, `previous` (null at the ends) and `results`.
    """
    names = registry_component_names()
    for name, component in result.get("components", {}).get("schemas", {}).items():
        if name in names and "properties" in component:
            component["required"] = sorted(component["properties"])
        elif name.startswith("Paginated") and name.endswith("List") and "properties" in component:
            component["required"] = sorted(component["properties"])
    return result


DESA_PATTERN = r"^[0-9]{2}\.[0-9]{2}\.[0-9]{2}\.[0-9]{4}$"
KABUPATEN_PATTERN = r"^[0-9]{2}\.[0-9]{2}$"
SLUG_PATTERN = r"^[-a-zA-Z0-9_]+$"


def _property_rules():
    """Exact forms of the fields every resource shares, so generated clients (and schemathesis) send valid data.
    The serializers accept exactly these; the model rules (CHECK constraints, validators) say the same."""
    from django.utils import timezone

    next_year = timezone.localdate().year + 1
    record_id = {"minimum": 1, "maximum": MAX_BIGINT}
    return {
        "desa": {"pattern": DESA_PATTERN, "maxLength": 13},
        "kabupaten_kota": {"pattern": KABUPATEN_PATTERN, "maxLength": 5},
        "commodity": {"pattern": SLUG_PATTERN, "maxLength": 60},
        "primary_commodity_code": {"pattern": SLUG_PATTERN, "maxLength": 60},
        "commodity_codes": {"pattern": SLUG_PATTERN, "maxLength": 60},
        "menu": {"pattern": SLUG_PATTERN, "maxLength": 60},
        "equipment_type": {"pattern": SLUG_PATTERN, "maxLength": 60},
        "ikm": record_id, "occupant": record_id, "room": record_id, "allocation": record_id,
        "rooms": record_id, "machines": record_id,
        "year": {"minimum": 2010, "maximum": next_year},
        "fiscal_year": {"minimum": 2010, "maximum": next_year},
        "founding_year": {"minimum": 1900, "maximum": 2100},
        "year_acquired": {"minimum": 1950, "maximum": 2100},
    }


def _tighten(schema, rule):
    if schema.get("type") == "array" and isinstance(schema.get("items"), dict):
        _tighten(schema["items"], rule)
        return
    kind = schema.get("type")
    for key, value in rule.items():
        if key in ("pattern", "maxLength") and kind == "string":
            schema[key] = value
        elif key in ("minimum", "maximum") and kind == "integer":
            schema[key] = value


def tighten_field_schemas(result, generator, request, public):
    """Region codes, catalogue codes, record ids and years in request bodies, as the server reads them (issue 18)."""
    rules = _property_rules()
    for name, component in result.get("components", {}).get("schemas", {}).items():
        if not name.endswith("Request"):
            continue
        for field, schema in component.get("properties", {}).items():
            if field in rules and isinstance(schema, dict):
                _tighten(schema, rules[field])
    return result
