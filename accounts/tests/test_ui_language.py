"""The UI is Indonesian whatever the browser asks for; a user's choice of English is kept on their account and
applies again at every login, in any browser. The API still follows Accept-Language (docs/api.md)."""

from django.conf import settings
from django.test import Client
from django.urls import reverse

from accounts.models import User


def page_language(response):
    html = response.content.decode()
    return html.split('<html lang="', 1)[1].split('"', 1)[0]


def test_an_english_browser_still_gets_indonesian(client, alor_staff):
    assert page_language(client.get(reverse("login"), HTTP_ACCEPT_LANGUAGE="en-US,en;q=0.9")) == "id"
    client.force_login(alor_staff)
    response = client.get(reverse("sentra:list"), HTTP_ACCEPT_LANGUAGE="en-US,en;q=0.9")
    assert page_language(response) == "id" and "Terapkan" in response.content.decode()


def test_the_choice_is_saved_on_the_account_and_applies_at_the_next_login(client, alor_staff):
    client.force_login(alor_staff)
    response = client.post(reverse("set_language"), {"language": "en", "next": "/sentra/"})
    assert response.status_code == 302
    alor_staff.refresh_from_db()
    assert alor_staff.language == "en"

    elsewhere = Client()  # another browser: no language cookie, Indonesian Accept-Language
    login = elsewhere.post(reverse("login"), {"username": "alor", "password": "rahasia-uji-123"})
    assert login.status_code == 302
    page = elsewhere.get(reverse("sentra:list"), HTTP_ACCEPT_LANGUAGE="id")
    assert page_language(page) == "en" and "Apply" in page.content.decode()
    assert elsewhere.cookies[settings.LANGUAGE_COOKIE_NAME].value == "en"  # set at login: the login page after logout stays English
    elsewhere.post(reverse("logout"))
    assert page_language(elsewhere.get(reverse("login"))) == "en"

    # Switching back is saved too.
    elsewhere.force_login(alor_staff)
    elsewhere.post(reverse("set_language"), {"language": "id", "next": "/"})
    assert User.objects.get(pk=alor_staff.pk).language == "id"
    assert page_language(elsewhere.get(reverse("sentra:list"))) == "id"


def test_the_account_wins_over_a_stale_cookie(client, alor_staff):
    User.objects.filter(pk=alor_staff.pk).update(language="id")
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    client.force_login(alor_staff)
    assert page_language(client.get(reverse("sentra:list"))) == "id"


def test_switch_before_login_is_a_cookie_only(client, alor_staff):
    response = client.post(reverse("set_language"), {"language": "en", "next": "/akun/masuk/"})
    assert response.cookies[settings.LANGUAGE_COOKIE_NAME].value == "en"
    assert page_language(client.get(reverse("login"))) == "en"
    assert User.objects.get(pk=alor_staff.pk).language == ""


def test_an_unknown_language_is_ignored(client, alor_staff):
    client.force_login(alor_staff)
    client.post(reverse("set_language"), {"language": "fr", "next": "/"})
    assert User.objects.get(pk=alor_staff.pk).language == ""
    assert page_language(client.get(reverse("home"))) == "id"


def test_the_api_still_follows_accept_language(client, alor_staff):
    client.force_login(alor_staff)
    english = client.post("/api/v1/rooms/", {}, content_type="application/json", HTTP_ACCEPT_LANGUAGE="en")
    indonesian = client.post("/api/v1/rooms/", {}, content_type="application/json", HTTP_ACCEPT_LANGUAGE="id")
    assert english.json()["message"] != indonesian.json()["message"]
