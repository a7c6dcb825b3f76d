"""Background jobs of the webhooks (worker: `manage.py db_worker`).

The pump runs every WEBHOOK_POLL_SECONDS while any subscription is active: it schedules its own next run
(one at a time: webhooks.services.claim_next_pump), makes deliveries from the change feed and queues one
send job per subscription that has a delivery due. Creating a subscription, or `manage.py webhooks_pump`,
(re)starts the chain.
"""

from datetime import timedelta

from django.utils import timezone
from django_tasks import default_task_backend, task

from . import services


def enqueue_pump(run_after=None):
    if run_after is not None and default_task_backend.supports_defer:
        pump_webhooks.using(run_after=run_after).enqueue()
    elif run_after is None:
        pump_webhooks.enqueue()


@task()
def pump_webhooks():
    try:
        services.webhook_pump(enqueue_send=lambda subscription_id: send_webhooks.enqueue(subscription_id))
    finally:
        now = timezone.now()
        if default_task_backend.supports_defer and services.claim_next_pump(now):
            enqueue_pump(run_after=now + timedelta(seconds=services._setting("WEBHOOK_POLL_SECONDS", 5)))


@task()
def send_webhooks(subscription_id):
    from .models import Subscription

    subscription = Subscription.objects.filter(pk=subscription_id, is_active=True).select_related("client").first()
    try:
        if subscription is not None:
            return services.send_due(subscription=subscription)
        return 0
    finally:
        services.release(subscription_id)
