"""Submission by the kabupaten and review by the province; each state change is a Transition row."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from core.text import normalise_text

from accounts.scope import region_q, scope_code

from ..models import Decision, ItemState, KabupatenSubmission, Transition, WorklistItem
from ..permissions import ensure_can_record_in_kabupaten, ensure_can_review
from ..selectors.worklist import visit_conflicts
from ..tasks import notify_visit_returned
from .apply import visit_apply
from .signals import round_changed


@transaction.atomic
def kabupaten_submit(*, user, round, kabupaten_code):
    """Send every visited item of the kabupaten in the user's scope for review (corrections of returned items
    included); a kecamatan officer sends the items of their kecamatan."""
    ensure_can_record_in_kabupaten(user, kabupaten_code)
    items = list(
        WorklistItem.objects.select_for_update(of=("self",))
        .filter(round=round, kabupaten_id=kabupaten_code, state=ItemState.VISITED)
        .filter(region_q(scope_code(user), WorklistItem.REGION_PATH)).order_by("pk")
    )
    if not items:
        raise ValidationError(_("Belum ada kunjungan baru untuk dikirim."), code="nothing")
    Transition.objects.bulk_create([
        Transition(item=item, visit_id=item.current_visit_id, from_state=ItemState.VISITED, to_state=ItemState.SUBMITTED, user=user)
        for item in items
    ])
    WorklistItem.objects.filter(pk__in=[item.pk for item in items]).update(state=ItemState.SUBMITTED, updated_at=timezone.now())
    submission = KabupatenSubmission.objects.create(round=round, kabupaten_id=kabupaten_code, submitted_by=user, item_count=len(items))
    round_changed(round.pk)
    return submission


@transaction.atomic
def visit_review(*, user, item, decision, comment="", accept_conflicts=False):
    """Approve (the visit is applied to the registry) or return with a comment for correction.

    A visit that meets records changed since the worklist was downloaded is refused for approval until the
    reviewer has seen the conflicts and accepts them (`accept_conflicts`), or returns it.
    """
    ensure_can_review(user, item.kabupaten_id)
    item = WorklistItem.objects.select_for_update(of=("self",)).select_related("round", "current_visit").get(pk=item.pk)
    if item.state != ItemState.SUBMITTED or item.current_visit is None:
        raise ValidationError(_("Hanya butir yang sudah dikirim yang dapat diperiksa."), code="state")
    comment = normalise_text(comment or "", multiline=True)[:4000]
    if decision == Decision.RETURN:
        if not comment:
            raise ValidationError({"comment": _("Tuliskan apa yang harus diperbaiki.")})
        to_state = ItemState.RETURNED
    elif decision == Decision.APPROVE:
        conflicts = visit_conflicts(item.current_visit)
        if conflicts and not accept_conflicts:
            raise ValidationError(
                _("Data berubah sejak daftar kerja diunduh (%(n)s catatan). Periksa konfliknya, lalu setujui dengan "
                  "menerima konflik atau kembalikan ke petugas.") % {"n": len(conflicts)},
                code="conflict",
            )
        visit_apply(visit=item.current_visit, reviewer=user)
        to_state = ItemState.APPROVED
    else:
        raise ValidationError({"decision": _("Keputusan tidak dikenal.")})
    transition = Transition(item=item, visit=item.current_visit, from_state=item.state, to_state=to_state, decision=decision, user=user, comment=comment)
    transition.full_clean()
    transition.save()
    WorklistItem.objects.filter(pk=item.pk).update(state=to_state, updated_at=timezone.now())
    round_changed(item.round_id)
    if decision == Decision.RETURN:
        transaction.on_commit(lambda: notify_visit_returned.enqueue(transition.pk))
    return transition
