"""Every UI string has an English translation, and the reports and import pages really come out in English."""

import re
from html import unescape
from pathlib import Path

import polib
import pytest
from django.conf import settings

from core.testing.factories import SentraFactory

PO_FILE = Path(settings.BASE_DIR) / "locale" / "en" / "LC_MESSAGES" / "django.po"
PLACEHOLDER = re.compile(r"%\(\w+\)[sd]|%[sd]|\{\w+\}")


@pytest.fixture(scope="module")
def catalogue():
    return polib.pofile(str(PO_FILE))


def test_english_catalogue_has_no_empty_or_fuzzy_entries(catalogue):
    empty = [entry.msgid for entry in catalogue.untranslated_entries() if not entry.obsolete]
    fuzzy = [entry.msgid for entry in catalogue.fuzzy_entries()]
    assert empty == [], f"{len(empty)} strings without English: {empty[:10]}"
    assert fuzzy == [], f"{len(fuzzy)} fuzzy strings need review: {fuzzy[:10]}"


def test_english_catalogue_keeps_placeholders(catalogue):
    # A translation that drops or renames %(name)s / {name} crashes or prints nonsense at run time.
    broken = []
    for entry in catalogue.translated_entries():
        translations = entry.msgstr_plural.values() if entry.msgid_plural else [entry.msgstr]
        expected = sorted(set(PLACEHOLDER.findall(entry.msgid)))
        broken += [entry.msgid for text in translations if sorted(set(PLACEHOLDER.findall(text))) != expected]
    assert broken == []


def _visible_text(html):
    html = re.sub(r"<(script|style)\b.*?</\1>", " ", html, flags=re.S)
    return re.sub(r"\s+", " ", unescape(re.sub(r"<[^>]+>", " ", html)))


def _untranslated_on_page(text, catalogue):
    """Indonesian UI strings (those whose English differs) still visible: a gettext evaluated too early, say."""
    indonesian = [
        entry.msgid
        for entry in catalogue.translated_entries()
        if not entry.msgid_plural and entry.msgstr != entry.msgid and len(entry.msgid) >= 12
        and not PLACEHOLDER.search(entry.msgid) and "<" not in entry.msgid
    ]
    return [msgid for msgid in indonesian if msgid in text]


@pytest.fixture
def english_client(client, alor_staff):
    client.force_login(alor_staff)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    return client


def test_reports_page_is_english(english_client, catalogue, alor_desa):
    SentraFactory(desa=alor_desa)
    response = english_client.get("/laporan/")
    assert response.status_code == 200
    text = _visible_text(response.content.decode())
    assert 'lang="en"' in response.content.decode()
    for english in ["Sentra and IKM summary", "Facility utilisation", "Data freshness", "Download this dashboard:"]:
        assert english in text, english
    assert _untranslated_on_page(text, catalogue) == []


@pytest.mark.parametrize("path", ["/laporan/fasilitas/", "/laporan/dak/", "/laporan/dampak/", "/laporan/kemutakhiran/", "/laporan/ekspor/"])
def test_other_report_pages_are_english(english_client, catalogue, path):
    response = english_client.get(path)
    assert response.status_code == 200
    assert _untranslated_on_page(_visible_text(response.content.decode()), catalogue) == []


def test_import_page_is_english(english_client, catalogue):
    response = english_client.get("/impor/")
    assert response.status_code == 200
    text = _visible_text(response.content.decode())
    for english in ["Import data from Excel or CSV", "Upload and check", "Download template", "No imports yet."]:
        assert english in text, english
    for indonesian in ["Unggah dan periksa", "Unduh templat", "Belum ada impor."]:
        assert indonesian not in text, indonesian
    assert _untranslated_on_page(text, catalogue) == []


def test_indonesian_stays_the_default(client, alor_staff):
    client.force_login(alor_staff)
    text = _visible_text(client.get("/impor/", HTTP_ACCEPT_LANGUAGE="").content.decode())
    assert "Unggah dan periksa" in text and "Upload and check" not in text
