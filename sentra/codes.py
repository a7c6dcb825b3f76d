"""Generated sentra codes: `<kabupaten/kota code without dots>-<number>`, e.g. 5305-004 for the fourth sentra
numbered in Kab. Alor (53.05). Three digits at least, more when a kabupaten passes 999.

The create form offers the next free code and the user may change it. When the offered code is kept (or the
box left empty), `sentra_create_numbered` takes the next free number at the moment of saving, under a lock
on the kabupaten's region row: two officers saving at once both succeed, with consecutive numbers. Codes of
deleted sentra stay taken (they can be restored).
"""

import re

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from regions.models import Region, kabupaten_of

from .models import Sentra

WIDTH = 3
ATTEMPTS = 5


def code_prefix(kabupaten_code):
    return kabupaten_code.replace(".", "")


def next_sentra_code(kabupaten_code):
    prefix = code_prefix(kabupaten_code)
    pattern = re.compile(rf"^{re.escape(prefix)}-(\d+)$")
    used = (pattern.match(code) for code in Sentra.all_objects.filter(code__startswith=f"{prefix}-").values_list("code", flat=True))
    highest = max((int(match.group(1)) for match in used if match), default=0)
    return f"{prefix}-{highest + 1:0{WIDTH}d}"


def is_generated_for(code, kabupaten_code):
    return bool(kabupaten_code) and re.fullmatch(rf"{re.escape(code_prefix(kabupaten_code))}-\d{{{WIDTH},}}", code or "") is not None


def sentra_create_numbered(*, user, data, commodity_ids=(), primary_commodity_id=None):
    """sentra_create with the next free code of the desa's kabupaten/kota, taken at the moment of saving."""
    from .services import sentra_create

    desa = data.get("desa")
    kabupaten = kabupaten_of(getattr(desa, "code", None))
    if kabupaten is None:
        raise ValidationError({"code": ValidationError(_("Pilih desa/kelurahan dulu agar kode sentra dapat dibuat."), code="required")})
    for attempt in range(ATTEMPTS):
        try:
            with transaction.atomic():
                # Serialises numbering per kabupaten on PostgreSQL; SQLite serialises every write transaction anyway.
                list(Region.objects.select_for_update().filter(code=kabupaten).values_list("code", flat=True))
                return sentra_create(user=user, data={**data, "code": next_sentra_code(kabupaten)},
                                     commodity_ids=commodity_ids, primary_commodity_id=primary_commodity_id)
        except ValidationError as error:
            # Taken meanwhile (full_clean's unique check, or the unique index when both passed it at once).
            taken = (hasattr(error, "error_dict") and "code" in error.error_dict) or (
                getattr(error, "code", None) == "integrity" and "code" in str(error)
            )
            if not taken or attempt == ATTEMPTS - 1:
                raise
    raise AssertionError("unreachable")
