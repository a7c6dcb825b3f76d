"""Import limits, overridable in settings; defaults fit a kabupaten office's largest sheets with room to spare."""

from django.conf import settings


def limit(name):
    return getattr(settings, name, DEFAULTS[name])


DEFAULTS = {
    "IMPORT_MAX_ROWS": 100_000,
    "IMPORT_MAX_BYTES": 20 * 1024 * 1024,
    # Unpacked size of every part of an .xlsx together; a real 100,000-row sheet unpacks to well under this.
    "IMPORT_MAX_UNCOMPRESSED_BYTES": 400 * 1024 * 1024,
    # Real sheets compress 5-60x; a zip bomb compresses thousands of times.
    "IMPORT_MAX_COMPRESSION_RATIO": 200,
    # Files up to this size are checked in the request; larger ones go to the background worker.
    "IMPORT_SYNC_MAX_BYTES": 256 * 1024,
}
