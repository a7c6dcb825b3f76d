"""Telling the officer that the province returned their visit for correction: one e-mail, in the officer's
language, with the reviewer's comment and a link to the item. Sent by the worker after the review commits
(census.tasks), so a slow mail server never holds the reviewer's page and a rolled-back review sends nothing."""

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from operations.notifications import notify_user

from ..models import Decision, Transition


def visit_returned_notify(*, transition_id):
    transition = Transition.objects.select_related("user", "visit__officer", "item__sentra", "item__round").get(pk=transition_id)
    if transition.decision != Decision.RETURN or transition.visit is None:
        return False
    item, reviewer = transition.item, transition.user
    return notify_user(
        user=transition.visit.officer,
        subject=_("Kunjungan ke %(sentra)s dikembalikan untuk diperbaiki"),
        message=_("%(reviewer)s mengembalikan kunjungan Anda ke %(sentra)s (%(round)s) untuk diperbaiki:\n\n%(comment)s\n\n"
                  "Catat kunjungan perbaikan lewat aplikasi lapangan, lalu kirim lagi daftar kerja."),
        params={"sentra": item.sentra.name, "round": item.round.name, "comment": transition.comment,
                "reviewer": reviewer.get_full_name() or reviewer.get_username()},
        link=reverse("census:item", args=[item.pk]),
    )
