"""A short guide (enter, import, verify, export) in Indonesian and English, linked from every page."""

from django.conf import settings
from django.urls import reverse

from core.testing.factories import SentraFactory


def test_every_page_links_to_the_guide(client, alor_staff):
    sentra = SentraFactory()
    assert 'href="/bantuan/"' in client.get(reverse("login")).content.decode()  # before logging in too
    client.force_login(alor_staff)
    for url in (reverse("home"), reverse("sentra:list"), reverse("sentra:create"), reverse("sentra:detail", args=[sentra.pk]),
                reverse("reports:overview"), reverse("imports:home")):
        assert 'href="/bantuan/"' in client.get(url).content.decode(), url


def test_guide_covers_the_daily_tasks_in_both_languages(client, alor_staff):
    page = client.get(reverse("help")).content.decode()
    for anchor in ('id="isi"', 'id="impor"', 'id="verifikasi"', 'id="ekspor"'):
        assert anchor in page
    assert "Panduan singkat" in page and "Menunggu verifikasi" in page and "Unduh XLSX" in page and "5305-004" in page
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    english = client.get(reverse("help")).content.decode()
    assert 'lang="en"' in english and "Short guide" in english and "Awaiting verification" in english
    assert "Panduan singkat" not in english
