"""The short guide (how to enter, import, verify and export), in the page's language; open to everyone, so the
login page can link to it too."""

from django.conf import settings
from django.shortcuts import render
from django.utils.translation import get_language

GUIDES = {"id": "web/help/id.html", "en": "web/help/en.html"}


def help_page(request):
    language = (get_language() or settings.LANGUAGE_CODE)[:2]
    context = {"max_age_days": settings.VERIFICATION_MAX_AGE_DAYS, "direct_export_rows": settings.REPORTS_DIRECT_EXPORT_MAX_ROWS}
    return render(request, GUIDES.get(language, GUIDES["id"]), context)
