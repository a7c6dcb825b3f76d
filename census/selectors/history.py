"""What a registry history row written by an approved visit says about its source (registered with
web.history in CensusConfig.ready): the round, the visit (date and officer: the row's author) and the provincial
reviewer who approved it, linked to the worklist item. Read inside the user's scope; a visit the user may not
see keeps the bare reason text."""

from django.urls import reverse
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from accounts.scope import scope_queryset

from ..models import Decision, Transition, Visit
from ..services.apply import REASON_PATTERN


def _name(user):
    return (user.get_full_name() or user.get_username()) if user else _("sistem")


def approval_sources(reasons, user):
    """{reason: {"what", "url"}} for the census reasons among `reasons` (two queries for any number)."""
    visit_of = {}
    for reason in reasons:
        match = REASON_PATTERN.match(reason or "")
        if match:
            visit_of[reason] = int(match.group("visit"))
    if not visit_of:
        return {}
    visits = {
        visit.pk: visit
        for visit in scope_queryset(Visit.objects.filter(pk__in=set(visit_of.values())), user).select_related("item__round", "officer")
    }
    approvals = {
        transition.visit_id: transition
        for transition in Transition.objects.filter(visit_id__in=list(visits), decision=Decision.APPROVE).select_related("user").order_by("at", "id")
    }
    described = {}
    for reason, visit_id in visit_of.items():
        visit = visits.get(visit_id)
        if visit is None:
            continue
        approval = approvals.get(visit_id)
        params = {
            "round": visit.item.round.name, "date": date_format(visit.visited_on, "j M Y"), "officer": _name(visit.officer),
            "reviewer": _name(approval.user) if approval else "",
        }
        what = (
            _("Pendataan ulang %(round)s: kunjungan %(date)s oleh %(officer)s, disetujui oleh %(reviewer)s") if approval
            else _("Pendataan ulang %(round)s: kunjungan %(date)s oleh %(officer)s")
        ) % params
        described[reason] = {"what": what, "url": reverse("census:item", args=[visit.item_id])}
    return described
