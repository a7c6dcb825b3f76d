"""Single sign-on routes; they answer 404 unless OIDC_RP_CLIENT_ID is set (settings.OIDC_ENABLED)."""

from django.conf import settings
from django.http import Http404
from django.urls import path
from mozilla_django_oidc import views as oidc_views


def _when_enabled(view_class):
    def view(request, *args, **kwargs):
        if not settings.OIDC_ENABLED:
            raise Http404("SSO is not configured")
        return view_class.as_view()(request, *args, **kwargs)

    return view


urlpatterns = [
    path("masuk/", _when_enabled(oidc_views.OIDCAuthenticationRequestView), name="oidc_authentication_init"),
    path("kembali/", _when_enabled(oidc_views.OIDCAuthenticationCallbackView), name="oidc_authentication_callback"),
]
