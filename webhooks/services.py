"""Webhooks: subscriptions, turning the change feed into deliveries (the outbox), and sending them.

    save (any path) --trigger--> changes_change --dispatch_changes()--> Delivery rows --send_due()--> receiver

Nothing here runs during a user's save. The worker's pump (webhooks/tasks.py, every WEBHOOK_POLL_SECONDS)
reads the feed from where it stopped, makes one Delivery per subscription and record, with the body as the
client's own API would answer at that moment (through accounts.scope, so never a record outside the
client's region; a record that left it becomes `<resource>.deleted` with reason `out_of_scope`), and sends
each subscription's deliveries one at a time in feed order. A failed attempt (no answer, timeout, non-2xx)
is retried after WEBHOOK_RETRY_BASE_SECONDS x 2^(attempt-1) (at most WEBHOOK_RETRY_MAX_SECONDS), and the
deliveries after it wait: a receiver never gets a record's newer event before an older one. After
WEBHOOK_MAX_ATTEMPTS the delivery is marked failed and the next one goes; it can be sent again by hand.
"""

import http.client
import json
import time
from datetime import timedelta

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from rest_framework import serializers

from accounts.scope import NATIONAL, scope_code
from apiclients.models import ApiClient, ApiPrincipal
from changes.representations import event_for, latest_per_record, representations_for_rows
from changes.selectors import Position, head_position, scoped_page, touches_scope

from . import events, signing, transport
from .models import Delivery, DeliveryStatus, DispatchState, Subscription

DISPATCH_BATCH = 1000
MAX_BATCHES_PER_PUMP = 20
SEND_LEASE = timedelta(minutes=2)


def _setting(name, default):
    return getattr(settings, name, default)


# --- subscriptions ---------------------------------------------------------------------------------------

def _clean_lists(resources, event_names):
    resources, event_names = sorted(set(resources or [])), sorted(set(event_names or []))
    errors = {}
    unknown = [name for name in resources if name not in events.resources()]
    if unknown:
        errors["resources"] = _("Sumber daya tidak dikenal: %(names)s. Yang dikenal: %(known)s.") % {
            "names": ", ".join(unknown), "known": ", ".join(events.resources())}
    unknown = [name for name in event_names if name not in events.event_names()]
    if unknown:
        errors["events"] = _("Kejadian tidak dikenal: %(names)s. Yang dikenal: %(known)s.") % {
            "names": ", ".join(unknown), "known": ", ".join(events.event_names())}
    if errors:
        raise ValidationError(errors)
    return resources, event_names


def _validate(subscription):
    try:
        transport.check_url_form(subscription.url)
    except ValidationError as error:
        raise ValidationError({"url": error.error_list}) from error
    subscription.resources, subscription.events = _clean_lists(subscription.resources, subscription.events)
    subscription.full_clean()


@transaction.atomic
def subscription_create(*, client, url, resources=(), events=(), description="", is_active=True):
    """A subscription of `client`; only changes after this moment are delivered. The secret is in the result."""
    start = head_position()
    subscription = Subscription(
        client=client, url=url, resources=list(resources or []), events=list(events or []), description=description,
        is_active=is_active, secret=signing.new_secret(), start_txid=start.txid, start_change=start.id,
    )
    _validate(subscription)
    subscription.save()
    transaction.on_commit(ensure_pump)
    return subscription


@transaction.atomic
def subscription_update(*, subscription, data):
    for name in ("url", "resources", "events", "description", "is_active"):
        if name in data:
            setattr(subscription, name, data[name])
    _validate(subscription)
    subscription.save()
    transaction.on_commit(ensure_pump)
    return subscription


def subscription_rotate_secret(*, subscription):
    subscription.secret = signing.new_secret()
    subscription.save(update_fields=["secret"])
    return subscription


def subscription_delete(*, subscription):
    subscription.delete()


def delivery_redeliver(*, delivery):
    """Send a delivery again, as it was (same body; new delivery id, timestamp and signature), after the queue."""
    copy = Delivery.objects.create(
        subscription=delivery.subscription, event=delivery.event, resource=delivery.resource, object_id=delivery.object_id,
        position=delivery.position, payload=delivery.payload, redelivery_of=delivery,
    )
    transaction.on_commit(ensure_pump)
    return copy


