"""Registry changes written by an approved visit show, on the record's history page, the round and the visit as
their source: authored by the officer who made the visit, with the reviewer who approved named and a link to the
worklist item. An officer who may no longer write there cannot author them: the approval is refused, clearly."""

import re

import pytest
from django.urls import reverse
from django.utils.formats import date_format

from census.models import Decision, ItemState, WorklistItem
from census.selectors.history import approval_sources
from census.services import kabupaten_submit, visit_record, visit_review
from census.services.apply import change_reason
from sentra.models import Sentra

from .conftest import payload, photo

pytestmark = pytest.mark.django_db


@pytest.fixture
def visit(alor_staff, ntt_staff, mali_item, mali):
    alor_staff.first_name, alor_staff.last_name = "Yakobus", "Lau"
    alor_staff.save()
    ntt_staff.first_name, ntt_staff.last_name = "Maria", "Bere"
    ntt_staff.save()
    visit, _ = visit_record(user=alor_staff, item_id=mali_item.pk, payload=payload(mali_item, mali), photos=[photo()])
    kabupaten_submit(user=alor_staff, round=mali_item.round, kabupaten_code="53.05")
    return visit


def census_rows(html):
    """The history table's rows whose source links to a worklist item: (author, source text, link)."""
    rows = re.findall(r"<tr>\s*<td>[^<]*</td><td>([^<]*)</td><td><a href=\"([^\"]+)\" data-testid=\"history-source\">([^<]*)</a>", html)
    return [(author, text, link) for author, link, text in rows]


def test_the_sentra_history_names_the_round_the_visit_and_the_reviewer(client, visit, ntt_staff, alor_staff, mali_item, mali):
    client.force_login(ntt_staff)
    response = client.post(reverse("census:review", args=[mali_item.pk]), {"decision": Decision.APPROVE, "comment": ""})
    assert response.status_code == 302
    source = f"Pendataan ulang Pendataan uji: kunjungan {date_format(visit.visited_on, 'j M Y')} oleh Yakobus Lau, disetujui oleh Maria Bere"
    item_url = reverse("census:item", args=[mali_item.pk])
    for user in (alor_staff, ntt_staff):
        client.force_login(user)
        html = client.get(reverse("sentra:history", args=[mali["sentra"].pk])).content.decode()
        assert census_rows(html) == [("Yakobus Lau", source, item_url)]  # authored by the officer, reviewer named
        assert "Aktif" in html and "Kurang aktif" in html  # the status change itself, old → new
    room = client.get(reverse("facilities:room_history", args=[mali["rooms"][1].pk])).content.decode()
    machine = client.get(reverse("facilities:machine_history", args=[mali["machine"].pk])).content.decode()
    assert census_rows(room) == census_rows(machine) == [("Yakobus Lau", source, item_url)]


def test_a_visit_outside_the_readers_scope_is_not_described(visit, ntt_staff, belu_staff, mali_item):
    visit_review(user=ntt_staff, item=mali_item, decision=Decision.APPROVE)
    reason = change_reason(visit)
    assert reason in approval_sources({reason, "update"}, ntt_staff)
    assert approval_sources({reason}, belu_staff) == {}


def test_an_officer_who_moved_away_cannot_author_the_changes(client, visit, alor_staff, ntt_staff, mali_item, mali):
    alor_staff.region_id = "53.04"  # now posted to Belu
    alor_staff.save()
    client.force_login(ntt_staff)
    response = client.post(reverse("census:review", args=[mali_item.pk]), {"decision": Decision.APPROVE, "comment": ""})
    assert response.status_code == 400
    assert "tidak lagi berwenang mengubah data wilayah ini" in response.content.decode()
    assert WorklistItem.objects.get(pk=mali_item.pk).state == ItemState.SUBMITTED
    assert Sentra.objects.get(pk=mali["sentra"].pk).status == "kurang_aktif"
    assert not Sentra.history.filter(history_change_reason=change_reason(visit)).exists()
    # Returning it stays possible: the kabupaten's current officer records it again.
    visit_review(user=ntt_staff, item=mali_item, decision=Decision.RETURN, comment="Dicatat ulang oleh petugas Alor")
    assert WorklistItem.objects.get(pk=mali_item.pk).state == ItemState.RETURNED
