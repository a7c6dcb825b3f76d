import hashlib
import hmac
import secrets

from django.db import transaction
from django.utils.text import slugify

from accounts.models import Role, User

from .models import ApiClient, ApiPrincipal

PREFIX_LENGTH = 8


def key_digest(key):
    # The key carries 256 random bits, so a fast unsalted digest is enough (no dictionary to guess from).
    return hashlib.sha256(key.encode()).hexdigest()


def _new_key():
    prefix = secrets.token_hex(PREFIX_LENGTH // 2)
    return prefix, f"{prefix}.{secrets.token_urlsafe(32)}"


def _sync_service_user(client):
    user = client.user
    user.role = Role.DISTRICT if client.region_id else Role.ANALYST
    user.region_id = client.region_id
    user.is_active = client.is_active
    user.save(update_fields=["role", "region", "is_active"])


@transaction.atomic
def api_client_create(*, name, region=None, read_write=False, throttle_rate=""):
    """Create a client with its service user; returns (client, key). The key is never stored in clear."""
    prefix, key = _new_key()
    user = User(username=f"api-{slugify(name)[:100]}-{prefix}", first_name=name[:150])
    user.set_unusable_password()  # the service user can never log in through the login page
    user.role = Role.DISTRICT if region else Role.ANALYST
    user.region = region
    user.save()
    client = ApiClient(
        name=name, region=region, read_write=read_write, throttle_rate=throttle_rate,
        key_prefix=prefix, key_hash=key_digest(key), user=user,
    )
    client.full_clean()
    client.save()
    return client, key


@transaction.atomic
def api_client_update(*, client):
    """Save admin changes to the client and mirror them on its service user."""
    client.full_clean()
    client.save()
    _sync_service_user(client)
    return client


@transaction.atomic
def api_client_rotate_key(*, client):
    prefix, key = _new_key()
    client.key_prefix, client.key_hash = prefix, key_digest(key)
    client.save(update_fields=["key_prefix", "key_hash"])
    return key


def api_principal_for_key(key):
    """The service user (as ApiPrincipal, with its client) of the active client owning `key`, or None."""
    prefix, _, _ = (key or "").partition(".")
    principal = (
        ApiPrincipal.objects.select_related("api_client")
        .filter(api_client__key_prefix=prefix, api_client__is_active=True, is_active=True)
        .first()
    )
    if principal is None or not hmac.compare_digest(principal.api_client.key_hash, key_digest(key)):
        return None
    return principal
