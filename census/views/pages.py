"""Census pages (thin: reads in census.selectors, writes in census.services)."""

import json
import tempfile
from urllib.parse import urlencode

import orjson
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.gzip import gzip_page
from django.views.decorators.http import require_POST

from regions.models import kabupaten_of
from reports.selectors.regions import drill_context
from reports.services import write_xlsx_file

from ..exporters import RoundExporter
from ..forms import ReviewForm, RoundForm, SubmitForm
from ..models import ItemState, Round, WorklistItem
from ..permissions import can_open_round, can_record_in_kabupaten, can_review
from ..selectors import (
    item_detail, item_get, item_list, returned_items, round_dashboard, round_get, round_list, round_map_points,
)
from ..selectors.map import legend as map_legend
from ..selectors.worklist import drill_q
from ..services import kabupaten_submit, round_open, visit_review

PAGE_SIZE = 50


def _round_or_404(user, pk):
    try:
        return round_get(user=user, pk=pk)
    except Round.DoesNotExist as missing:
        raise Http404(_("Putaran pendataan tidak ditemukan.")) from missing


def _user_kabupaten(user):
    return kabupaten_of(getattr(user, "region_id", None)) or ""


@login_required
def home(request):
    rounds = list(round_list(user=request.user)[:50])
    records = can_record_in_kabupaten(request.user, _user_kabupaten(request.user))
    return render(request, "census/home.html", {
        "rounds": rounds, "can_open": can_open_round(request.user), "today": timezone.localdate(),
        "kabupaten": _user_kabupaten(request.user), "records": records,
        # The officer's work to redo comes first: the province is waiting for these corrections.
        "returned": returned_items(user=request.user) if records else None,
    })


@login_required
def round_create(request):
    if not can_open_round(request.user):
        raise PermissionDenied(_("Hanya administrator yang dapat membuka putaran pendataan."))
    form = RoundForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = {name: value for name, value in form.cleaned_data.items() if name != "provinces"}
        try:
            round_ = round_open(user=request.user, data=data, province_codes=form.cleaned_data["provinces"])
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("Putaran dibuka dengan %(n)s sentra dalam daftar kerja.") % {"n": f"{round_.item_count:,}".replace(",", ".")})
            return redirect("census:round", pk=round_.pk)
    return render(request, "census/round_form.html", {"form": form})


@login_required
def round_detail(request, pk):
    """The round's dashboard: completion and the national answer, with drill-down by ?region=."""
    round_ = _round_or_404(request.user, pk)
    drill = drill_context(user=request.user, code=request.GET.get("region", ""))
    data = round_dashboard(user=request.user, round=round_, drill=drill)
    kabupaten = _user_kabupaten(request.user)
    return render(request, "census/round.html", {
        "round": round_, "drill": drill, "data": data, "today": timezone.localdate(), "map_strings": _map_strings(),
        "kabupaten": kabupaten, "records": can_record_in_kabupaten(request.user, kabupaten) if kabupaten else False,
        "submit_form": SubmitForm(initial={"kabupaten": kabupaten}),
    })


def _map_strings():
    return json.dumps({
        "loading": _("Memuat peta…"),
        "failed": _("Data peta tidak dapat dimuat."),
        "count": _("%(placed)s dari %(total)s sentra putaran ini punya titik di peta."),
        "state": _("Pendataan"),
        "status": _("Status di registri"),
        "open": _("Buka butir daftar kerja"),
    })


@login_required
@gzip_page
def round_map(request, pk):
    """The dashboard map's points (census/round-map.js): the round's sentra in the scope and drill-down region."""
    round_ = _round_or_404(request.user, pk)
    drill = drill_context(user=request.user, code=request.GET.get("region", ""))
    data = round_map_points(user=request.user, round=round_, drill=drill)
    return HttpResponse(orjson.dumps({**data, "legend": map_legend()}), content_type="application/json")


