"""ETag / If-Match from the record's `version`: lost-update protection for API writes.

A write WITH If-Match must name the current version, else 412 and nothing changes. A write WITHOUT
If-Match is accepted and the last write wins (partners that cannot keep ETags still work); the version
still moves on, so a later write carrying the old ETag is refused.
"""

from .errors import PreconditionFailed


def etag_for(instance):
    version = getattr(instance, "version", None)
    return f'"{version}"' if version is not None else None


def expected_version(request, instance):
    """The version the caller's If-Match vouches for, None without If-Match; PreconditionFailed if stale."""
    header = request.headers.get("If-Match")
    if header is None:
        return None
    tags = [tag.strip() for tag in header.split(",") if tag.strip()]
    if "*" in tags:
        return None
    current = str(instance.version)
    if any(tag.removeprefix("W/").strip('"') == current for tag in tags):
        return instance.version
    raise PreconditionFailed()
