"""Census worklist items and visits are in the change feed (issue 18): a partner of Kab. Alor hears of the
round's Alor item and its visit, with the bodies the census API answers, and Kab. Belu hears nothing of them;
a webhook subscription for census-items gets their created/updated deliveries and nothing else."""

import datetime

import pytest
from django.db.models import F
from django.utils import timezone

from census.models import Decision
from census.services import kabupaten_submit, round_open, visit_record, visit_review
from changes.models import Change
from changes.tests.conftest import alor_client, belu_client, read_feed, reads_own_writes  # noqa: F401 (fixtures)
from core.api.testing import token_client
from core.models import Tombstone
from webhooks.models import Subscription
from webhooks.tests.conftest import deliver, receiver  # noqa: F401 (fixture)

from .conftest import payload, photo

CENSUS = ["census-items", "census-visits"]


def open_round(user):
    today = timezone.localdate()
    return round_open(user=user, data={
        "name": "Pendataan uji", "year": today.year, "start_date": today - datetime.timedelta(days=10),
        "deadline": today + datetime.timedelta(days=20),
    })


def census_events(items):
    return [(item["resource"], item["id"], item["event"]) for item in items if item["resource"] in CENSUS]


def record_and_approve(item, mali, alor_staff, ntt_staff):
    visit, _ = visit_record(user=alor_staff, item_id=item.pk, payload=payload(item, mali), photos=[photo()])
    kabupaten_submit(user=alor_staff, round=item.round, kabupaten_code="53.05")
    visit_review(user=ntt_staff, item=item, decision=Decision.APPROVE)
    return visit


def test_alor_hears_of_its_census_item_and_visit_with_the_api_bodies_and_belu_of_none(
    alor_client, belu_client, admin_user, alor_staff, ntt_staff, mali, belu_sentra,  # noqa: F811
):
    start = {client: client.get("/api/v1/changes/head/").json()["position"] for client in (alor_client, belu_client)}
    round_ = open_round(admin_user)
    mali_item, belu_item = round_.items.get(sentra=mali["sentra"]), round_.items.get(sentra=belu_sentra)

    items, alor_position = read_feed(alor_client, start[alor_client], resource=CENSUS)
    assert census_events(items) == [("census-items", mali_item.pk, "created")]
    assert items[0]["data"] == alor_client.get(f"/api/v1/census-items/{mali_item.pk}/").json()
    assert items[0]["data"]["state"] == "open" and items[0]["version"] is None

    visit = record_and_approve(mali_item, mali, alor_staff, ntt_staff)
    items, _ = read_feed(alor_client, alor_position, resource=CENSUS)
    assert sorted(census_events(items)) == [("census-items", mali_item.pk, "updated"), ("census-visits", visit.pk, "created")]
    bodies = {item["resource"]: item["data"] for item in items}
    assert bodies["census-items"] == alor_client.get(f"/api/v1/census-items/{mali_item.pk}/").json()
    assert bodies["census-items"]["state"] == "approved" and bodies["census-items"]["current_visit"] == visit.pk
    assert bodies["census-visits"] == alor_client.get(f"/api/v1/census-visits/{visit.pk}/").json()
    assert len(bodies["census-visits"]["photos"]) == 1 and bodies["census-visits"]["members"]  # the whole visit, as the API shows it

    belu_items, _ = read_feed(belu_client, start[belu_client])  # every resource: nothing of the Alor round item or visit
    assert census_events(belu_items) == [("census-items", belu_item.pk, "created")]
    assert "ALR-MALI" not in str(belu_items)

    # The region of a census row is its sentra's, before and after: none ever moves, so none makes a tombstone.
    census_rows = Change.objects.filter(resource__in=CENSUS)
    assert census_rows.filter(operation="U").exclude(old_region=F("new_region")).count() == 0
    assert set(census_rows.filter(operation="U").values_list("new_region", flat=True)) == {mali["sentra"].desa_id}
    assert not Tombstone.objects.filter(model="").exists()


def test_deleting_a_round_tells_alor_its_item_and_visit_are_deleted(alor_client, admin_user, alor_staff, ntt_staff, mali, belu_sentra):  # noqa: F811
    round_ = open_round(admin_user)
    mali_item = round_.items.get(sentra=mali["sentra"])
    visit = record_and_approve(mali_item, mali, alor_staff, ntt_staff)
    position = alor_client.get("/api/v1/changes/head/").json()["position"]
    round_.delete()
    items, _ = read_feed(alor_client, position, resource=CENSUS)
    assert sorted((item["resource"], item["id"], item["event"], item["reason"]) for item in items) == [
        ("census-items", mali_item.pk, "deleted", "deleted"), ("census-visits", visit.pk, "deleted", "deleted"),
    ]


@pytest.mark.usefixtures("reads_own_writes")
def test_a_census_items_subscription_gets_its_regions_item_events_only(receiver, admin_user, alor_staff, ntt_staff, mali, belu_sentra, alor_desa):  # noqa: F811
    partner = token_client("53.05", name="Portal Alor")
    response = partner.post("/api/v1/webhooks/", {"url": receiver.url, "resources": ["census-items"]}, format="json")
    assert response.status_code == 201, response.content
    subscription = Subscription.objects.get(pk=response.json()["id"])
    round_ = open_round(admin_user)
    mali_item = round_.items.get(sentra=mali["sentra"])
    deliver()
    visit = record_and_approve(mali_item, mali, alor_staff, ntt_staff)
    deliver()

    payloads = receiver.payloads(secret=subscription.secret)
    assert len(payloads) == len(receiver.received)
    assert [(p["event"], p["id"]) for p in payloads] == [("census-items.created", mali_item.pk), ("census-items.updated", mali_item.pk)]
    assert payloads[0]["data"]["state"] == "open" and payloads[1]["data"]["state"] == "approved"
    assert payloads[1]["data"]["current_visit"] == visit.pk
    assert "BLU-FTB" not in str(receiver.received)  # the Belu item of the same round is not Alor's
