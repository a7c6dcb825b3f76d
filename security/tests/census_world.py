"""Census objects of the access-matrix world (issue 13): one national round holding the worklist items of
every sentra built (inside Alor and outside, so the round's pages are checked for leaks), a round of NTB
alone (a round the Alor roles must not see), a visit per item and a photo per visit, stored for real."""

import datetime
import uuid

from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from census.models import ItemState, Round, Visit, WorklistItem
from evidence.samples import sample_jpeg
from evidence.services import evidence_store

CENSUS_KEYS = ("census_round", "census_item", "census_visit", "evidence")
NATIONAL_ROUND = "Pendataan nasional"


def _national_round():
    today = timezone.localdate()
    round_, _ = Round.objects.get_or_create(
        name=NATIONAL_ROUND, defaults={"year": today.year, "start_date": today - datetime.timedelta(days=30), "deadline": today + datetime.timedelta(days=30)},
    )
    return round_


def census_object(world, key, tag, unique, desa, parent):
    inside = not tag.startswith("RAHASIA")
    if key == "census_round":
        if inside:
            return _national_round()
        today = timezone.localdate()
        round_ = Round.objects.create(name=f"Pendataan {unique}", year=today.year, start_date=today, deadline=today)
        # A round covers whole provinces: the outside one is always of another province (NTB), since a round of
        # NTT is rightly seen in every kabupaten and kecamatan of NTT.
        round_.provinces.set(["52"])
        return round_
    if key == "census_item":
        sentra = parent("sentra")
        return WorklistItem.objects.create(
            round=_national_round(), sentra=sentra, kabupaten_id=desa.code[:5], province_id=desa.code[:2], sentra_version=sentra.version,
        )
    if key == "census_visit":
        item = parent("census_item")
        visit = Visit.objects.create(
            item=item, officer=world.users["other"], idempotency_key=uuid.uuid4(), visited_on=timezone.localdate(), found_status="aktif",
            notes=f"Catatan {unique}",
        )
        WorklistItem.objects.filter(pk=item.pk).update(state=ItemState.VISITED, current_visit=visit, found_status="aktif")
        return visit
    if key == "evidence":
        visit = parent("census_visit")
        upload = SimpleUploadedFile(f"{unique}.jpg", sample_jpeg(width=64, height=48), content_type="image/jpeg")
        return evidence_store(user=world.users["admin"], attach_to=visit, region_code=desa.code, upload=upload)
    raise KeyError(key)
