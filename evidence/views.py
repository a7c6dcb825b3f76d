"""Serving evidence files: only through these views, only inside the viewer's region scope (404 outside, the
same answer as a file that does not exist), never as a public /media/ address."""

from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404
from django.utils.translation import gettext as _

from core.files import file_response

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
    extension = name.rsplit(".", 1)[-1]
    response = file_response(
        name, filename=f"bukti-{evidence.pk}.{extension}", as_attachment=False,
        content_type="image/jpeg" if thumb else evidence.mime_type,
    )
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
