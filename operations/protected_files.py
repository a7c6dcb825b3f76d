"""Sending a file the app has already authorised (an export, an import upload, an evidence photo).

Behind nginx with PROTECTED_FILES_ACCEL_PREFIX=/_protected/ the app answers only with headers and
X-Accel-Redirect: nginx streams the file from its `internal` location (deploy/nginx/sentra.conf), so a
large download ties up no gunicorn worker. Without it (development, S3 storage) Django streams the file.
"""

from urllib.parse import quote

from django.conf import settings
from django.core.files.storage import default_storage
from django.http import FileResponse, HttpResponse
from django.utils.encoding import escape_uri_path


def protected_file_response(name, *, filename, content_type=None):
    """`name` is the storage name (already checked against the user's scope); `filename` what the user sees."""
    prefix = settings.PROTECTED_FILES_ACCEL_PREFIX
    if not prefix:
        return FileResponse(default_storage.open(name, "rb"), as_attachment=True, filename=filename, content_type=content_type)
    response = HttpResponse(content_type=content_type or "application/octet-stream")
    response["X-Accel-Redirect"] = prefix.rstrip("/") + "/" + quote(name)
    response["Content-Disposition"] = f"attachment; filename*=utf-8''{escape_uri_path(filename)}"
    response["X-Content-Type-Options"] = "nosniff"
    return response
