"""Indonesian by default; the language switch in base.html gives the same pages in English."""

from django.urls import reverse

from core.testing.factories import SentraFactory


def test_indonesian_is_the_default(client, alor_staff):
    SentraFactory()
    client.force_login(alor_staff)
    page = client.get(reverse("sentra:list"), HTTP_ACCEPT_LANGUAGE="").content.decode()
    assert 'lang="id"' in page and "Terapkan" in page and "Nama sentra" in page


def test_language_switch_gives_english_pages(client, alor_staff):
    SentraFactory(status="kurang_aktif")
    client.force_login(alor_staff)
    client.post(reverse("set_language"), {"language": "en", "next": "/"})
    page = client.get(reverse("sentra:list")).content.decode()
    assert 'lang="en"' in page
    for english in ["Apply", "Sentra name", "Regency/city", "Less active", "Log out"]:
        assert english in page, english
    assert "Terapkan" not in page


def test_english_form_errors(client, alor_staff):
    client.force_login(alor_staff)
    client.post(reverse("set_language"), {"language": "en", "next": "/"})
    page = client.post(reverse("sentra:create"), {"desa": "99.99.99.9999"}).content.decode()
    assert "Choose at least one commodity." in page
    assert "Village not found in your region." in page
