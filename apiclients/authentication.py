from datetime import timedelta

from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from rest_framework import authentication, exceptions

from .models import ApiClient
from .services import api_principal_for_key

# Recording every use would turn each read into a write; once a minute is enough to spot unused tokens.
LAST_USED_RESOLUTION = timedelta(minutes=1)


class ApiTokenAuthentication(authentication.TokenAuthentication):
    """`Authorization: Token <key>` for partner clients; the request runs as the client's ApiPrincipal."""

    keyword = "Token"

    def authenticate_credentials(self, key):
        principal = api_principal_for_key(key)
        if principal is None:
            raise exceptions.AuthenticationFailed(_("Token tidak valid atau sudah dinonaktifkan."))
        client = principal.api_client
        now = timezone.now()
        if client.last_used_at is None or now - client.last_used_at > LAST_USED_RESOLUTION:
            ApiClient.objects.filter(pk=client.pk).update(last_used_at=now)
        return principal, client