# --- the outbox: feed -> deliveries ------------------------------------------------------------------------

def active_subscriptions():
    return list(
        Subscription.objects.filter(is_active=True, client__is_active=True, client__user__is_active=True)
        .select_related("client").order_by("id")
    )


def _principal(client):
    """The client's service user, as the API sees it: its scope comes from this client (accounts.scope)."""
    principal = ApiPrincipal.objects.get(pk=client.user_id)
    ApiClient.user.field.set_cached_value(client, principal)
    ApiClient.user.field.remote_field.set_cached_value(principal, client)
    return principal


def _deliveries_for(subscription, rows):
    principal = _principal(subscription.client)
    scope = scope_code(principal)
    start = Position(subscription.start_txid, subscription.start_change)
    wanted = set(subscription.resources)
    mine = [
        row for row in rows
        if row["position"] > start and touches_scope(scope, row) and (not wanted or row["resource"] in wanted)
    ]
    if not mine:
        return []
    merged = latest_per_record(mine)
    bodies = representations_for_rows(user=principal, rows=merged)
    deliveries = []
    for row in merged:
        body = bodies.get((row["resource"], row["object_id"]))
        if body is None and row["operation"] == "I":
            continue  # created and gone again before anyone was told: nothing to say
        event, reason = event_for(scope=scope, row=row, body=body)
        if subscription.events and event not in subscription.events:
            continue
        name = f"{row['resource']}.{event}"
        deliveries.append(Delivery(
            subscription=subscription, event=name, resource=row["resource"], object_id=row["object_id"],
            position=str(row["position"]),
            payload={
                "event": name,
                "resource": row["resource"],
                "id": row["object_id"],
                "version": body.get("version") if body is not None else row["version"],  # census records have none
                "reason": reason,
                "position": str(row["position"]),
                "occurred_at": serializers.DateTimeField().to_representation(row["changed_at"]),
                "data": body,
            },
        ))
    return deliveries


def dispatch_changes(*, batch=DISPATCH_BATCH):
    """Turn the next `batch` feed rows into deliveries; returns (deliveries made, whether more rows wait)."""
    with transaction.atomic():
        DispatchState.objects.get_or_create(pk=1)
        state = DispatchState.objects.select_for_update().get(pk=1)  # one dispatcher at a time
        subscriptions = active_subscriptions()
        if not subscriptions:  # nobody to tell: skip ahead (a new subscription starts at its own head anyway)
            position = max(Position(state.txid, state.change), head_position())
            state.txid, state.change = position.txid, position.id
            state.save(update_fields=["txid", "change", "updated_at"])
            return 0, False
        page = scoped_page(scope=NATIONAL, after=Position(state.txid, state.change), page_size=batch)
        made = []
        for subscription in subscriptions:
            made += _deliveries_for(subscription, page.rows)
        Delivery.objects.bulk_create(made)
        state.txid, state.change = page.next_position.txid, page.next_position.id
        state.save(update_fields=["txid", "change", "updated_at"])
        return len(made), page.has_more


# --- sending -----------------------------------------------------------------------------------------------

def retry_delay(attempts):
    base = _setting("WEBHOOK_RETRY_BASE_SECONDS", 10)
    return timedelta(seconds=min(base * 2 ** max(attempts - 1, 0), _setting("WEBHOOK_RETRY_MAX_SECONDS", 3600)))


def _attempt(delivery):
    """One POST of `delivery`; returns (status code or None, error text, permanent refusal)."""
    subscription = delivery.subscription
    body = json.dumps(delivery.payload, ensure_ascii=False, separators=(",", ":")).encode()
    timestamp = int(time.time())
    headers = {
        "Content-Type": "application/json",
        "User-Agent": "Registri-Sentra-IKM-Webhooks/1",
        signing.EVENT_HEADER: delivery.event,
        signing.DELIVERY_HEADER: str(delivery.pk),
        signing.TIMESTAMP_HEADER: str(timestamp),
        signing.SIGNATURE_HEADER: signing.signature(subscription.secret, timestamp, body),
    }
    try:
        return transport.post(subscription.url, body, headers, _setting("WEBHOOK_TIMEOUT_SECONDS", 10)), "", False
    except transport.Refused as error:
        return None, str(error), True
    except (OSError, http.client.HTTPException) as error:
        return None, f"{type(error).__name__}: {error}"[:300], False


