"""Opening a census round: the round and one worklist item per live sentra in scope, in bulk.

11,000 sentra must open in seconds: the items are built from one `.values_list()` of the sentra (no model
instances, no per-row query) and written with `bulk_create` in batches.
"""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q
from django.utils.translation import gettext as _

from core.text import normalise_text
from regions.models import Region
from sentra.models import Sentra

from ..models import Round, WorklistItem
from ..permissions import ensure_can_open_round
from .signals import round_changed

BATCH_SIZE = 2000


@transaction.atomic
def round_open(*, user, data, province_codes=()):
    """Create the round and its worklist; `province_codes` empty = national."""
    ensure_can_open_round(user)
    data = {**data, "name": normalise_text(data.get("name", ""))}
    round_ = Round(created_by=user, **data)
    round_.full_clean()
    codes = sorted(set(province_codes))
    provinces = list(Region.objects.filter(code__in=codes, level=1))
    if len(provinces) != len(codes):
        unknown = sorted(set(codes) - {p.code for p in provinces})
        raise ValidationError({"provinces": _("Provinsi tidak dikenal: %(codes)s.") % {"codes": ", ".join(unknown)}})
    round_.save()
    round_.provinces.set(provinces)
    sentra = Sentra.objects.all()
    if codes:
        scope = Q()
        for code in codes:
            scope |= Q(desa__code__startswith=code + ".")
        sentra = sentra.filter(scope)
    rows = sentra.order_by("pk").values_list("pk", "desa_id", "version")
    items = [
        WorklistItem(round=round_, sentra_id=pk, kabupaten_id=desa[:5], province_id=desa[:2], sentra_version=version)
        for pk, desa, version in rows.iterator(chunk_size=BATCH_SIZE)
    ]
    if not items:
        raise ValidationError(_("Tidak ada sentra di wilayah putaran ini."))
    WorklistItem.objects.bulk_create(items, batch_size=BATCH_SIZE)
    Round.objects.filter(pk=round_.pk).update(item_count=len(items))
    round_.item_count = len(items)
    round_changed(round_.pk)
    return round_
