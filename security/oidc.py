"""Single sign-on through OpenID Connect (mozilla-django-oidc does the protocol: code flow, state, nonce,
RS256 signature against the provider's JWKS). This module decides who the signed-in person is here.

Two ways to run it, chosen by settings:
- OIDC_ROLE_CLAIM set: the identity provider is the authority. Its role claim (through OIDC_ROLE_MAP) and
  region claim (a Kemendagri code) give the role and region at every login; a person is created on first
  login. A claim that does not map to a valid role and region refuses the login and changes nothing.
- OIDC_ROLE_CLAIM empty: an administrator creates each account (role and region) with the same user name
  as in the identity provider; SSO only proves who is logging in. Unknown people are refused.
Matching is by user name (OIDC_USERNAME_CLAIM, default preferred_username). Passwords of accounts created
here are unusable: they sign in through the provider only.
"""

import logging

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.exceptions import SuspiciousOperation, ValidationError
from mozilla_django_oidc.auth import OIDCAuthenticationBackend

from accounts.models import Role
from regions.models import Region

logger = logging.getLogger(__name__)

PRIVILEGE_ORDER = [Role.ADMIN, Role.ANALYST, Role.PROVINCE, Role.DISTRICT]
REGION_LEVEL = {Role.PROVINCE: Region.Level.PROVINSI, Role.DISTRICT: Region.Level.KABUPATEN_KOTA}


class ClaimsRefused(SuspiciousOperation):
    """The provider's claims do not give a usable role and region (mozilla-django-oidc then refuses the login)."""


def mapped_role(claims):
    value = claims.get(settings.OIDC_ROLE_CLAIM)
    values = value if isinstance(value, (list, tuple)) else [value]
    roles = {settings.OIDC_ROLE_MAP.get(str(item)) for item in values if item is not None}
    # Someone holding several provider roles gets the widest one they were given, never a guess beyond it.
    for role in PRIVILEGE_ORDER:
        if role in roles:
            return role
    raise ClaimsRefused(f"claim {settings.OIDC_ROLE_CLAIM}={value!r} maps to no role")


def mapped_region(role, claims):
    if role not in REGION_LEVEL:
        return None  # administrators and analysts are national
    code = str(claims.get(settings.OIDC_REGION_CLAIM) or "").strip()
    region = Region.objects.filter(code=code, level=REGION_LEVEL[role]).first()
    if region is None:
        raise ClaimsRefused(f"claim {settings.OIDC_REGION_CLAIM}={code!r} is no region for role {role}")
    return region


def sso_user_sync(*, user, claims):
    """Create or update a person from verified provider claims (role and region only when mapping is on)."""
    username = claims[settings.OIDC_USERNAME_CLAIM]
    if user is None:
        user = get_user_model()(username=username)
        user.set_unusable_password()
    user.email = claims.get("email") or user.email
    user.first_name = (claims.get("given_name") or user.first_name)[:150]
    user.last_name = (claims.get("family_name") or user.last_name)[:150]
    if settings.OIDC_ROLE_CLAIM:
        user.role = mapped_role(claims)
        user.region = mapped_region(user.role, claims)
    try:
        user.full_clean(exclude=["password"])
    except ValidationError as error:
        raise ClaimsRefused(f"claims give an invalid user: {error.messages}") from error
    user.save()
    return user


class RegistryOidcBackend(OIDCAuthenticationBackend):
    def verify_token(self, token, **kwargs):
        """The library checks signature and nonce; we also require the token to be issued for this client
        (aud) and, when OIDC_OP_ISSUER is set, by that provider (iss)."""
        payload = super().verify_token(token, **kwargs)
        audience = payload.get("aud")
        audiences = audience if isinstance(audience, list) else [audience]
        if settings.OIDC_RP_CLIENT_ID not in audiences:
            raise ClaimsRefused("id_token audience is not this client")
        if settings.OIDC_OP_ISSUER and payload.get("iss") != settings.OIDC_OP_ISSUER:
            raise ClaimsRefused("id_token issuer is not the configured provider")
        return payload

    def authenticate(self, request, **kwargs):
        try:
            return super().authenticate(request, **kwargs)
        except ClaimsRefused as refusal:  # a refused login goes back to the login page, not to a 400
            logger.warning("SSO login refused: %s", refusal)
            return None

    def verify_claims(self, claims):
        return bool(claims.get(settings.OIDC_USERNAME_CLAIM))

    def filter_users_by_claims(self, claims):
        return self.UserModel.objects.filter(username__iexact=claims.get(settings.OIDC_USERNAME_CLAIM, ""))

    def create_user(self, claims):
        if not settings.OIDC_ROLE_CLAIM:
            logger.warning("SSO login of %r refused: no account yet (an administrator creates it)", claims.get(settings.OIDC_USERNAME_CLAIM))
            return None
        return sso_user_sync(user=None, claims=claims)

    def update_user(self, user, claims):
        return sso_user_sync(user=user, claims=claims)

    def get_or_create_user(self, access_token, id_token, payload):
        try:
            return super().get_or_create_user(access_token, id_token, payload)
        except ClaimsRefused as refusal:
            logger.warning("SSO login refused: %s", refusal)
            return None
