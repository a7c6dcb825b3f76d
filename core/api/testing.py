"""Helpers for API tests: an APIClient carrying a fresh partner token."""

from rest_framework.test import APIClient

from apiclients.services import api_client_create
from regions.models import Region


def token_client(region_code=None, *, read_write=False, name=None, throttle_rate="100000/min"):
    """An APIClient authenticated as a new partner client scoped to `region_code` (None = national)."""
    region = Region.objects.get(code=region_code) if region_code else None
    client_record, key = api_client_create(
        name=name or f"Mitra {region_code or 'nasional'} {'rw' if read_write else 'ro'}",
        region=region, read_write=read_write, throttle_rate=throttle_rate,
    )
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Token {key}")
    client.api_client = client_record
    client.key = key
    return client
