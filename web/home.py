"""The region home page: what a dinas officer needs to see first, each figure linking into its list."""

from django.conf import settings
from django.contrib.auth.mixins import LoginRequiredMixin
from django.db.models import Count
from django.urls import reverse
from django.views.generic import TemplateView

from core.verification import awaiting_q, needs_verification_q
from facilities.models import RoomState
from facilities.selectors import room_list
from ikm.selectors import ikm_list
from sentra.models import SentraStatus
from sentra.selectors import sentra_list


def _by(queryset, field):
    return dict(queryset.order_by().values_list(field).annotate(n=Count("pk")))


class HomeView(LoginRequiredMixin, TemplateView):
    template_name = "web/home.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        user = self.request.user
        stale, awaiting = needs_verification_q(), awaiting_q()  # core.verification says what "verified" means
        sentra = sentra_list(user=user).prefetch_related(None).select_related(None)
        ikm = ikm_list(user=user).select_related(None)
        sentra_url, ikm_url, room_url = reverse("sentra:list"), reverse("ikm:list"), reverse("facilities:room_list")
        by_status = _by(sentra, "status")
        by_state = _by(room_list(user=user).select_related(None), "state")
        sentra_stats = sentra.order_by().aggregate(stale=Count("pk", filter=stale), awaiting=Count("pk", filter=awaiting))
        ikm_stats = ikm.order_by().aggregate(total=Count("pk"), stale=Count("pk", filter=stale), awaiting=Count("pk", filter=awaiting))
        context.update(
            sentra_total=sum(by_status.values()),
            sentra_by_status=[
                {"label": label, "count": by_status.get(value, 0), "url": f"{sentra_url}?status={value}", "value": value}
                for value, label in SentraStatus.choices
            ],
            sentra_url=sentra_url,
            ikm_total=ikm_stats["total"],
            ikm_url=ikm_url,
            rooms_total=sum(by_state.values()),
            rooms_by_state=[
                {"label": label, "count": by_state.get(value, 0), "url": f"{room_url}?state={value}"} for value, label in RoomState.choices
            ],
            room_url=room_url,
            sentra_stale=sentra_stats["stale"],
            sentra_stale_url=f"{sentra_url}?verified=stale",
            sentra_awaiting=sentra_stats["awaiting"],
            sentra_awaiting_url=f"{sentra_url}?verified=awaiting",
            ikm_stale=ikm_stats["stale"],
            ikm_stale_url=f"{ikm_url}?verified=stale",
            ikm_awaiting=ikm_stats["awaiting"],
            ikm_awaiting_url=f"{ikm_url}?verified=awaiting",
            max_age_days=settings.VERIFICATION_MAX_AGE_DAYS,
        )
        return context
