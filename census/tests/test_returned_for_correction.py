"""A visit the province returns for correction: the officer who made it gets an e-mail (in their language, with
the comment and a link to the item) once the review commits, and their census home page and the round's worklist
show the returned items first; nobody outside the kabupaten sees them."""

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.urls import reverse

from census.models import Decision
from census.services import kabupaten_submit, visit_record, visit_review

from .conftest import payload, photo

pytestmark = pytest.mark.django_db
IMMEDIATE = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}


@pytest.fixture
def submitted(settings, alor_staff, mali_item, mali):
    settings.TASKS, settings.SITE_URL = IMMEDIATE, "https://sentra.example.go.id"
    alor_staff.email, alor_staff.first_name = "petugas@alorkab.go.id", "Yakobus"
    alor_staff.save()
    visit_record(user=alor_staff, item_id=mali_item.pk, payload=payload(mali_item, mali), photos=[photo()])
    kabupaten_submit(user=alor_staff, round=mali_item.round, kabupaten_code="53.05")
    return mali_item


def test_the_officer_is_told_with_the_comment_and_a_link(submitted, ntt_staff, django_capture_on_commit_callbacks):
    ntt_staff.first_name, ntt_staff.last_name = "Maria", "Bere"
    ntt_staff.save()
    with django_capture_on_commit_callbacks(execute=True):
        visit_review(user=ntt_staff, item=submitted, decision=Decision.RETURN, comment="Foto ruang 3 kurang jelas; ulangi.")
    [message] = mail.outbox
    assert message.to == ["petugas@alorkab.go.id"]
    assert message.subject == "Kunjungan ke Sentra IKM Mali dikembalikan untuk diperbaiki"
    assert "Halo Yakobus" in message.body and "Maria Bere mengembalikan kunjungan Anda" in message.body
    assert "Foto ruang 3 kurang jelas; ulangi." in message.body and "Pendataan uji" in message.body
    assert f"https://sentra.example.go.id/pendataan/butir/{submitted.pk}/" in message.body


def test_the_officer_reads_it_in_their_language(submitted, alor_staff, ntt_staff, django_capture_on_commit_callbacks):
    alor_staff.language = "en"
    alor_staff.save()
    with django_capture_on_commit_callbacks(execute=True):
        visit_review(user=ntt_staff, item=submitted, decision=Decision.RETURN, comment="Foto buram")
    assert mail.outbox[0].subject == "Visit to Sentra IKM Mali returned for correction"
    assert "returned your visit" in mail.outbox[0].body and "Foto buram" in mail.outbox[0].body


def test_approval_and_a_refused_return_send_nothing(submitted, ntt_staff, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        with pytest.raises(ValidationError):
            visit_review(user=ntt_staff, item=submitted, decision=Decision.RETURN, comment="  ")
    assert mail.outbox == [] and len(callbacks) == 0
    with django_capture_on_commit_callbacks(execute=True):
        visit_review(user=ntt_staff, item=submitted, decision=Decision.APPROVE)
    assert mail.outbox == []


def test_the_officers_pages_show_the_returned_items_first_and_no_one_elses(
    client, submitted, alor_staff, belu_staff, ntt_staff, census_round, django_capture_on_commit_callbacks,
):
    with django_capture_on_commit_callbacks(execute=True):
        visit_review(user=ntt_staff, item=submitted, decision=Decision.RETURN, comment="Foto ruang 3 kurang jelas")
    client.force_login(alor_staff)
    home = client.get(reverse("census:home")).content.decode()
    card = home[home.index('data-testid="returned-items"'):]
    assert "1 kunjungan dikembalikan untuk diperbaiki" in card and "Foto ruang 3 kurang jelas" in card
    assert f'href="/pendataan/butir/{submitted.pk}/"' in card and "Dikembalikan oleh ntt" in card
    assert home.index('data-testid="returned-items"') < home.index("<table")  # above the rounds
    worklist = client.get(reverse("census:worklist", args=[census_round.pk])).content.decode()
    assert 'data-testid="returned-items"' in worklist and "Foto ruang 3 kurang jelas" in worklist
    client.force_login(belu_staff)
    for url in (reverse("census:home"), reverse("census:worklist", args=[census_round.pk])):
        page = client.get(url).content.decode()
        assert 'data-testid="returned-items"' not in page and "Foto ruang" not in page and "Mali" not in page
