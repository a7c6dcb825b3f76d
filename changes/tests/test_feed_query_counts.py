"""A feed page costs a fixed number of queries, whatever the number of items (one per resource present)."""

from django.db import connection
from django.test.utils import CaptureQueriesContext

from core.testing.factories import IkmUnitFactory, RoomFactory, SentraFactory


def queries_for_page(client, start):
    with CaptureQueriesContext(connection) as captured:
        response = client.get("/api/v1/changes/", {"after": start, "page_size": 1000})
    assert response.status_code == 200
    return len(captured), len(response.json()["results"])


def test_feed_page_queries_do_not_grow_with_items(alor_client, alor_desa):
    start = alor_client.get("/api/v1/changes/head/").json()["position"]
    sentra = SentraFactory(desa=alor_desa)
    RoomFactory(sentra=sentra)
    IkmUnitFactory.create_batch(3, desa=alor_desa)
    few, items = queries_for_page(alor_client, start)
    assert items == 5
    more = SentraFactory(desa=alor_desa)
    RoomFactory.create_batch(20, sentra=more)
    IkmUnitFactory.create_batch(60, desa=alor_desa)
    many, items = queries_for_page(alor_client, start)
    assert items == 86
    assert many == few


def test_webhook_lists_cost_fixed_queries(reads_own_writes, belu_desa, django_assert_num_queries):
    from core.api.testing import token_client
    from webhooks.models import Delivery
    from webhooks.services import subscription_create

    partner = token_client("53.04")
    subscription = subscription_create(client=partner.api_client, url="https://mitra.example/hook")
    for n in range(30):
        subscription_create(client=partner.api_client, url=f"https://mitra.example/hook/{n}")
        Delivery.objects.create(subscription=subscription, event="rooms.created", resource="rooms", object_id=n, position="0.1", payload={})
    partner.get("/api/v1/webhooks/")  # the first request stamps the token as used
    with django_assert_num_queries(2):  # the token, the page: nothing per row
        partner.get("/api/v1/webhooks/")
    with django_assert_num_queries(3):
        partner.get(f"/api/v1/webhooks/{subscription.pk}/deliveries/")
