"""Per-record history from django-simple-history: who, when, what, old → new for each field."""

from django.contrib.auth.mixins import LoginRequiredMixin
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.views.generic import TemplateView

from .display import choice_label, field_label, format_value
from .editing import ScopedObjectMixin

HISTORY_LIMIT = 100
HIDDEN_FIELDS = {"version", "updated_at"}
CHANGE_TYPES = {"+": _("Dibuat"), "~": _("Diubah"), "-": _("Dihapus")}
REASONS = {
    "verify": _("Diverifikasi (data masih valid)"),
    "delete": _("Dihapus (dapat dipulihkan)"),
    "restore": _("Dipulihkan"),
    "bulk create": _("Dibuat lewat impor"),
    "bulk update": _("Diubah lewat impor"),
}


# Apps above the registry (census) write change reasons of their own and know what they mean; web cannot
# import them, so each registers a describer: describe(reasons, user) -> {reason: {"what": text, "url": link}}
# for the reasons it knows among those of one history page, in a constant number of queries, inside the
# user's scope (a source the user may not see is left undescribed).
REASON_SOURCES = []


def register_reason_source(describe):
    if describe not in REASON_SOURCES:
        REASON_SOURCES.append(describe)


def describe_reasons(reasons, user):
    reasons = {reason for reason in reasons if reason and reason not in REASONS}
    described = {}
    for describe in REASON_SOURCES:
        if reasons:
            described.update(describe(reasons, user))
    return described


def who(historical):
    user = historical.history_user
    return (user.get_full_name() or user.username) if user else _("sistem")


class RecordHistoryView(LoginRequiredMixin, ScopedObjectMixin, TemplateView):
    template_name = "web/history.html"
    detail_url_name = None

    def entries(self, obj):
        model = type(obj)
        # One extra row so the oldest shown entry can still be compared with its predecessor.
        records = list(obj.history.select_related("history_user").order_by("-history_date", "-history_id")[: HISTORY_LIMIT + 1])
        sources = describe_reasons({record.history_change_reason for record in records}, self.request.user)
        entries = []
        for newer, older in zip(records, [*records[1:], None]):
            if len(entries) == HISTORY_LIMIT:
                break
            changes = []
            if older is not None and newer.history_type == "~":
                delta = newer.diff_against(older, excluded_fields=[f for f in HIDDEN_FIELDS if hasattr(newer, f)])
                changes = [
                    {
                        "label": field_label(model, change.field),
                        "old": format_value(choice_label(model, change.field, change.old), change.field),
                        "new": format_value(choice_label(model, change.field, change.new), change.field),
                    }
                    for change in delta.changes
                ]
            source = sources.get(newer.history_change_reason or "")
            entries.append(
                {
                    "when": newer.history_date,
                    "who": who(newer),
                    "what": source["what"] if source else REASONS.get(newer.history_change_reason or "", CHANGE_TYPES.get(newer.history_type, "")),
                    "source_url": source.get("url") if source else None,
                    "changes": changes,
                }
            )
        return entries

    def extra_entries(self, obj):
        """Changes kept in another table (a sentra's commodity links); merged into the timeline by time."""
        return []

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        obj = self.get_object()
        context.update(
            object=obj,
            title=_("Riwayat: %(record)s") % {"record": obj},
            entries=sorted([*self.entries(obj), *self.extra_entries(obj)], key=lambda e: e["when"], reverse=True)[:HISTORY_LIMIT],
            back_url=reverse(self.detail_url_name, args=[obj.pk]) if self.detail_url_name else None,
            limit=HISTORY_LIMIT,
        )
        return context
