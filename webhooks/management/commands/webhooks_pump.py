from django.core.management.base import BaseCommand

from webhooks import services


class Command(BaseCommand):
    help = (
        "Start the webhook pump in the background worker unless it is running (safe to call at every start), "
        "or with --now make and send the due deliveries in this process."
    )

    def add_arguments(self, parser):
        parser.add_argument("--now", action="store_true", help="dispatch and send here instead of in the worker")

    def handle(self, *args, now=False, **options):
        if now:
            sent = []

            def send_here(subscription_id):
                try:
                    subscription = services.Subscription.objects.select_related("client").get(pk=subscription_id)
                    sent.append(services.send_due(subscription=subscription))
                finally:
                    services.release(subscription_id)

            services.webhook_pump(enqueue_send=send_here)
            self.stdout.write(f"sent {sum(sent)} deliveries")
            return
        started = services.ensure_pump()
        self.stdout.write("pump started" if started else "pump already running (or no active subscription)")
