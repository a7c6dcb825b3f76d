from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


def _dispatch_position():
    """Pruning the change feed must leave what the dispatcher has not turned into deliveries yet."""
    from changes.selectors import Position

    from .models import DispatchState

    state = DispatchState.objects.filter(pk=1).first()
    return Position(state.txid, state.change) if state else None


class WebhooksConfig(AppConfig):
    name = "webhooks"
    verbose_name = _("Webhook mitra")

    def ready(self):
        from changes.selectors import PRUNE_GUARDS

        if _dispatch_position not in PRUNE_GUARDS:
            PRUNE_GUARDS.append(_dispatch_position)
