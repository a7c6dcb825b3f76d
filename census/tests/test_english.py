"""The census pages come out in English for an English-speaking user (the app's own catalogue)."""

import pytest
from django.conf import settings

pytestmark = pytest.mark.django_db


def test_round_page_and_field_app_are_english(client, alor_staff, census_round):
    client.force_login(alor_staff)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    page = client.get(f"/pendataan/{census_round.pk}/").content.decode()
    assert "The answer: sentra still alive" in page and "Completion" in page and "Submit worklist" in page
    app = client.get("/pendataan/lapangan/").content.decode()
    assert "My worklist" in app and "Save visit" in app and '"offline": "Offline"' in app
