"""The verification block of a record page: its state (core.verification), who verified it by full name, and
no "Data masih valid" button for the person whose own change it would confirm."""

from django.utils.translation import gettext_lazy as _

from core.verification import STATE_LABELS, last_change_by, may_verify_own_change, verification_state


def person(user):
    """A user as the history page shows them: full name, else the username."""
    return (user.get_full_name() or user.get_username()) if user else None


VERIFICATION_FIELDS = [
    (_("Status verifikasi"), lambda record: STATE_LABELS[verification_state(record)]),
    "last_verified_at",
    (_("Diverifikasi oleh"), lambda record: person(record.last_verified_by)),
]


class VerificationDetailMixin:
    """For RecordDetailViews of verifiable records (sentra, IKM units)."""

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        record, user = context["object"], self.request.user
        if context.get("verify_url") and not may_verify_own_change(user) and last_change_by(record) == user.pk:
            context["verify_url"] = None
            context["verify_note"] = _("Perubahan terakhir data ini Anda buat sendiri: verifikasinya oleh staf dinas provinsi atau rekan dinas.")
        return context
