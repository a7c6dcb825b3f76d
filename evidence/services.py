"""Writes of evidence files: check, store under a random name, make a thumbnail, record the row.

Files are written through `django.core.files.storage.default_storage` (STORAGES["default"], set by the
FILE_STORAGE environment variable), so an S3-compatible bucket via django-storages works by settings alone.
A database row that is rolled back must not leave its files behind: `stored_files()` removes what it stored
when the block around it fails.
"""

import contextlib
import hashlib
import uuid

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.scope import region_in_scope

from .images import coordinate, inspect, parse_exif_time, read_limited, thumbnail
from .models import Evidence, ExifSource


def max_per_record():
    return getattr(settings, "EVIDENCE_MAX_PER_RECORD", 5)


def check_count(count):
    limit = max_per_record()
    if count > limit:
        raise ValidationError(_("Paling banyak %(limit)s foto per kunjungan.") % {"limit": limit}, code="too_many")


@contextlib.contextmanager
def stored_files():
    """Collects the names stored inside the block; deletes them if the block raises (the rows rolled back)."""
    names = []
    try:
        yield names
    except BaseException:
        for name in names:
            with contextlib.suppress(Exception):
                default_storage.delete(name)
        raise


def inspect_upload(upload, *, allow_documents=False):
    """(bytes, Inspected) of an upload, or ValidationError naming the file."""
    try:
        data = read_limited(upload)
        return data, inspect(data, allow_documents=allow_documents)
    except ValidationError as error:
        name = getattr(upload, "name", "") or _("berkas")
        raise ValidationError(_("%(name)s: %(reason)s") % {"name": name[:80], "reason": " ".join(error.messages)}, code=error.code) from error


def _random_name(extension):
    now = timezone.now()
    return f"evidence/{now:%Y/%m}/{uuid.uuid4().hex}.{extension}"


def evidence_store(*, user, attach_to, region_code, upload, inspected=None, data=None, exif=None, position=0, names=None):
    """Store one checked file attached to `attach_to` (any model row) in region `region_code`.

    `exif` is what the browser read from the photo before shrinking it ({"taken_at", "latitude",
    "longitude"}); it is used only where the stored file carries no EXIF of its own. `names` (from
    `stored_files()`) collects the storage names so a failed transaction can remove them.
    """
    if not region_in_scope(user, region_code):
        raise ValidationError(_("Wilayah %(code)s di luar cakupan wilayah Anda.") % {"code": region_code})
    if inspected is None:
        data, inspected = inspect_upload(upload)
    taken_at, latitude, longitude, source = inspected.taken_at, inspected.latitude, inspected.longitude, ExifSource.FILE
    if taken_at is None and latitude is None and exif:
        taken_at = parse_exif_time(exif.get("taken_at"))
        latitude = coordinate(exif.get("latitude"), 90)
        longitude = coordinate(exif.get("longitude"), 180)
        if latitude is None or longitude is None:
            latitude = longitude = None
        source = ExifSource.BROWSER
    if taken_at is None and latitude is None:
        source = ExifSource.NONE
    names = names if names is not None else []
    file_name = default_storage.save(_random_name(inspected.extension), ContentFile(data))
    names.append(file_name)
    thumbnail_name = ""
    if inspected.kind == "photo":
        thumbnail_name = default_storage.save(_random_name("thumb.jpg"), ContentFile(thumbnail(data)))
        names.append(thumbnail_name)
    evidence = Evidence(
        kind=inspected.kind, region_id=region_code, content_type=ContentType.objects.get_for_model(attach_to),
        object_id=str(attach_to.pk), file_name=file_name, thumbnail_name=thumbnail_name, mime_type=inspected.mime_type,
        size_bytes=len(data), width=inspected.width, height=inspected.height, sha256=hashlib.sha256(data).hexdigest(),
        original_name=(getattr(upload, "name", "") or "")[:200], taken_at=taken_at, exif_latitude=latitude,
        exif_longitude=longitude, exif_source=source, position=position, uploaded_by=user,
    )
    evidence.full_clean()
    evidence.save()
    return evidence


def evidence_for(obj):
    return Evidence.objects.filter(content_type=ContentType.objects.get_for_model(obj), object_id=str(obj.pk))
