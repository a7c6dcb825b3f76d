"""Serving evidence files: only through these views, only inside the viewer's region scope (404 outside, the
same answer as a file that does not exist), never as a public /media/ address."""

from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.files.storage import default_storage
from django.http import FileResponse, Http404
from django.utils.translation import gettext as _

from .models import Evidence
from .selectors import evidence_get


def _serve(request, pk, *, thumb):
    try:
        evidence = evidence_get(user=request.user, pk=pk)
    except (Evidence.DoesNotExist, ValidationError) as missing:
        raise Http404(_("Berkas tidak ditemukan.")) from missing
    name = evidence.thumbnail_name if thumb else evidence.file_name
    if not name:
        raise Http404(_("Berkas tidak ditemukan."))
    try:
        handle = default_storage.open(name, "rb")
    except (FileNotFoundError, OSError) as missing:
        raise Http404(_("Berkas tidak ditemukan.")) from missing
    response = FileResponse(handle, content_type="image/jpeg" if thumb else evidence.mime_type)
    extension = name.rsplit(".", 1)[-1]
    response["Content-Disposition"] = f'inline; filename="bukti-{evidence.pk}.{extension}"'
    # Private: a shared proxy must never hand one officer's photo to another user.
    response["Cache-Control"] = "private, max-age=3600"
    response["Content-Security-Policy"] = "default-src 'none'; sandbox"
    return response


@login_required
def evidence_file(request, pk):
    return _serve(request, pk, thumb=False)


@login_required
def evidence_thumbnail(request, pk):
    return _serve(request, pk, thumb=True)
