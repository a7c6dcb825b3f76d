import tempfile

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import FileResponse, Http404, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from accounts.scope import scope_code

from . import downloads, mapping as mappings, selectors, services
from .display import rows_for_page
from .forms import CommitForm, UploadForm
from .kinds import KINDS
from .models import DONE_LABELS, ImportJob, ImportStatus, RowAction, WorkbookJob
from .progress import saving_progress
from .workbooks import template_workbook

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
ROWS_PER_PAGE = 100


class KnownCountPaginator(Paginator):
    """The job already holds the counts: no COUNT(*) over a 100,000-row preview."""

    def __init__(self, object_list, per_page, *, known_count):
        super().__init__(object_list, per_page)
        self.known_count = known_count

    @property
    def count(self):
        return self.known_count


def _kind_or_404(code):
    try:
        return KINDS[code]
    except KeyError:
        raise Http404 from None


def _job_or_404(request, pk):
    try:
        job = selectors.import_job_get(user=request.user, pk=pk)
    except ImportJob.DoesNotExist:
        raise Http404 from None
    if job.status == ImportStatus.SAVING:  # on SQLite the commit reports around its transaction (imports/progress.py)
        reported = saving_progress(ImportJob, job.pk)
        if reported is not None:
            job.processed_rows, job.total_rows, job.phase = reported
    return job


@login_required
def import_home(request):
    form = UploadForm(request.POST or None, request.FILES or None)
    if request.method == "POST":
        if not request.user.can_edit_records:
            raise PermissionDenied(_("Anda tidak berwenang mengimpor data."))
        if form.is_valid():
            try:
                job = services.import_job_create(user=request.user, kind=form.cleaned_data["kind"], upload=form.cleaned_data["file"])
            except ValidationError as error:
                form.add_error("file", error)
            else:
                return redirect("imports:job", pk=job.pk)
    jobs = selectors.import_job_list(user=request.user)[:20]
    return render(request, "imports/home.html", {"form": form, "jobs": jobs, "kinds": KINDS.values()})


@login_required
def template_download(request, kind):
    kind_class = _kind_or_404(kind)
    response = HttpResponse(template_workbook(kind_class(user=request.user, scope=""), request.user), content_type=XLSX)
    response["Content-Disposition"] = f'attachment; filename="templat-{kind}.xlsx"'
    return response


@login_required
def prefilled_download(request, kind):
    _kind_or_404(kind)
    if scope_code(request.user) is None:
        raise PermissionDenied
    if downloads.prefilled_count(request.user, kind) > downloads.direct_max():
        job = downloads.workbook_job_create(user=request.user, kind_code=kind)
        return redirect("imports:prefilled_job", pk=job.pk)
    stream = tempfile.TemporaryFile()
    downloads.write_prefilled(request.user, kind, stream)
    stream.seek(0)
    return FileResponse(stream, as_attachment=True, filename=downloads.download_name(request.user, kind), content_type=XLSX)


def _workbook_job_or_404(request, pk):
    try:
        return selectors.workbook_job_get(user=request.user, pk=pk)
    except WorkbookJob.DoesNotExist:
        raise Http404 from None


@login_required
def prefilled_job(request, pk):
    job = _workbook_job_or_404(request, pk)
    return render(request, "imports/prefilled_job.html", {"job": job, "kind": KINDS.get(job.kind)})


@login_required
def prefilled_status(request, pk):
    job = _workbook_job_or_404(request, pk)
    return JsonResponse({
        "status": job.status, "status_label": job.get_status_display(), "running": job.is_running, "processed": job.rows_done,
        "total": job.rows_total, "percent": job.progress_percent, "phase": "",
    })


@login_required
def prefilled_file(request, pk):
    job = _workbook_job_or_404(request, pk)
    if job.status != WorkbookJob.Status.DONE or not job.file:
        raise Http404
    return FileResponse(job.file.open("rb"), as_attachment=True, filename=job.download_name, content_type=XLSX)


def _row_total(job, action):
    counts = {
        RowAction.CREATE: job.created_count, RowAction.UPDATE: job.updated_count, RowAction.REFUSED: job.refused_count,
        RowAction.CONFLICT: job.conflict_count, RowAction.REVIEW: job.review_count, RowAction.SKIPPED: job.skipped_count,
        RowAction.UNCHANGED: 0,
    }
    return counts[action] if action else sum(counts.values())


def _setup_context(job):
    kind = KINDS[job.kind]
    targets = mappings.targets_of(kind(user=job.user, scope=""))
    required = {column.header for column in kind.columns if column.required}
    mapped = {entry["target"] for entry in job.mapping if entry.get("target")}
    return {
        "targets": targets,
        "missing_required": [header for header in required if header not in mapped],
        "how_labels": {
            mappings.TEMPLATE: _("sama dengan templat"), mappings.ALIAS: _("nama lain yang dikenal"), mappings.FUZZY: _("mirip, periksa"),
            mappings.REMEMBERED: _("pilihan kantor Anda sebelumnya"), mappings.USER: _("pilihan Anda"), mappings.IGNORE: _("diabaikan"),
            mappings.NONE: _("tidak dikenal"), mappings.HIDDEN: _("kolom tersembunyi, diabaikan"),
        },
    }


