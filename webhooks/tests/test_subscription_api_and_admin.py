"""A partner manages its own subscriptions through the API; administrators through the admin."""

import pytest
from rest_framework.test import APIClient

from core.api.testing import token_client
from core.testing.factories import IkmUnitFactory
from webhooks import services
from webhooks.models import Delivery, DispatchState, Subscription

from .conftest import deliver


@pytest.fixture
def partner(reads_own_writes, belu_desa):
    return token_client("53.04", name="Portal Belu")


def test_subscribe_see_the_secret_once_and_read_the_delivery_log(partner, receiver, belu_desa):
    response = partner.post("/api/v1/webhooks/", {"url": receiver.url, "resources": ["ikm-units"], "events": ["created"]}, format="json")
    assert response.status_code == 201, response.content
    body = response.json()
    assert len(body["secret"]) == 64 and body["resources"] == ["ikm-units"]
    subscription = Subscription.objects.get(pk=body["id"])
    assert subscription.client == partner.api_client and subscription.secret == body["secret"]
    assert "secret" not in partner.get(f"/api/v1/webhooks/{subscription.pk}/").json()

    unit = IkmUnitFactory(desa=belu_desa)
    deliver()
    log = partner.get(f"/api/v1/webhooks/{subscription.pk}/deliveries/").json()["results"]
    assert [(d["event"], d["object_id"], d["status"], d["attempts"], d["response_code"]) for d in log] == [
        ("ikm-units.created", unit.pk, "sent", 1, 200)
    ]
    response = partner.post(f"/api/v1/webhooks/{subscription.pk}/deliveries/{log[0]['id']}/redeliver/")
    assert response.status_code == 201 and response.json()["redelivery_of"] == log[0]["id"]
    deliver()
    assert len(receiver.received) == 2 and receiver.payloads()[0] == receiver.payloads()[1]

    rotated = partner.post(f"/api/v1/webhooks/{subscription.pk}/rotate-secret/").json()["secret"]
    assert rotated != body["secret"]
    assert partner.patch(f"/api/v1/webhooks/{subscription.pk}/", {"is_active": False}, format="json").json()["is_active"] is False
    assert partner.delete(f"/api/v1/webhooks/{subscription.pk}/").status_code == 204
    assert not Subscription.objects.exists() and not Delivery.objects.exists()


@pytest.mark.parametrize("url, code", [
    ("ftp://mitra.example/hook", "invalid_url"),
    ("http://user:pw@mitra.example/hook", "invalid_url"),
    ("http://169.254.169.254/latest/meta-data", "private_address"),
    ("http://10.0.0.5/hook", "private_address"),
])
def test_urls_that_may_not_be_called_are_refused(partner, settings, url, code):
    settings.WEBHOOK_ALLOW_PRIVATE_ADDRESSES = False
    response = partner.post("/api/v1/webhooks/", {"url": url}, format="json")
    assert response.status_code == 400
    assert response.json()["errors"][0]["field"] == "url" and response.json()["errors"][0]["code"] == code
    assert not Subscription.objects.exists()


def test_unknown_resource_or_event_is_refused(partner):
    response = partner.post("/api/v1/webhooks/", {"url": "https://mitra.example/hook", "resources": ["gaji"]}, format="json")
    assert response.status_code == 400 and response.json()["errors"][0]["field"] == "resources.0"
    response = partner.post("/api/v1/webhooks/", {"url": "https://mitra.example/hook", "events": ["moved"]}, format="json")
    assert response.status_code == 400


def test_another_clients_subscription_is_not_found_and_sessions_cannot_manage(partner, alor_desa, admin_user):
    other = token_client("53.05", name="Portal Alor")
    theirs = services.subscription_create(client=other.api_client, url="https://alor.example/hook")
    assert partner.get(f"/api/v1/webhooks/{theirs.pk}/").status_code == 404
    assert partner.delete(f"/api/v1/webhooks/{theirs.pk}/").status_code == 404
    assert partner.get("/api/v1/webhooks/").json()["results"] == []
    session = APIClient()
    session.force_login(admin_user)
    assert session.get("/api/v1/webhooks/").status_code == 403
    assert APIClient().get("/api/v1/webhooks/").status_code == 401


def test_admin_subscribes_shows_the_secret_once_and_redelivers(client, admin_user, partner, receiver, belu_desa):
    client.force_login(admin_user)
    response = client.post("/admin/webhooks/subscription/add/", {
        "client": partner.api_client.pk, "url": receiver.url, "resources": ["ikm-units"], "events": ["created", "deleted"],
        "description": "Portal", "is_active": "on",
    }, follow=True)
    assert response.status_code == 200
    subscription = Subscription.objects.get()
    assert subscription.secret in response.content.decode()  # shown once, in the message
    assert subscription.resources == ["ikm-units"] and subscription.events == ["created", "deleted"]
    IkmUnitFactory(desa=belu_desa)
    deliver()
    delivery = Delivery.objects.get()
    response = client.post("/admin/webhooks/delivery/", {"action": "redeliver", "_selected_action": [delivery.pk]}, follow=True)
    assert response.status_code == 200 and Delivery.objects.count() == 2
    response = client.post("/admin/webhooks/subscription/add/", {"client": partner.api_client.pk, "url": "ftp://x.example/"})
    assert response.status_code == 200 and Subscription.objects.count() == 1  # refused in the form


def test_the_pump_starts_when_someone_subscribes_and_stops_without_subscribers(partner, django_capture_on_commit_callbacks):
    from django_tasks_db.models import DBTaskResult

    with django_capture_on_commit_callbacks(execute=True):
        services.subscription_create(client=partner.api_client, url="https://mitra.example/hook")
    assert DBTaskResult.objects.filter(task_path="webhooks.tasks.pump_webhooks").count() == 1
    assert DispatchState.objects.get().next_pump_at is not None
    assert services.ensure_pump() is False  # alive: no second chain
    Subscription.objects.update(is_active=False)
    assert services.claim_next_pump() is False  # nobody to tell: the chain ends
