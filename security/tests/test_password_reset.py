"""A forgotten password is reset by e-mail, end to end: the link in the mail works once and the new password
logs in; the pages are the app's own (not the admin look), in Indonesian and English."""

import re

import pytest
from django.core import mail
from django.core.cache import cache
from django.urls import reverse

from core.testing.factories import UserFactory

pytestmark = pytest.mark.django_db
NEW = "tenun-ikat-moramam-2026"


@pytest.fixture(autouse=True)
def fresh_throttle():
    cache.clear()  # the reset throttle counts per address in the cache; each test starts from zero


@pytest.fixture
def siti(alor_desa):
    return UserFactory(username="siti", email="siti@alorkab.go.id", role="district", region_id="53.05")


def link_in(message):
    return re.search(r"https?://[^/\s]+(/akun/sandi/atur/\S+)", message.body).group(1)


def test_reset_by_email_end_to_end(client, siti):
    login_page = client.get(reverse("login")).content.decode()
    assert reverse("password_reset") in login_page and "Lupa kata sandi?" in login_page

    response = client.post(reverse("password_reset"), {"email": "SITI@alorkab.go.id"})
    assert response.status_code == 302 and response["Location"] == reverse("password_reset_done")
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == ["siti@alorkab.go.id"] and message.subject == "Buat kata sandi baru Registri Sentra IKM"
    assert "Nama pengguna Anda: siti" in message.body

    form_page = client.get(link_in(message), follow=True)
    assert form_page.status_code == 200 and "Buat kata sandi baru" in form_page.content.decode()
    set_password_url = form_page.redirect_chain[-1][0]
    weak = client.post(set_password_url, {"new_password1": "12345678", "new_password2": "12345678"})
    assert weak.status_code == 200 and "errorlist" in weak.content.decode()
    done = client.post(set_password_url, {"new_password1": NEW, "new_password2": NEW})
    assert done.status_code == 302 and done["Location"] == reverse("password_reset_complete")

    siti.refresh_from_db()
    assert siti.check_password(NEW) and not siti.check_password("rahasia-uji-123")
    assert client.post(reverse("login"), {"username": "siti", "password": NEW}).status_code == 302
    client.logout()
    reused = client.get(link_in(message), follow=True).content.decode()
    assert "Tautan ini tidak berlaku lagi" in reused


def test_an_unknown_address_gets_the_same_answer_and_no_mail(client, siti):
    response = client.post(reverse("password_reset"), {"email": "orang-lain@example.org"})
    assert response["Location"] == reverse("password_reset_done") and mail.outbox == []


def test_the_mail_and_pages_come_in_english_for_an_english_session(client, siti):
    client.cookies["django_language"] = "en"
    assert "<h1>Forgot your password</h1>" in client.get(reverse("password_reset")).content.decode()
    client.post(reverse("password_reset"), {"email": "siti@alorkab.go.id"})
    assert mail.outbox[0].subject == "Set a new Registri Sentra IKM password"
    assert "Your user name: siti" in mail.outbox[0].body


def test_without_a_mail_server_the_page_says_so_and_sends_nothing(client, siti, settings):
    settings.EMAIL_ENABLED = False
    assert "Lupa kata sandi?" not in client.get(reverse("login")).content.decode()
    page = client.post(reverse("password_reset"), {"email": "siti@alorkab.go.id"})
    assert page.status_code == 200 and "belum diaktifkan" in page.content.decode() and mail.outbox == []


def test_one_mailbox_cannot_be_flooded_but_the_office_next_door_still_resets(client, siti):
    for _ in range(5):
        assert client.post(reverse("password_reset"), {"email": "siti@alorkab.go.id"}).status_code == 302
    refused = client.post(reverse("password_reset"), {"email": "Siti@AlorKab.go.id"})
    assert refused.status_code == 200 and "Terlalu banyak permintaan" in refused.content.decode()
    assert len(mail.outbox) == 5
    # A colleague behind the same office address (NAT) is not locked out by it.
    UserFactory(username="yohana", email="yohana@alorkab.go.id", role="district", region_id="53.05")
    assert client.post(reverse("password_reset"), {"email": "yohana@alorkab.go.id"}).status_code == 302
    assert mail.outbox[-1].to == ["yohana@alorkab.go.id"]


def test_password_change_is_in_the_user_menu_and_in_the_app_style(client, siti):
    client.force_login(siti)
    home = client.get("/").content.decode()
    assert f'href="{reverse("password_change")}"' in home and f'href="{reverse("otp_enrol")}"' in home
    page = client.get(reverse("password_change")).content.decode()
    assert 'class="topbar"' in page and "Ganti kata sandi" in page and "Django" not in page
    response = client.post(reverse("password_change"), {"old_password": "rahasia-uji-123", "new_password1": NEW, "new_password2": NEW})
    assert response["Location"] == reverse("password_change_done")
    assert "Kata sandi Anda sudah diganti" in client.get(reverse("password_change_done")).content.decode()
    siti.refresh_from_db()
    assert siti.check_password(NEW)