@login_required
def job_detail(request, pk):
    job = _job_or_404(request, pk)
    action = request.GET.get("hasil") or ""
    if action not in RowAction.values:
        action = ""
    context = {"job": job, "action": action, "actions": RowAction.choices, "commit_form": CommitForm(job=job),
               "done_labels": DONE_LABELS if job.status == ImportStatus.DONE else {}}
    if job.status == ImportStatus.SETUP or request.GET.get("atur") == "1" and job.status == ImportStatus.PREVIEW:
        context.update(_setup_context(job), setup=True)
    if job.status in (ImportStatus.PREVIEW, ImportStatus.DONE):
        rows = selectors.import_row_list(job=job, action=action or None)
        page = KnownCountPaginator(rows, ROWS_PER_PAGE, known_count=_row_total(job, action)).get_page(request.GET.get("halaman"))
        context.update(page=page, shown=rows_for_page(job, page.object_list), value_choices=_value_choices(job))
    return render(request, "imports/job.html", context)


def _value_choices(job):
    """Choices for mapping unknown reference values (commodities, equipment types, DAK menu) in the preview."""
    unknown = (job.summary or {}).get("unknown_values") or {}
    if not unknown:
        return {}
    from commodities.models import Commodity
    from facilities.models import EquipmentType
    from funding.models import DakMenu

    sources = {"Komoditas": Commodity, "Komoditas Utama": Commodity, "Jenis Peralatan": EquipmentType, "Menu Kegiatan": DakMenu}
    return {column: list(sources[column].objects.order_by("name").values_list("id", "name")) for column in unknown if column in sources}


@login_required
def job_status(request, pk):
    job = _job_or_404(request, pk)
    return JsonResponse({
        "status": job.status, "status_label": job.get_status_display(), "phase": job.phase, "running": job.is_running,
        "processed": job.processed_rows, "total": job.total_rows if job.progress_percent is not None else 0,
        "percent": job.progress_percent,
    })


def _post_errors(request, error):
    for message in error.messages:
        messages.error(request, message)


@login_required
@require_POST
def job_setup(request, pk):
    job = _job_or_404(request, pk)
    post = request.POST
    try:
        if "sheet" in post:
            services.import_job_setup(user=request.user, job=job, sheet_name=post["sheet"])
        elif "header_row" in post:
            services.import_job_setup(user=request.user, job=job, header_row=int(post["header_row"]))
        else:
            targets = [post.get(f"target_{position}", "") for position in range(len(job.mapping))]
            services.import_job_setup(user=request.user, job=job, targets=targets)
    except ValidationError as error:
        _post_errors(request, error)
        return redirect(f"{job.get_absolute_url()}?atur=1" if job.status == ImportStatus.PREVIEW else job.get_absolute_url())
    except ValueError:
        messages.error(request, _("Pilihan tidak sah."))
    return redirect("imports:job", pk=job.pk)


@login_required
@require_POST
def job_answer(request, pk):
    job = _job_or_404(request, pk)
    post = request.POST
    numbers = {key[len("angka_"):]: value for key, value in post.items() if key.startswith("angka_") and value}
    values = {}
    for key, value in post.items():
        if key.startswith("nilai__") and value:
            _prefix, column, raw = key.split("__", 2)
            values.setdefault(column, {})[raw] = value
    try:
        services.import_job_answer(
            user=request.user, job=job, numbers=numbers or None,
            include_hidden={"1": True, "0": False}.get(post.get("tersembunyi")),
            row=post.get("baris") or None, choice=post.get("pilihan"),
            all_similar=post.get("semua_mirip"), all_conflicts=post.get("semua_konflik"), values=values or None,
        )
    except ValidationError as error:
        _post_errors(request, error)
    except ValueError:
        messages.error(request, _("Pilihan tidak sah."))
    return redirect("imports:job", pk=job.pk)


@login_required
@require_POST
def job_commit(request, pk):
    job = _job_or_404(request, pk)
    form = CommitForm(request.POST, job=job)
    if not form.is_valid():
        for error in form.non_field_errors():
            messages.error(request, error)
        return redirect("imports:job", pk=job.pk)
    try:
        job = services.import_job_request_commit(user=request.user, job=job)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    return redirect("imports:job", pk=job.pk)


@login_required
@require_POST
def job_cancel(request, pk):
    job = _job_or_404(request, pk)
    services.import_job_cancel(user=request.user, job=job)
    messages.info(request, _("Impor dibatalkan; tidak ada data yang disimpan."))
    return redirect("imports:home")
