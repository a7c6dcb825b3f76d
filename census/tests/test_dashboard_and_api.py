"""The national answer matches the approved visits; completion and overdue; the same figures in the API and
the XLSX; API lists in constant queries; a scoped dashboard does not move when another region's data does."""

import datetime
import io
import zipfile

import pytest
from django.urls import reverse
from django.utils import timezone

from census.models import Decision, Round
from census.selectors import completion
from census.services import kabupaten_submit, visit_record, visit_review
from core.testing.factories import DakActivityFactory
from security.tests.access_world import normalised

from .conftest import payload, photo

pytestmark = pytest.mark.django_db


@pytest.fixture
def approved(alor_staff, ntt_staff, mali_item, mali):
    DakActivityFactory(sentra=mali["sentra"]).rooms.set(mali["rooms"])  # the four rooms were built with DAK
    visit, _ = visit_record(user=alor_staff, item_id=mali_item.pk, payload=payload(mali_item, mali), photos=[photo()])
    kabupaten_submit(user=alor_staff, round=mali_item.round, kabupaten_code="53.05")
    visit_review(user=ntt_staff, item=mali_item, decision=Decision.APPROVE)
    return visit


def test_dashboard_answer_matches_the_approved_visit(client, analyst, approved, census_round):
    client.force_login(analyst)
    response = client.get(reverse("census:round", args=[census_round.pk]) + "?region=53")
    assert response.status_code == 200
    data = response.context["data"]
    totals = data["completion"]["totals"]
    assert (totals["total"], totals["visited"], totals["submitted"], totals["approved"], totals["alive"], totals["not_verified"]) == (2, 1, 1, 1, 1, 1)
    rows = {row["code"]: row for row in data["completion"]["rows"]}
    assert rows["53.05"]["approved"] == 1 and rows["53.04"]["approved"] == 0
    assert data["dak_rooms"]["totals"] == {"rooms": 4, "verified": 4, "active": 2}


def test_a_late_kabupaten_is_overdue_and_one_that_sent_everything_is_not(admin_user, approved, census_round):
    Round.objects.filter(pk=census_round.pk).update(deadline=timezone.localdate() - datetime.timedelta(days=1), start_date=timezone.localdate() - datetime.timedelta(days=30))
    census_round.refresh_from_db()

    class National:
        code, child_level = "", 1

    class Ntt:
        code, child_level = "53", 2

    rows = {row["code"]: row for row in completion(user=admin_user, round=census_round, drill=Ntt)["rows"]}
    assert rows["53.04"]["overdue"] and not rows["53.05"]["overdue"]
    national = completion(user=admin_user, round=census_round, drill=National)
    assert national["rows"][0]["overdue_kabupaten"] == 1 and national["totals"]["overdue_kabupaten"] == 1


def test_figures_in_the_api_are_the_dashboard_figures_and_scoped(client, alor_staff, belu_staff, approved, census_round):
    client.force_login(alor_staff)
    figures = client.get(f"/api/v1/census-rounds/{census_round.pk}/figures/").json()
    assert figures["region"] == "53.05" and figures["completion"]["totals"]["approved"] == 1
    assert client.get(f"/api/v1/census-rounds/{census_round.pk}/figures/?region=53.04").status_code == 404
    client.force_login(belu_staff)
    figures = client.get(f"/api/v1/census-rounds/{census_round.pk}/figures/").json()
    assert figures["completion"]["totals"] == {**figures["completion"]["totals"], "total": 1, "approved": 0}


def test_visit_api_gives_findings_and_scoped_photo_links(client, ntt_staff, approved):
    client.force_login(ntt_staff)
    body = client.get("/api/v1/census-visits/").json()["results"]
    assert len(body) == 1
    visit = body[0]
    assert visit["found_status"] == "aktif" and visit["sentra"] == "ALR-MALI"
    assert [m["producing"] for m in visit["members"]] == [True, True, False]
    assert visit["photos"][0]["url"].endswith(f"/bukti/{visit['photos'][0]['id']}/")
    assert client.get(visit["photos"][0]["url"]).status_code == 200
    items = client.get("/api/v1/census-items/?state=approved").json()["results"]
    assert [item["sentra"] for item in items] == ["ALR-MALI"]


def test_api_lists_take_constant_queries(client, analyst, alor_staff, census_round, mali_item, mali, django_assert_max_num_queries):
    visit_record(user=alor_staff, item_id=mali_item.pk, payload=payload(mali_item, mali), photos=[photo(), photo()])
    client.force_login(analyst)
    for url, limit in (("/api/v1/census-visits/", 12), ("/api/v1/census-items/", 6), ("/api/v1/census-rounds/", 6)):
        with django_assert_max_num_queries(limit):
            assert client.get(url).status_code == 200


def test_export_has_the_figures_and_photo_links_of_the_scope_only(client, alor_staff, belu_staff, approved, census_round):
    client.force_login(alor_staff)
    response = client.get(reverse("census:export", args=[census_round.pk]))
    assert response.status_code == 200
    content = b"".join(response.streaming_content)
    with zipfile.ZipFile(io.BytesIO(content)) as book:
        text = b"".join(book.read(name) for name in book.namelist() if name.endswith(".xml")).decode()
    assert "ALR-MALI" in text and "/bukti/" in text and "BLU-FTB" not in text
    client.force_login(belu_staff)
    content = b"".join(client.get(reverse("census:export", args=[census_round.pk])).streaming_content)
    with zipfile.ZipFile(io.BytesIO(content)) as book:
        text = b"".join(book.read(name) for name in book.namelist() if name.endswith(".xml")).decode()
    assert "BLU-FTB" in text and "ALR-MALI" not in text and "/bukti/" not in text


def test_belu_dashboard_does_not_move_when_alor_is_approved(client, belu_staff, alor_staff, ntt_staff, census_round, mali_item, mali):
    client.force_login(belu_staff)
    url = reverse("census:round", args=[census_round.pk])
    before = normalised(client.get(url))
    visit_record(user=alor_staff, item_id=mali_item.pk, payload=payload(mali_item, mali), photos=[photo()])
    kabupaten_submit(user=alor_staff, round=census_round, kabupaten_code="53.05")
    visit_review(user=ntt_staff, item=mali_item, decision=Decision.APPROVE)
    after = normalised(client.get(url))
    assert b"Mali" not in after
    assert before == after


def test_round_form_opens_a_round_for_the_administrator(client, admin_user, mali, belu_sentra):
    client.force_login(admin_user)
    today = timezone.localdate()
    response = client.post(reverse("census:round_create"), {
        "name": "Pendataan NTT", "year": today.year, "start_date": today.isoformat(), "deadline": today.isoformat(),
        "provinces": ["53"], "verify_status": "on", "verify_rooms": "on",
    })
    assert response.status_code == 302
    round_ = Round.objects.get(name="Pendataan NTT")
    assert round_.item_count == 2 and not round_.verify_members and round_.verify_rooms
