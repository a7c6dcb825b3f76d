import tempfile

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import FileResponse, Http404, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from accounts.scope import scope_code

from . import selectors, services
from .forms import CommitForm, UploadForm
from .kinds import KINDS
from .models import ImportJob, RowAction
from .resolvers import RegionResolver
from .workbooks import prefilled_workbook, template_workbook

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
        return selectors.import_job_get(user=request.user, pk=pk)
    except ImportJob.DoesNotExist:
        raise Http404 from None


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
    response = HttpResponse(template_workbook(kind_class(user=request.user, scope="")), content_type=XLSX)
    response["Content-Disposition"] = f'attachment; filename="templat-{kind}.xlsx"'
    return response


@login_required
def prefilled_download(request, kind):
    kind_class = _kind_or_404(kind)
    if scope_code(request.user) is None:
        raise PermissionDenied
    stream = tempfile.TemporaryFile()
    prefilled_workbook(kind_class(user=request.user, scope=scope_code(request.user), regions=RegionResolver()), request.user, stream)
    stream.seek(0)
    stamp = timezone.localtime().strftime("%Y%m%d-%H%M")
    area = (request.user.region_id or "nasional").replace(".", "")
    return FileResponse(stream, as_attachment=True, filename=f"isian-{kind}-{area}-{stamp}.xlsx", content_type=XLSX)


@login_required
def job_detail(request, pk):
    job = _job_or_404(request, pk)
    action = request.GET.get("hasil") or ""
    if action not in RowAction.values:
        action = ""
    rows = selectors.import_row_list(job=job, action=action or None)
    page = KnownCountPaginator(rows, ROWS_PER_PAGE, known_count=_row_total(job, action)).get_page(request.GET.get("halaman"))
    context = {"job": job, "page": page, "action": action, "actions": RowAction.choices, "commit_form": CommitForm(job=job)}
    return render(request, "imports/job.html", context)


def _row_total(job, action):
    counts = {
        RowAction.CREATE: job.created_count, RowAction.UPDATE: job.updated_count, RowAction.REFUSED: job.refused_count,
        RowAction.CONFLICT: job.conflict_count, RowAction.UNCHANGED: 0,
    }
    return counts[action] if action else sum(counts.values())


@login_required
def job_status(request, pk):
    job = _job_or_404(request, pk)
    return JsonResponse({
        "status": job.status, "status_label": job.get_status_display(), "phase": job.phase, "running": job.is_running,
        "processed": job.processed_rows, "total": job.total_rows if job.progress_percent is not None else 0,
        "percent": job.progress_percent,
    })


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
