"""The phone's endpoints and the scope promise: Belu's officer never sees Alor's worklist, visits, photos or
sync answers; photos are served only by the scoped view; the sync endpoint stores a visit once."""

import json

import pytest
from django.urls import reverse
from django.utils import timezone

from census.models import Visit
from census.services import kabupaten_submit, visit_record
from evidence.models import Evidence

from .conftest import payload, photo

pytestmark = pytest.mark.django_db


def sync(client, data, photos=None, exif=None):
    files = photos if photos is not None else [photo()]
    return client.post(reverse("census:sync"), {"visit": json.dumps(data), "exif": json.dumps(exif or []), "photos": files})


@pytest.fixture
def recorded(alor_staff, mali_item, mali):
    visit, _ = visit_record(user=alor_staff, item_id=mali_item.pk, payload=payload(mali_item, mali), photos=[photo()])
    return visit


def test_sync_stores_once_and_answers_the_same_visit_again(client, alor_staff, mali_item, mali):
    client.force_login(alor_staff)
    data = payload(mali_item, mali)
    exif = [{"taken_at": "2027:03:14 09:30:05", "latitude": "-8.2184", "longitude": "124.5539"}]
    shrunk = photo(taken_at=None)  # the browser's canvas dropped EXIF: it came beside the file
    first = sync(client, data, [shrunk], exif)
    assert first.status_code == 201, first.content
    again = sync(client, data, [photo(taken_at=None)], exif)
    assert again.status_code == 200 and again.json()["visit"] == first.json()["visit"]
    assert Visit.objects.count() == 1 and Evidence.objects.count() == 1
    evidence = Evidence.objects.get()
    assert evidence.exif_source == "browser" and str(evidence.exif_latitude) == "-8.218400"
    assert timezone.localtime(evidence.taken_at).isoformat() == "2027-03-14T09:30:05+07:00"


def test_sync_refuses_oversized_and_too_many_photos_without_writing(client, settings, alor_staff, mali_item, mali):
    client.force_login(alor_staff)
    response = sync(client, payload(mali_item, mali), [photo() for _ in range(6)])
    assert response.status_code == 400 and "5" in response.json()["error"]
    settings.EVIDENCE_MAX_BYTES = 1000
    response = sync(client, payload(mali_item, mali))
    assert response.status_code == 400 and "MB" in response.json()["error"]
    assert Visit.objects.count() == 0 and Evidence.objects.count() == 0


def test_sync_of_a_bad_body_is_a_clear_400(client, alor_staff, mali_item):
    client.force_login(alor_staff)
    response = client.post(reverse("census:sync"), {"visit": "{not json"})
    assert response.status_code == 400 and response.json()["ok"] is False


def test_sync_without_a_session_asks_for_login(client, mali_item, mali):
    response = sync(client, payload(mali_item, mali))
    assert response.status_code == 302 and "/akun/masuk/" in response["Location"]  # the phone keeps it and asks to log in


def test_belu_officer_cannot_sync_an_alor_item_and_learns_nothing(client, belu_staff, mali_item, mali):
    client.force_login(belu_staff)
    response = sync(client, payload(mali_item, mali))
    missing = sync(client, {**payload(mali_item, mali), "item": 999999})
    assert response.status_code == missing.status_code == 404
    assert response.json() == missing.json()
    assert Visit.objects.count() == 0


def test_belu_worklist_has_no_alor_sentra(client, belu_staff, alor_staff, census_round, recorded):
    client.force_login(belu_staff)
    items = client.get(reverse("census:app_worklist")).json()["items"]
    assert [item["sentra"]["code"] for item in items] == ["BLU-FTB"]
    page = client.get(reverse("census:worklist", args=[census_round.pk])).content.decode()
    assert "BLU-FTB" in page and "ALR-MALI" not in page and "Sentra IKM Mali" not in page
    client.force_login(alor_staff)
    assert [item["sentra"]["code"] for item in client.get(reverse("census:app_worklist")).json()["items"]] == ["ALR-MALI"]


def test_belu_officer_never_sees_alor_visit_or_photos(client, belu_staff, alor_staff, ntt_staff, recorded):
    evidence = Evidence.objects.get()
    client.force_login(alor_staff)
    assert client.get(reverse("evidence:file", args=[evidence.pk])).status_code == 200
    thumb = client.get(reverse("evidence:thumbnail", args=[evidence.pk]))
    assert thumb.status_code == 200 and thumb["Content-Type"] == "image/jpeg" and "private" in thumb["Cache-Control"]
    client.force_login(ntt_staff)
    assert client.get(reverse("evidence:file", args=[evidence.pk])).status_code == 200
    client.force_login(belu_staff)
    assert client.get(reverse("evidence:file", args=[evidence.pk])).status_code == 404
    assert client.get(reverse("evidence:thumbnail", args=[evidence.pk])).status_code == 404
    assert client.get(reverse("census:item", args=[recorded.item_id])).status_code == 404
    assert client.get("/api/v1/census-visits/").json()["results"] == []
    assert client.get(f"/api/v1/census-visits/{recorded.pk}/").status_code == 404


def test_photos_are_not_reachable_under_media(client, alor_staff, recorded, settings):
    evidence = Evidence.objects.get()
    client.force_login(alor_staff)
    assert client.get(settings.MEDIA_URL + evidence.file_name).status_code == 404 or not settings.DEBUG
    assert "/" in evidence.file_name and len(evidence.file_name.rsplit("/", 1)[1]) >= 32  # random name


def test_anonymous_gets_no_photo(client, recorded):
    evidence = Evidence.objects.get()
    response = client.get(reverse("evidence:file", args=[evidence.pk]))
    assert response.status_code == 302 and "/akun/masuk/" in response["Location"]


def test_submit_page_sends_only_own_kabupaten(client, belu_staff, alor_staff, census_round, recorded):
    client.force_login(belu_staff)
    response = client.post(reverse("census:submit", args=[census_round.pk]), {"kabupaten": "53.05"})
    assert response.status_code == 403
    assert Visit.objects.get().item.state == "visited"
    client.force_login(alor_staff)
    client.post(reverse("census:submit", args=[census_round.pk]), {"kabupaten": "53.05"})
    assert Visit.objects.get().item.state == "submitted"


def test_review_page_for_the_province_and_a_refusal_for_others(client, alor_staff, ntt_staff, census_round, recorded):
    kabupaten_submit(user=alor_staff, round=census_round, kabupaten_code="53.05")
    url = reverse("census:review", args=[recorded.item_id])
    client.force_login(alor_staff)
    assert client.post(url, {"decision": "approve"}).status_code == 403
    client.force_login(ntt_staff)
    page = client.get(reverse("census:item", args=[recorded.item_id])).content.decode()
    assert 'data-testid="review-form"' in page and "Tenun Ibu Maria" in page
    response = client.post(url, {"decision": "return", "comment": ""})
    assert response.status_code == 400 and "Tuliskan apa yang harus diperbaiki." in response.content.decode()
    assert client.post(url, {"decision": "return", "comment": "Foto kurang"}).status_code == 302
    assert Visit.objects.get().item.state == "returned"
