"""The UI language: Indonesian unless the user chose otherwise, whatever the browser's Accept-Language.

Dinas staff browse on whatever browser the office has (often English Chromium); the UI they are trained on is
Indonesian. So for pages the language is, in order: the user's choice stored on their account
(`User.language`, set by the language switch), then the language cookie (the switch on the login page,
before anyone is logged in), then LANGUAGE_CODE ("id"). The browser's Accept-Language is not consulted.
The REST API keeps Django's rule (cookie, then Accept-Language): partner systems ask for English that way
(docs/api.md).

The switch (`set_language`) is Django's view plus one write: the choice is saved on the account, so it
follows the user to another browser and applies again at every login.
"""

from django.conf import settings
from django.db import DatabaseError
from django.middleware.locale import LocaleMiddleware
from django.utils import translation
from django.views.i18n import set_language as django_set_language

API_PREFIX = "/api/"
SUPPORTED = {code for code, _name in settings.LANGUAGES}


def user_language(user):
    """The language stored on the account, or "" when the user never chose one."""
    try:
        if user is not None and user.is_authenticated:
            return getattr(user, "language", "") or ""
    except DatabaseError:  # database down: the page still gets its 503, in the default language
        return ""
    return ""


def ui_language(request):
    chosen = user_language(getattr(request, "user", None))
    if chosen in SUPPORTED:
        return chosen
    cookie = request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME)
    return cookie if cookie in SUPPORTED else settings.LANGUAGE_CODE


class UserLanguageMiddleware(LocaleMiddleware):
    """LocaleMiddleware with the UI rule above; must come after AuthenticationMiddleware (it reads the user)."""

    def process_request(self, request):
        if request.path_info.startswith(API_PREFIX):
            language = translation.get_language_from_request(request)
        else:
            language = ui_language(request)
        translation.activate(language)
        request.LANGUAGE_CODE = translation.get_language()

    def process_response(self, request, response):
        response = super().process_response(request, response)
        # After login the cookie follows the account's choice, so the login page after logout stays in it.
        chosen = user_language(getattr(request, "user", None))
        if chosen in SUPPORTED and request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME) != chosen and not request.path_info.startswith(API_PREFIX):
            response.set_cookie(
                settings.LANGUAGE_COOKIE_NAME, chosen, max_age=settings.LANGUAGE_COOKIE_AGE, path=settings.LANGUAGE_COOKIE_PATH,
                domain=settings.LANGUAGE_COOKIE_DOMAIN, secure=settings.LANGUAGE_COOKIE_SECURE,
                httponly=settings.LANGUAGE_COOKIE_HTTPONLY, samesite=settings.LANGUAGE_COOKIE_SAMESITE,
            )
        return response


def user_language_set(*, user, language):
    """Store the UI language on the account (a preference, not a registry record: no version or audit)."""
    if language not in SUPPORTED:
        return
    from django.contrib.auth import get_user_model

    get_user_model().objects.filter(pk=user.pk).update(language=language)
    user.language = language


def set_language(request):
    """Django's language switch (cookie and redirect), and for a logged-in user the choice saved on the account."""
    response = django_set_language(request)
    language = request.POST.get("language")
    if request.method == "POST" and language in SUPPORTED and user_language(request.user) != language and request.user.is_authenticated:
        user_language_set(user=request.user, language=language)
    return response
