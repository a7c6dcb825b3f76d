"""The round dashboard's map: the round's sentra of the caller's scope (and drill-down region) only, coloured by
how far each item got and, once approved, by what the visit found; compact rows in a constant number of queries."""

from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from accounts.models import Role
from census.models import Decision, WorklistItem
from census.services import kabupaten_submit, round_open, visit_record, visit_review
from core.testing.factories import SentraFactory, UserFactory, region_tree
from security.tests.access_world import normalised

from .conftest import payload, photo

pytestmark = pytest.mark.django_db


def points(client, round_, **params):
    response = client.get(reverse("census:round_map", args=[round_.pk]), params)
    assert response.status_code == 200, response.content
    return response.json()


def by_item(body):
    legend = [key for key, _label in body["legend"]]
    return {row[0]: (row[1], row[2], row[3], legend[row[4]]) for row in body["rows"]}


@pytest.fixture
def placed_belu(belu_sentra):
    belu_sentra.latitude, belu_sentra.longitude = Decimal("-9.110000"), Decimal("124.890000")
    belu_sentra.save()
    return belu_sentra


def test_each_user_gets_the_round_sentra_of_their_scope(client, census_round, mali_item, mali, placed_belu, alor_staff, belu_staff, ntt_staff, analyst):
    visit_record(user=alor_staff, item_id=mali_item.pk, payload=payload(mali_item, mali), photos=[photo()])
    belu_item = census_round.items.get(sentra=placed_belu)
    expected = {alor_staff: {mali_item.pk}, belu_staff: {belu_item.pk}, ntt_staff: {mali_item.pk, belu_item.pk},
                analyst: {mali_item.pk, belu_item.pk}}
    for user, wanted in expected.items():
        client.force_login(user)
        body = points(client, census_round)
        assert set(by_item(body)) == wanted, user.username
        assert "Mali" not in str(body) and "Fatukbot" not in str(body)  # names only come with a popup, in scope
    client.force_login(ntt_staff)
    assert set(by_item(points(client, census_round, region="53.04"))) == {belu_item.pk}  # the drill-down region
    client.force_login(belu_staff)
    assert client.get(reverse("census:round_map", args=[census_round.pk]), {"region": "53.05"}).status_code == 404


def test_a_kecamatan_officer_gets_their_kecamatan_only(client, admin_user, mali, alor_desa):
    pura = SentraFactory(code="ALR-PURA", desa=region_tree("53.05.04.2001"), latitude=Decimal("-8.3"), longitude=Decimal("124.5"))
    mali["sentra"].latitude, mali["sentra"].longitude = Decimal("-8.2"), Decimal("124.55")
    mali["sentra"].save()
    today = timezone.localdate()
    round_ = round_open(user=admin_user, data={"name": "Kecamatan", "year": today.year, "start_date": today, "deadline": today})
    client.force_login(UserFactory(username="kec", role=Role.DISTRICT, region_id="53.05.03"))
    assert {row[1] for row in points(client, round_)["rows"]} == {mali["sentra"].pk}
    assert pura.pk not in {row[1] for row in points(client, round_, region="53.05.03")["rows"]}
    # The dashboard drills into the kecamatan by the sentra's desa (the kabupaten column would match nothing).
    totals = client.get(reverse("census:round", args=[round_.pk])).context["data"]["completion"]["totals"]
    assert totals["total"] == 1


def test_colours_follow_the_item_and_the_approved_finding(client, census_round, mali_item, mali, placed_belu, alor_staff, ntt_staff, analyst):
    client.force_login(analyst)
    body = points(client, census_round)
    belu_item = census_round.items.get(sentra=placed_belu)
    # Mali has no point in the registry and no visit yet: counted, not placed.
    assert (body["total"], body["placed"]) == (2, 1)
    assert by_item(body) == {belu_item.pk: (placed_belu.pk, -9.11, 124.89, "open")}

    visit_record(user=alor_staff, item_id=mali_item.pk, payload=payload(mali_item, mali, found_status="tidak_aktif"), photos=[photo()])
    body = points(client, census_round)
    assert by_item(body)[mali_item.pk] == (mali["sentra"].pk, -8.2184, 124.5539, "visited")  # placed by the visit's GPS point
    kabupaten_submit(user=alor_staff, round=census_round, kabupaten_code="53.05")
    assert by_item(points(client, census_round))[mali_item.pk][3] == "submitted"
    visit_review(user=ntt_staff, item=WorklistItem.objects.get(pk=mali_item.pk), decision=Decision.RETURN, comment="Foto buram")
    assert by_item(points(client, census_round))[mali_item.pk][3] == "returned"
    visit_record(user=alor_staff, item_id=mali_item.pk, payload=payload(mali_item, mali, found_status="tidak_aktif"), photos=[photo()])
    kabupaten_submit(user=alor_staff, round=census_round, kabupaten_code="53.05")
    visit_review(user=ntt_staff, item=WorklistItem.objects.get(pk=mali_item.pk), decision=Decision.APPROVE)
    body = points(client, census_round)
    assert by_item(body)[mali_item.pk][3] == "inactive"
    legend = [key for key, _label in body["legend"]]
    assert dict(zip(legend, body["counts"])) == {"open": 1, "visited": 0, "submitted": 0, "returned": 0, "alive": 0, "inactive": 1, "closed": 0}


def test_the_points_take_the_same_queries_for_two_or_twenty_sentra(client, analyst, admin_user, census_round, alor_desa, django_assert_num_queries):
    client.force_login(analyst)
    url = reverse("census:round_map", args=[census_round.pk])
    client.get(url)  # the session and the user's first read
    with CaptureQueriesContext(connection) as few:
        client.get(url)
    for n in range(18):
        SentraFactory(desa=alor_desa, latitude=Decimal("-8.2"), longitude=Decimal("124.5") + n)
    today = timezone.localdate()
    bigger = round_open(user=admin_user, data={"name": "Besar", "year": today.year, "start_date": today, "deadline": today})
    assert bigger.item_count == 20
    with django_assert_num_queries(len(few.captured_queries)):
        body = client.get(reverse("census:round_map", args=[bigger.pk])).json()
    assert body["placed"] == 18


def test_the_dashboard_draws_the_map_of_its_drill_down_region(client, ntt_staff, census_round):
    client.force_login(ntt_staff)
    page = client.get(reverse("census:round", args=[census_round.pk]), {"region": "53.05"}).content.decode()
    assert f'data-points-url="{reverse("census:round_map", args=[census_round.pk])}?region=53.05"' in page
    assert 'data-item-url="/pendataan/butir/0/"' in page and "census/round-map.js" in page
    assert "<script>" not in page  # the CSP admits no inline script: data come by attribute and JSON endpoint


def test_belu_map_does_not_move_when_alor_is_approved(client, belu_staff, alor_staff, ntt_staff, census_round, mali_item, mali):
    client.force_login(belu_staff)
    url = reverse("census:round_map", args=[census_round.pk])
    before = normalised(client.get(url))
    visit_record(user=alor_staff, item_id=mali_item.pk, payload=payload(mali_item, mali), photos=[photo()])
    kabupaten_submit(user=alor_staff, round=census_round, kabupaten_code="53.05")
    visit_review(user=ntt_staff, item=mali_item, decision=Decision.APPROVE)
    assert normalised(client.get(url)) == before
