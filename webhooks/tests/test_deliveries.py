"""A Belu partner's receiver gets exactly Belu's changes, signed, in order, again after a failure."""

from datetime import timedelta

from django.utils import timezone

from core.testing.factories import IkmUnitFactory, RoomFactory, SentraFactory
from ikm.models import IkmUnit
from sentra.models import Sentra
from webhooks import services
from webhooks.models import Delivery, DeliveryStatus

from .conftest import deliver


def subscribe(client, url, **kwargs):
    return services.subscription_create(client=client.api_client, url=url, **kwargs)


def test_belu_receiver_gets_belu_changes_only_signed_and_in_order(belu_partner, receiver, belu_desa, alor_desa):
    subscription = subscribe(belu_partner, receiver.url)
    unit = IkmUnitFactory(desa=belu_desa, name="Meubel Fatukbot")
    IkmUnitFactory(desa=alor_desa, name="Tenun Alor")  # another kabupaten: never sent to Belu
    assert receiver.received == []  # the saves made no request: deliveries come from the feed, later
    deliver()
    IkmUnit.objects.filter(pk=unit.pk).update(name="Meubel Fatukbot Jaya", version=2)
    deliver()
    IkmUnit.objects.filter(pk=unit.pk).update(deleted_at=timezone.now(), version=3)
    deliver()

    payloads = receiver.payloads(secret=subscription.secret)
    assert len(payloads) == len(receiver.received) == 3  # every one signed with the subscription's secret
    assert [(p["event"], p["id"], p["version"]) for p in payloads] == [
        ("ikm-units.created", unit.pk, 1), ("ikm-units.updated", unit.pk, 2), ("ikm-units.deleted", unit.pk, 3),
    ]
    assert payloads[1]["data"]["name"] == "Meubel Fatukbot Jaya" and payloads[2]["data"] is None
    assert "Alor" not in str(receiver.received)
    headers = receiver.received[0][0]
    assert headers["X-Sentra-Event"] == "ikm-units.created" and headers["Content-Type"] == "application/json"
    # A tampered body or another secret does not verify.
    assert receiver.payloads(secret="x" * 64) == []
    assert set(Delivery.objects.values_list("status", flat=True)) == {DeliveryStatus.SENT}


def test_a_500_is_retried_with_back_off_and_later_events_wait(belu_partner, receiver, belu_desa, settings):
    settings.WEBHOOK_RETRY_BASE_SECONDS = 10
    subscribe(belu_partner, receiver.url, resources=["sentra"])
    sentra = SentraFactory(desa=belu_desa, name="Sentra Meubel")
    receiver.answers = [500, 503]
    now = timezone.now()
    deliver(now=now)
    first = Delivery.objects.get()
    assert (first.status, first.attempts, first.response_code) == (DeliveryStatus.PENDING, 1, 500)
    assert first.next_attempt_at == now + timedelta(seconds=10)
    Sentra.objects.filter(pk=sentra.pk).update(name="Sentra Meubel Fatukbot", version=2)
    deliver(now=now + timedelta(seconds=5))  # not due yet: nothing sent, and the update waits behind it
    assert len(receiver.received) == 1
    deliver(now=now + timedelta(seconds=11))  # second attempt: 503 -> next in 20 s
    first.refresh_from_db()
    assert (first.attempts, first.response_code, first.next_attempt_at) == (2, 503, now + timedelta(seconds=31))
    deliver(now=now + timedelta(seconds=31))
    events = [(p["event"], p["version"]) for p in receiver.payloads()]
    assert events == [("sentra.created", 1), ("sentra.created", 1), ("sentra.created", 1), ("sentra.updated", 2)]
    assert list(Delivery.objects.order_by("id").values_list("status", "attempts")) == [("sent", 3), ("sent", 1)]


def test_a_record_moved_out_of_belu_is_a_deletion_for_belu(belu_partner, receiver, belu_desa, alor_desa):
    sentra = SentraFactory(desa=belu_desa)
    room = RoomFactory(sentra=sentra)
    subscribe(belu_partner, receiver.url)
    Sentra.objects.filter(pk=sentra.pk).update(desa=alor_desa, version=2)
    deliver()
    got = {(p["event"], p["id"], p["reason"], p["data"]) for p in receiver.payloads()}
    assert got == {("sentra.deleted", sentra.pk, "out_of_scope", None), ("rooms.deleted", room.pk, "out_of_scope", None)}
    Sentra.objects.filter(pk=sentra.pk).update(name="Sekarang di Alor", version=3)
    deliver()
    assert len(receiver.received) == 2  # what happens in Alor afterwards is not Belu's business
    assert "Sekarang di Alor" not in str(receiver.received)


def test_after_max_attempts_the_delivery_fails_and_the_next_goes(belu_partner, receiver, belu_desa, settings):
    settings.WEBHOOK_MAX_ATTEMPTS = 2
    settings.WEBHOOK_RETRY_BASE_SECONDS = 1
    subscribe(belu_partner, receiver.url, events=["created"])
    IkmUnitFactory(desa=belu_desa)
    IkmUnitFactory(desa=belu_desa)
    receiver.answers = [500, 500]
    now = timezone.now()
    deliver(now=now)
    deliver(now=now + timedelta(seconds=2))
    assert list(Delivery.objects.order_by("id").values_list("status", "attempts")) == [("failed", 2), ("sent", 1)]
    failed = Delivery.objects.order_by("id").first()
    copy = services.delivery_redeliver(delivery=failed)
    deliver(now=now + timedelta(seconds=3))
    copy.refresh_from_db()
    assert copy.status == DeliveryStatus.SENT and copy.payload == failed.payload
    assert receiver.payloads()[-1] == failed.payload


def test_a_receiver_on_a_private_address_is_refused_when_not_allowed(belu_partner, receiver, belu_desa, settings):
    subscription = subscribe(belu_partner, receiver.url)  # allowed while subscribing (DEBUG in tests)
    settings.WEBHOOK_ALLOW_PRIVATE_ADDRESSES = False
    IkmUnitFactory(desa=belu_desa)
    deliver()
    delivery = Delivery.objects.get(subscription=subscription)
    assert delivery.status == DeliveryStatus.FAILED and "privat" in delivery.last_error
    assert receiver.received == []  # no request left the server
