"""Stored files (import uploads, export files, evidence photos) reach a browser only through a view that
has already checked the user's scope; their stored names are random, so a name cannot be guessed.

Nothing under MEDIA_ROOT is served as a static directory in any mode (config/urls.py serves no /media/).
A view loads the record through its scoped selector (404 when out of scope, like every record), then
answers with `file_response(record's stored name, filename=...)`. With `PROTECTED_FILES_ACCEL_PREFIX` set
(e.g. "/_protected/", the nginx `internal` location of deploy/nginx/sentra.conf aliasing MEDIA_ROOT) the web
server sends the bytes (X-Accel-Redirect) after the app has decided, so a large download ties up no gunicorn
worker; otherwise (development, S3 storage) the app streams them.
"""

import mimetypes
import os
import uuid
from urllib.parse import quote

from django.conf import settings
from django.core.files.storage import default_storage
from django.http import FileResponse, Http404, HttpResponse
from django.utils.encoding import escape_uri_path
from django.utils.translation import gettext as _


def random_name(folder, original_name):
    """`<folder>/<32 random hex digits><.ext>`: the original name (which may say whose file it is, or be
    guessable, like a pre-filled workbook's) is kept on the record, never in the storage path."""
    extension = os.path.splitext(original_name or "")[1].lower()
    extension = extension if extension[1:].isalnum() and len(extension) <= 6 else ""
    return f"{folder.strip('/')}/{uuid.uuid4().hex}{extension}"


def file_response(name, *, filename, as_attachment=True, content_type=None):
    """The stored file `name` as a response. Only call it with a name read from a record the user's scoped
    selector returned: this function checks nothing about the user."""
    if not name or not default_storage.exists(name):
        raise Http404(_("Berkas tidak ditemukan."))
    content_type = content_type or mimetypes.guess_type(filename)[0] or "application/octet-stream"
    prefix = settings.PROTECTED_FILES_ACCEL_PREFIX
    if prefix:
        response = HttpResponse(content_type=content_type)
        response["X-Accel-Redirect"] = prefix.rstrip("/") + "/" + quote(name.lstrip("/"))
        disposition = "attachment" if as_attachment else "inline"
        response["Content-Disposition"] = f"{disposition}; filename*=utf-8''{escape_uri_path(filename)}"
    else:
        response = FileResponse(default_storage.open(name, "rb"), as_attachment=as_attachment, filename=filename, content_type=content_type)
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "private, no-store"  # a scoped answer: no shared cache may keep it
    return response