def send_due(*, subscription, now=None, time_budget=None):
    """Send the subscription's pending deliveries in order until one fails or none is due; returns the count sent.

    `now` fixes the clock (tests); by default each step reads the time."""
    budget = time_budget if time_budget is not None else SEND_LEASE.total_seconds() / 2
    started = time.monotonic()
    sent = 0
    while time.monotonic() - started < budget:
        moment = now or timezone.now()
        delivery = (
            Delivery.objects.filter(subscription=subscription, status=DeliveryStatus.PENDING)
            .select_related("subscription").order_by("id").first()
        )
        if delivery is None or (delivery.next_attempt_at and delivery.next_attempt_at > moment):
            break
        code, error, permanent = _attempt(delivery)
        delivery.attempts += 1
        delivery.response_code = code
        if code is not None and 200 <= code < 300:
            delivery.status, delivery.sent_at, delivery.last_error, delivery.next_attempt_at = DeliveryStatus.SENT, moment, "", None
            delivery.save()
            sent += 1
            continue
        delivery.last_error = error or _("Jawaban HTTP %(code)s.") % {"code": code}
        if permanent or delivery.attempts >= _setting("WEBHOOK_MAX_ATTEMPTS", 10):
            delivery.status, delivery.next_attempt_at = DeliveryStatus.FAILED, None
            delivery.save()
            continue  # given up: the next delivery may go
        delivery.next_attempt_at = moment + retry_delay(delivery.attempts)
        delivery.save()
        break  # the later deliveries wait for this one (order per record)
    return sent


def subscriptions_due(now=None):
    """Active subscriptions whose oldest pending delivery is due and that no send job holds."""
    now = now or timezone.now()
    due = []
    for subscription in active_subscriptions():
        head = Delivery.objects.filter(subscription=subscription, status=DeliveryStatus.PENDING).order_by("id").first()
        if head is not None and (head.next_attempt_at is None or head.next_attempt_at <= now):
            due.append(subscription)
    return due


def claim_for_sending(subscription, now=None):
    """True if this caller may queue a send job for the subscription (none queued or running)."""
    now = now or timezone.now()
    return bool(Subscription.objects.filter(pk=subscription.pk).filter(Q(busy_until__isnull=True) | Q(busy_until__lt=now))
                .update(busy_until=now + SEND_LEASE))


def release(subscription_id):
    Subscription.objects.filter(pk=subscription_id).update(busy_until=None)


def webhook_pump(*, enqueue_send):
    """Make deliveries from everything new in the feed, then have each due subscription sent (enqueue_send(id))."""
    for _batch in range(MAX_BATCHES_PER_PUMP):
        _made, more = dispatch_changes()
        if not more:
            break
    for subscription in subscriptions_due():
        if claim_for_sending(subscription):
            enqueue_send(subscription.pk)


# --- the pump's schedule (webhooks/tasks.py) ---------------------------------------------------------------

def _poll():
    return timedelta(seconds=_setting("WEBHOOK_POLL_SECONDS", 5))


def claim_next_pump(now=None):
    """True if the caller should schedule the next pump (none is scheduled yet); records when it will run."""
    now = now or timezone.now()
    DispatchState.objects.get_or_create(pk=1)
    if not active_subscriptions():
        DispatchState.objects.filter(pk=1).update(next_pump_at=None)
        return False
    return bool(DispatchState.objects.filter(pk=1).filter(Q(next_pump_at__isnull=True) | Q(next_pump_at__lte=now))
                .update(next_pump_at=now + _poll()))


def ensure_pump():
    """Start the pump's chain unless it is alive (scheduled in the future, or overdue by less than a minute)."""
    from .tasks import enqueue_pump

    now = timezone.now()
    state, _ = DispatchState.objects.get_or_create(pk=1)
    alive = state.next_pump_at is not None and state.next_pump_at > now - _poll() - timedelta(minutes=1)
    if alive or not active_subscriptions():
        return False
    DispatchState.objects.filter(pk=1).update(next_pump_at=now)  # the pump queued now claims the next run
    enqueue_pump(run_after=None)
    return True
