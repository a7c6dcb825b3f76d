"""Single sign-on through OpenID Connect against a stand-in provider (security/tests/oidc_provider.py): the
provider's role and region claims give the person's role and region, or an administrator decides them."""

from urllib.parse import parse_qs, urlparse

import pytest
import requests
from django.urls import reverse

from accounts.models import Role, User
from core.testing.factories import UserFactory

pytestmark = pytest.mark.django_db

BACKENDS = ["security.backends.LockoutBackend", "django.contrib.auth.backends.ModelBackend", "security.oidc.RegistryOidcBackend"]


@pytest.fixture
def provider(settings):
    from .oidc_provider import StandInProvider

    with StandInProvider() as stand_in:
        # What an operator writes into the environment from the provider's discovery document.
        discovery = requests.get(f"{stand_in.url}/.well-known/openid-configuration", timeout=5).json()
        settings.OIDC_ENABLED = True
        settings.AUTHENTICATION_BACKENDS = BACKENDS
        settings.OIDC_RP_CLIENT_ID, settings.OIDC_RP_CLIENT_SECRET = stand_in.client_id, stand_in.client_secret
        settings.OIDC_OP_AUTHORIZATION_ENDPOINT = discovery["authorization_endpoint"]
        settings.OIDC_OP_TOKEN_ENDPOINT = discovery["token_endpoint"]
        settings.OIDC_OP_USER_ENDPOINT = discovery["userinfo_endpoint"]
        settings.OIDC_OP_JWKS_ENDPOINT = discovery["jwks_uri"]
        settings.OIDC_OP_ISSUER = discovery["issuer"]
        settings.OIDC_ROLE_CLAIM, settings.OIDC_REGION_CLAIM = "sentra_role", "sentra_region"
        settings.OIDC_ROLE_MAP = {"dinas-kab": "district", "dinas-prov": "province", "kemenperin-analis": "analyst"}
        yield stand_in


def sso_login(client, provider, claims, next_url=None):
    """Follow the code flow as the browser would; returns the callback's response."""
    start = client.get(reverse("oidc_authentication_init") + (f"?next={next_url}" if next_url else ""))
    assert start.status_code == 302 and start["Location"].startswith(provider.url + "/authorize?")
    params = {key: value[0] for key, value in parse_qs(urlparse(start["Location"]).query).items()}
    assert params["client_id"] == provider.client_id and params["code_challenge_method"] == "S256"
    code = provider.approve(params, claims)
    return client.get(urlparse(params["redirect_uri"]).path, {"code": code, "state": params["state"]})


def claims(username="siti.alor", role="dinas-kab", region="53.05", **extra):
    return {"sub": f"id-{username}", "preferred_username": username, "email": f"{username}@alorkab.go.id",
            "given_name": "Siti", "family_name": "Lapan", "sentra_role": role, "sentra_region": region, **extra}


def test_first_login_creates_the_person_with_the_role_and_region_of_the_claims(client, provider, alor_desa):
    response = sso_login(client, provider, claims(), next_url="/sentra/")
    assert response.status_code == 302 and response["Location"] == "/sentra/"
    user = User.objects.get(username="siti.alor")
    assert (user.role, user.region_id, user.email, user.first_name) == (Role.DISTRICT, "53.05", "siti.alor@alorkab.go.id", "Siti")
    assert not user.has_usable_password()
    assert client.get("/sentra/").status_code == 200  # signed in


def test_next_login_follows_the_provider_when_role_or_region_changed(client, provider, alor_desa):
    sso_login(client, provider, claims())
    client.logout()
    sso_login(client, provider, claims(role=["dinas-kab", "dinas-prov"], region="53"))
    user = User.objects.get(username="siti.alor")
    assert (user.role, user.region_id) == (Role.PROVINCE, "53")  # the wider of the two roles, with its province


def test_a_claim_that_maps_to_nothing_refuses_the_login_and_changes_nothing(client, provider, alor_desa):
    existing = UserFactory(username="siti.alor", role=Role.DISTRICT, region_id="53.05")
    for bad in (claims(role="tamu"), claims(region="53"), claims(region="99.99"), claims(role="kemenperin-admin")):
        response = sso_login(client, provider, bad)
        assert response.status_code == 302 and response["Location"] == "/akun/masuk/?sso=gagal"
        assert "_auth_user_id" not in client.session
    existing.refresh_from_db()
    assert (existing.role, existing.region_id) == (Role.DISTRICT, "53.05")
    page = client.get("/akun/masuk/?sso=gagal").content.decode()
    assert "Masuk lewat SSO gagal" in page


def test_without_a_role_claim_an_administrator_creates_the_account_first(client, provider, settings, alor_desa):
    settings.OIDC_ROLE_CLAIM = ""
    response = sso_login(client, provider, claims(username="budi.belu"))
    assert response["Location"] == "/akun/masuk/?sso=gagal" and not User.objects.filter(username="budi.belu").exists()

    UserFactory(username="budi.belu", role=Role.ANALYST)  # the administrator decides role and region
    response = sso_login(client, provider, claims(username="budi.belu", role="dinas-kab", region="53.05"))
    assert response.status_code == 302 and response["Location"] == "/"
    user = User.objects.get(username="budi.belu")
    assert (user.role, user.region_id) == (Role.ANALYST, None)  # the provider's claims do not override the admin


def test_a_token_issued_for_another_client_is_refused(client, provider, alor_desa):
    provider.audience = "aplikasi-lain"
    response = sso_login(client, provider, claims())
    assert response["Location"] == "/akun/masuk/?sso=gagal" and not User.objects.filter(username="siti.alor").exists()


def test_a_replayed_callback_is_refused(client, provider, alor_desa):
    start = client.get(reverse("oidc_authentication_init"))
    params = {key: value[0] for key, value in parse_qs(urlparse(start["Location"]).query).items()}
    code = provider.approve(params, claims())
    callback = urlparse(params["redirect_uri"]).path
    assert client.get(callback, {"code": code, "state": params["state"]})["Location"] == "/"
    client.logout()
    assert client.get(callback, {"code": code, "state": params["state"]})["Location"] == "/akun/masuk/?sso=gagal"


def test_login_page_offers_sso_only_when_configured(client, provider, settings):
    assert "Masuk dengan akun instansi (SSO)" in client.get("/akun/masuk/").content.decode()
    settings.OIDC_ENABLED = False
    assert "SSO" not in client.get("/akun/masuk/").content.decode()
    assert client.get(reverse("oidc_authentication_init")).status_code == 404
