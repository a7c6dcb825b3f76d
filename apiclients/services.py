import functools
import hashlib
import hmac
import secrets

from django.db import connections, transaction
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
    """The service user (as ApiPrincipal, with its client) of the active client owning `key`, or None.

    Asked on every API request and never cached: a token that is rotated or deactivated, or whose service user
    is deactivated, stops working with the very next request in every worker (a per-process cache such as
    LocMem could not be invalidated across gunicorn workers). To keep that one query cheap, its SQL is built
    once per database from the models' metadata (`_principal_statement`) instead of through the ORM per
    request, which cost ~2 ms of compiling for a ~0.2 ms query (issue 6, bench/api_list.py).
    """
    prefix, _, _ = (key or "").partition(".")
    if not prefix:
        return None
    connection = connections[ApiPrincipal.objects.db]
    statement = _principal_statement(connection.alias, connection.vendor)
    with connection.cursor() as cursor:
        cursor.execute(statement.sql, [prefix, True, True])
        row = cursor.fetchone()
    if row is None:
        return None
    principal = statement.build(row, connection)
    if not hmac.compare_digest(principal.api_client.key_hash, key_digest(key)):
        return None
    return principal


class _PrincipalStatement:
    """`SELECT <service user columns>, <client columns>` of the ACTIVE client with a key prefix and ACTIVE user."""

    def __init__(self, connection):
        quote = connection.ops.quote_name
        self.user_fields = ApiPrincipal._meta.concrete_fields
        self.client_fields = ApiClient._meta.concrete_fields
        user_table, client_table = ApiPrincipal._meta.db_table, ApiClient._meta.db_table
        columns = [f"u.{quote(f.column)}" for f in self.user_fields] + [f"c.{quote(f.column)}" for f in self.client_fields]
        field = ApiClient._meta.get_field
        self.sql = (
            f"SELECT {', '.join(columns)} FROM {quote(client_table)} c "
            f"INNER JOIN {quote(user_table)} u ON u.{quote(ApiPrincipal._meta.pk.column)} = c.{quote(field('user').column)} "
            f"WHERE c.{quote(field('key_prefix').column)} = %s AND c.{quote(field('is_active').column)} = %s "
            f"AND u.{quote(ApiPrincipal._meta.get_field('is_active').column)} = %s"
        )
        # The same value conversions the ORM applies to these columns (SQLite returns text for datetimes, ...).
        self.user_converters = [self._converters(f, connection) for f in self.user_fields]
        self.client_converters = [self._converters(f, connection) for f in self.client_fields]

    @staticmethod
    def _converters(field, connection):
        column = field.get_col(field.model._meta.db_table)
        return column, connection.ops.get_db_converters(column) + column.get_db_converters(connection)

    @staticmethod
    def _convert(values, converters, connection):
        out = []
        for value, (column, functions) in zip(values, converters):
            for function in functions:
                value = function(value, column, connection)
            out.append(value)
        return out

    def build(self, row, connection):
        split = len(self.user_fields)
        user_values = self._convert(row[:split], self.user_converters, connection)
        client_values = self._convert(row[split:], self.client_converters, connection)
        principal = ApiPrincipal.from_db(connection.alias, [f.attname for f in self.user_fields], user_values)
        client = ApiClient.from_db(connection.alias, [f.attname for f in self.client_fields], client_values)
        # Both sides of the one-to-one, as select_related would leave them (no further query).
        ApiClient.user.field.set_cached_value(client, principal)
        ApiClient.user.field.remote_field.set_cached_value(principal, client)
        return principal


@functools.lru_cache(maxsize=None)
def _principal_statement(alias, vendor):
    return _PrincipalStatement(connections[alias])
