"""Map pages and the small JSON endpoints their scripts call; thin, the work is in selectors and checks."""

import json
from decimal import Decimal, InvalidOperation

import orjson
from django.contrib.auth.decorators import login_required
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.gzip import gzip_page
from django.views.generic import TemplateView

from accounts.scope import region_in_scope
from core.coordinates import validate_latitude, validate_longitude, validate_point
from core.filters import region_code_validator
from sentra.filtersets import SentraFilterSet
from sentra.models import Sentra, SentraStatus
from web.listing import ScopedListView

from . import selectors
from .checks import point_warnings
from .selectors import FRESHNESS


def _json(data, status=200):
    return HttpResponse(orjson.dumps(data), content_type="application/json", status=status)


class MapView(ScopedListView):
    """/peta/: the sentra of the user's scope as clustered markers, with the sentra list's own filters."""

    template_name = "geo/map.html"
    title = gettext_lazy("Peta sentra")
    filterset_class = SentraFilterSet
    filter_fields = ["region", "commodity", "status", "dak_funded", "verified"]

    def get_queryset(self):
        return Sentra.objects.none()  # the page draws only the filters; the points come from map_data

    def get_context_data(self, **kwargs):
        context = TemplateView.get_context_data(self, **kwargs)
        query = ("?" + self.request.GET.urlencode()) if self.request.GET else ""
        filterset = self.get_filterset(self.get_queryset())
        context.update(
            title=self.title,
            filterset=filterset,
            shown_filters=[filterset.form[name] for name in self.shown_filters],
            points_url=reverse("geo:data") + query,
            list_url=reverse("sentra:list") + query,
            centre_json=json.dumps(selectors.scope_centre(self.request.user)),
        )
        return context


def legend():
    """Labels of the two colourings (status, verification age), in the order of the map data's indexes."""
    freshness = {
        "recent": _("Diverifikasi 6 bulan terakhir"), "valid": _("Diverifikasi 12 bulan terakhir"),
        "stale": _("Verifikasi lebih dari 12 bulan"), "never": _("Belum pernah diverifikasi"),
    }
    return {
        "status": [[value, str(label)] for value, label in SentraStatus.choices],
        "fresh": [[key, str(freshness[key])] for key in FRESHNESS],
    }


@login_required
@gzip_page
def map_data(request):
    """The points: {"columns": [...], "rows": [[id, lat, lon, status index, freshness index], ...], ...}."""
    try:
        data = selectors.map_points(user=request.user, params=request.GET)
    except ValidationError as error:
        return _json({"errors": error.message_dict}, status=400)
    return _json({**data, "legend": legend()})


@login_required
def sentra_popup(request, pk):
    try:
        data = selectors.sentra_popup(user=request.user, pk=pk)
    except Sentra.DoesNotExist:
        raise Http404(_("Sentra tidak ditemukan.")) from None
    data["url"] = reverse("sentra:detail", args=[pk])
    return _json(data)


def _region_param(request):
    code = (request.GET.get("wilayah") or "").strip()
    try:
        region_code_validator(code)
    except ValidationError:
        raise Http404(_("Kode wilayah tidak dikenal.")) from None
    if not region_in_scope(request.user, code):
        raise Http404(_("Wilayah ini di luar cakupan Anda."))
    return code


@login_required
def region_centre(request):
    """Where the map picker opens for the chosen desa (or any region) of the user's scope."""
    centre = selectors.region_centre(user=request.user, code=_region_param(request))
    if centre is None:
        raise Http404(_("Wilayah ini di luar cakupan Anda."))
    return _json(centre)


def _coordinate(raw):
    try:
        return Decimal((raw or "").strip().replace(",", ".")) if (raw or "").strip() else None
    except InvalidOperation:
        return "invalid"


@login_required
def point_check(request):
    """Live check for the map picker: {"errors": [...]} (refused on save) and {"warnings": [...]} (flagged)."""
    code = _region_param(request)
    lat, lon = _coordinate(request.GET.get("lat")), _coordinate(request.GET.get("lon"))
    if "invalid" in (lat, lon):
        return _json({"errors": [_("Lintang dan bujur harus berupa angka desimal, mis. -8.2431 dan 124.4102.")], "warnings": []})
    errors = []
    for validator, value in ((validate_latitude, lat), (validate_longitude, lon)):
        try:
            validator(value)
        except ValidationError as error:
            errors += error.messages
    try:
        validate_point(lat, lon)
    except ValidationError as error:
        errors += error.messages
    kind, pk = request.GET.get("jenis"), request.GET.get("id")
    exclude = (kind, int(pk)) if kind in ("sentra", "ikm") and (pk or "").isdigit() else None
    warnings = [] if errors else point_warnings(code, lat, lon, exclude=exclude)
    return _json({"errors": errors, "warnings": warnings})


class QualityView(LoginRequiredMixin, TemplateView):
    """/peta/kualitas/: placed records of the user's scope whose point looks wrong, 50 a page."""

    template_name = "geo/quality.html"
    page_size = 50

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        region = (self.request.GET.get("region") or "").strip()
        error = None
        if region:
            try:
                region_code_validator(region)
            except ValidationError as invalid:
                error, region = invalid.messages[0], ""
            else:
                if not region_in_scope(self.request.user, region):
                    error, region = _("Wilayah ini di luar cakupan Anda."), ""
        flagged = selectors.flagged_records(user=self.request.user, region=region)
        page = Paginator(flagged, self.page_size).get_page(self.request.GET.get("page"))
        urls = {"sentra": "sentra:detail", "ikm": "ikm:detail"}
        kinds = {"sentra": _("Sentra"), "ikm": _("Unit IKM")}
        context.update(
            title=_("Koordinat yang perlu diperiksa"),
            region=region,
            error=error,
            page=page,
            rows=[{**row, "url": reverse(urls[row["kind"]], args=[row["id"]]), "kind_label": kinds[row["kind"]]} for row in page],
            total=len(flagged),
        )
        return context
