"""Checking an uploaded file before anything is stored: its real type (from its bytes, not its name), its size
in bytes and pixels, decompression bombs, and the EXIF time and position a camera wrote into a photo."""

import io
import warnings
from dataclasses import dataclass
from datetime import datetime
from decimal import ROUND_HALF_UP, Decimal

from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext as _
from PIL import ExifTags, Image, UnidentifiedImageError

# Formats as Pillow names them -> the type the file is served with. Anything else is refused.
IMAGE_TYPES = {"JPEG": "image/jpeg", "PNG": "image/png", "WEBP": "image/webp"}
PDF_MAGIC = b"%PDF-"
THUMBNAIL_SIZE = (320, 320)


def max_bytes():
    return getattr(settings, "EVIDENCE_MAX_BYTES", 8 * 1024 * 1024)


def max_pixels():
    return getattr(settings, "EVIDENCE_MAX_PIXELS", 40_000_000)


@dataclass
class Inspected:
    kind: str  # "photo" or "document"
    mime_type: str
    extension: str
    width: int | None = None
    height: int | None = None
    taken_at: datetime | None = None
    latitude: Decimal | None = None
    longitude: Decimal | None = None


def read_limited(upload):
    """The upload's bytes, refusing it as soon as it passes the byte limit (never read in full first)."""
    limit = max_bytes()
    if getattr(upload, "size", None) and upload.size > limit:
        raise ValidationError(_("Berkas melebihi batas %(mb)s MB.") % {"mb": _megabytes(limit)}, code="too_large")
    upload.seek(0)
    data = upload.read(limit + 1)
    if len(data) > limit:
        raise ValidationError(_("Berkas melebihi batas %(mb)s MB.") % {"mb": _megabytes(limit)}, code="too_large")
    if not data:
        raise ValidationError(_("Berkas kosong."), code="empty")
    return data


def _megabytes(value):
    return f"{value / (1024 * 1024):.0f}"


def inspect(data, *, allow_documents=False):
    """What the bytes really are; ValidationError (in the user's language) for anything not accepted."""
    if data.startswith(PDF_MAGIC):
        if not allow_documents:
            raise ValidationError(_("Hanya foto JPEG, PNG atau WebP yang diterima."), code="wrong_type")
        return Inspected(kind="document", mime_type="application/pdf", extension="pdf")
    limit = max_pixels()
    try:
        with warnings.catch_warnings():
            # Pillow warns above MAX_IMAGE_PIXELS and raises above twice that; both are refusals here.
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            with Image.open(io.BytesIO(data)) as image:
                format_name = image.format
                width, height = image.size
                # The header is read, the pixels are not: refuse before decoding what would not fit in memory.
                if width * height > limit:
                    raise ValidationError(
                        _("Gambar terlalu besar: %(pixels)s piksel, batasnya %(limit)s.") % {"pixels": f"{width * height:,}".replace(",", "."), "limit": f"{limit:,}".replace(",", ".")},
                        code="too_many_pixels",
                    )
                if format_name not in IMAGE_TYPES:
                    raise ValidationError(_("Hanya foto JPEG, PNG atau WebP yang diterima."), code="wrong_type")
                exif = image.getexif()
                image.load()  # a truncated or corrupt file fails here, not later when the thumbnail is made
    except ValidationError:
        raise
    except (Image.DecompressionBombError, Image.DecompressionBombWarning) as error:
        raise ValidationError(_("Gambar ditolak: ukurannya setelah dibuka terlalu besar (decompression bomb)."), code="bomb") from error
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError) as error:
        raise ValidationError(_("Hanya foto JPEG, PNG atau WebP yang diterima."), code="wrong_type") from error
    taken_at, latitude, longitude = exif_evidence(exif)
    return Inspected(
        kind="photo", mime_type=IMAGE_TYPES[format_name], extension=format_name.lower().replace("jpeg", "jpg"),
        width=width, height=height, taken_at=taken_at, latitude=latitude, longitude=longitude,
    )


def thumbnail(data):
    """A small JPEG for lists and review pages (EXIF dropped; turned upright as the camera meant)."""
    from PIL import ImageOps

    with Image.open(io.BytesIO(data)) as image:
        image = ImageOps.exif_transpose(image)
        image.thumbnail(THUMBNAIL_SIZE)
        if image.mode not in ("RGB", "L"):
            image = image.convert("RGB")
        out = io.BytesIO()
        image.save(out, "JPEG", quality=80)
        return out.getvalue()


# --- EXIF ------------------------------------------------------------------------------------------------

def exif_evidence(exif):
    """(taken_at, latitude, longitude) from Pillow's Exif; None for what is absent or unreadable."""
    if not exif:
        return None, None, None
    try:
        details = exif.get_ifd(ExifTags.IFD.Exif)
        stamp = details.get(ExifTags.Base.DateTimeOriginal) or exif.get(ExifTags.Base.DateTime)
        taken_at = parse_exif_time(stamp)
    except Exception:  # EXIF is written by thousands of camera firmwares; a broken one is no reason to refuse
        taken_at = None
    try:
        gps = exif.get_ifd(ExifTags.IFD.GPSInfo)
        latitude = _degrees(gps.get(ExifTags.GPS.GPSLatitude), gps.get(ExifTags.GPS.GPSLatitudeRef), 90)
        longitude = _degrees(gps.get(ExifTags.GPS.GPSLongitude), gps.get(ExifTags.GPS.GPSLongitudeRef), 180)
    except Exception:
        latitude = longitude = None
    if latitude is None or longitude is None:
        latitude = longitude = None
    return taken_at, latitude, longitude


def parse_exif_time(value):
    """'2027:03:14 09:30:05' (camera local time, no zone) -> an aware datetime in the site's zone."""
    if not value:
        return None
    text = str(value).strip().replace("T", " ")[:19]
    for pattern in ("%Y:%m:%d %H:%M:%S", "%Y-%m-%d %H:%M:%S"):
        try:
            stamp = datetime.strptime(text, pattern)
        except ValueError:
            continue
        if not 1990 <= stamp.year <= 2100:
            return None
        return timezone.make_aware(stamp) if timezone.is_naive(stamp) else stamp
    return None


def _degrees(parts, ref, bound):
    if not parts or len(parts) != 3:
        return None
    value = float(parts[0]) + float(parts[1]) / 60 + float(parts[2]) / 3600
    if str(ref or "").upper() in ("S", "W"):
        value = -value
    return coordinate(value, bound)


def coordinate(value, bound):
    """A latitude (bound 90) or longitude (bound 180) as 6 decimals, None when missing or out of range."""
    if value in (None, ""):
        return None
    try:
        number = Decimal(str(value)).quantize(Decimal("0.000001"), rounding=ROUND_HALF_UP)
    except Exception:
        return None
    if not number.is_finite() or abs(number) > bound:
        return None
    return number
