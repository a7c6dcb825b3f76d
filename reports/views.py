"""Dashboard pages, exports and the printable sentra profile: thin, the work is in selectors/exporters."""

from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import FileResponse, Http404, StreamingHttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from commodities.models import Commodity, CommodityGroup
from core.bounded import QueryTooSlow, TooManyAtOnce, statement_timeout, user_slot
from core.files import file_response
from sentra.models import Sentra, SentraStatus

from . import selectors
from .charts import CHARTS
from .exporters import download_name, get_exporter, is_table_per_file, iter_csv, write_csv_zip
from .models import ExportJob
from .selectors.cache import cached
from .selectors.jobs import export_job_list
from .selectors.params import as_pairs
from .selectors.profile import sentra_profile
from .services import direct_export_max_rows, export_job_create, write_xlsx_file

# Lazy titles: this dict is built at import time, before any request has chosen its language.
DASHBOARDS = {
    "overview": (selectors.overview, "reports/overview.html", "dasbor-ringkasan", gettext_lazy("Ringkasan sentra dan IKM")),
    "facilities": (selectors.facilities, "reports/facilities.html", "dasbor-fasilitas", gettext_lazy("Pemanfaatan fasilitas")),
    "dak": (selectors.dak, "reports/dak.html", "dasbor-dak", gettext_lazy("DAK Fisik Bidang IKM")),
    "impact": (selectors.impact, "reports/impact.html", "dasbor-dampak", gettext_lazy("Dampak pendanaan")),
    "freshness": (selectors.freshness, "reports/freshness.html", "dasbor-kemutakhiran", gettext_lazy("Kemutakhiran data")),
}


def _filter_choices():
    return {
        "groups": list(CommodityGroup.objects.values_list("code", "name")),
        "commodities": list(Commodity.objects.values_list("code", "name")),
        "statuses": SentraStatus.choices,
    }


def dashboard(request, name):
    selector, template, exporter, title = DASHBOARDS[name]
    drill = selectors.drill_context(user=request.user, code=request.GET.get("region", ""))
    params = selectors.dashboard_params(request.GET, drill.code)
    try:
        data = cached(name, user=request.user, pairs=as_pairs(params), build=lambda: selector(user=request.user, drill=drill, params=params))
        error = None
    except ValidationError as invalid:
        data, error = None, invalid
    filter_pairs = [(key, value) for key, value in as_pairs(params) if key != "region"]
    context = {
        "page": name,
        "title": title,
        "drill": drill,
        "data": data,
        "error": error,
        "exporter": exporter,
        "filter_pairs": filter_pairs,
        "current": {key: params.getlist(key) for key in params},
        "choices": _filter_choices(),
        "charts": CHARTS[name](data, drill, request, filter_pairs) if data else [],
        "dashboards": [(key, value[3]) for key, value in DASHBOARDS.items()],
    }
    return render(request, template, context)


def _dashboard_view(name):
    view = login_required(lambda request: dashboard(request, name))
    view.__name__ = f"{name}_dashboard"
    return view


overview = _dashboard_view("overview")
facilities = _dashboard_view("facilities")
dak = _dashboard_view("dak")
impact = _dashboard_view("impact")
freshness = _dashboard_view("freshness")


@login_required
def export(request, identifier, extension):
    """Direct download when small (one kabupaten/kota), otherwise a background job with progress.

    A direct download holds one of the user's export slots until its last byte is written (core/bounded.py):
    one user cannot run more than EXPENSIVE_REQUESTS_PER_USER at once (429 with a message)."""
    exporter_class = get_exporter(identifier)
    if exporter_class is None or extension not in ExportJob.Format.values:
        raise Http404(_("Laporan tidak dikenal."))
    exporter = exporter_class(user=request.user, params=request.GET)
    try:
        with statement_timeout():
            rows = exporter.row_count()
    except ValidationError as invalid:
        return render(request, "reports/export_error.html", {"error": invalid}, status=400)
    except QueryTooSlow:
        rows = None  # too many to count quickly: certainly a job for the worker
    if rows is None or rows > direct_export_max_rows() or request.GET.get("background") == "1":
        job = export_job_create(user=request.user, exporter_identifier=identifier, export_format=extension, params=request.GET)
        return redirect("reports:job", pk=job.pk)
    slot = user_slot(request.user, "export")
    try:
        slot.__enter__()
    except TooManyAtOnce as refused:
        return render(request, "reports/export_error.html", {"busy": refused.message}, status=429)
    try:
        if extension == "csv" and not is_table_per_file(exporter):
            response = StreamingHttpResponse(_releasing(iter_csv(exporter), slot), content_type="text/csv; charset=utf-8")
            response["Content-Disposition"] = f'attachment; filename="{exporter.filename("csv")}"'
            slot = None  # released by the stream when it ends
            return response
        import tempfile

        handle = tempfile.TemporaryFile()
        if extension == "csv":
            write_csv_zip(exporter, handle)
            handle.seek(0)
            return FileResponse(handle, as_attachment=True, filename=download_name(exporter, "csv"), content_type="application/zip")
        write_xlsx_file(exporter, handle)
        handle.seek(0)
        return FileResponse(
            handle, as_attachment=True, filename=exporter.filename("xlsx"),
            content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        )
    finally:
        if slot is not None:
            slot.__exit__(None, None, None)


def _releasing(chunks, slot):
    """The chunks of a streamed download; the export slot is given back when the stream ends or is dropped."""
    try:
        yield from chunks
    finally:
        slot.__exit__(None, None, None)


@login_required
def job(request, pk):
    job = get_object_or_404(export_job_list(user=request.user), pk=pk)
    return render(request, "reports/job.html", {"job": job})


@login_required
def job_download(request, pk):
    job = get_object_or_404(export_job_list(user=request.user), pk=pk, status=ExportJob.Status.DONE)  # the owner's only
    return file_response(job.file_name, filename=job.file_name.rsplit("/", 1)[-1])


@login_required
def jobs(request):
    return render(request, "reports/jobs.html", {"jobs": export_job_list(user=request.user)[:50]})


@login_required
def profile(request, pk):
    try:
        data = sentra_profile(user=request.user, pk=pk)
    except Sentra.DoesNotExist as missing:
        raise Http404(_("Sentra tidak ditemukan.")) from missing
    return render(request, "reports/profile.html", data)