@login_required
def worklist(request, pk):
    round_ = _round_or_404(request.user, pk)
    items = item_list(user=request.user, round=round_)
    region = request.GET.get("region", "").strip()
    if region:
        drill = drill_context(user=request.user, code=region)  # 404 outside the scope, like the dashboards
        items = items.filter(drill_q(drill.code))
    state = request.GET.get("state", "")
    if state in ItemState.values:
        items = items.filter(state=state)
    page = Paginator(items.order_by("kabupaten_id", "sentra__name", "pk"), PAGE_SIZE).get_page(request.GET.get("page"))
    kabupaten = _user_kabupaten(request.user)
    return render(request, "census/worklist.html", {
        "round": round_, "page": page, "states": ItemState.choices, "state": state, "region": region,
        "returned": returned_items(user=request.user, round=round_, region=region) if state != ItemState.RETURNED else None,
        "returned_url": "?" + urlencode({**({"region": region} if region else {}), "state": ItemState.RETURNED}),
        "records": can_record_in_kabupaten(request.user, kabupaten) if kabupaten else False, "kabupaten": kabupaten,
    })


@login_required
@require_POST
def submit(request, pk):
    round_ = _round_or_404(request.user, pk)
    form = SubmitForm(request.POST)
    kabupaten = (form.data.get("kabupaten") or _user_kabupaten(request.user)).strip()
    if not kabupaten and can_open_round(request.user):
        messages.error(request, _("Pilih kabupaten/kota yang daftar kerjanya dikirim."))
        return redirect(reverse("census:worklist", args=[round_.pk]))
    if not can_record_in_kabupaten(request.user, kabupaten):
        raise PermissionDenied(_("Anda tidak berwenang mengirim daftar kerja wilayah ini."))
    try:
        submission = kabupaten_submit(user=request.user, round=round_, kabupaten_code=kabupaten)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("%(n)s kunjungan dikirim untuk diperiksa provinsi.") % {"n": submission.item_count})
    return redirect(reverse("census:worklist", args=[round_.pk]))


def _item_or_404(user, pk):
    try:
        return item_get(user=user, pk=pk)
    except WorklistItem.DoesNotExist as missing:
        raise Http404(_("Butir daftar kerja tidak ditemukan.")) from missing


@login_required
def item(request, pk):
    item_ = _item_or_404(request.user, pk)
    detail = item_detail(user=request.user, item=item_)
    reviewer = can_review(request.user, item_.kabupaten_id) and item_.state == ItemState.SUBMITTED
    return render(request, "census/item.html", {
        "item": item_, **detail, "reviewer": reviewer, "form": ReviewForm() if reviewer else None,
    })


@login_required
@require_POST
def review(request, pk):
    item_ = _item_or_404(request.user, pk)
    if not can_review(request.user, item_.kabupaten_id):
        raise PermissionDenied(_("Hanya staf provinsi wilayah ini yang dapat memeriksa kunjungan."))
    form = ReviewForm(request.POST)
    if form.is_valid():
        try:
            visit_review(
                user=request.user, item=item_, decision=form.cleaned_data["decision"], comment=form.cleaned_data["comment"],
                accept_conflicts=form.cleaned_data["accept_conflicts"],
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("Keputusan tersimpan."))
            return redirect("census:item", pk=item_.pk)
    detail = item_detail(user=request.user, item=item_)
    return render(request, "census/item.html", {"item": item_, **detail, "reviewer": True, "form": form}, status=400)


@login_required
def export(request, pk):
    round_ = _round_or_404(request.user, pk)
    exporter = RoundExporter(user=request.user, params=request.GET, round=round_, base_url=request.build_absolute_uri("/"))
    try:
        exporter.check()
    except ValidationError as invalid:
        return render(request, "reports/export_error.html", {"error": invalid}, status=400)
    handle = tempfile.TemporaryFile()
    write_xlsx_file(exporter, handle)
    handle.seek(0)
    return FileResponse(
        handle, as_attachment=True, filename=exporter.filename("xlsx"),
        content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    )
