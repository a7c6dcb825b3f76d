"""Fixtures shared by the security tests."""

import pytest
from django.core.cache import cache

from accounts.models import Role
from core.testing.factories import UserFactory

from .access_world import World


@pytest.fixture
def world(db, settings, tmp_path):
    """The records and users both access matrices (pages and API) run against (the bad-input catalogue
    defines its own `world`)."""
    settings.MEDIA_ROOT = tmp_path
    # Open data pages (public): computed afresh for the leak checks, and not throttled for these many requests.
    settings.OPENDATA_CACHE_SECONDS = 0
    settings.OPENDATA_RATE = "1000000/min"
    # Dashboards are cached per scope for a minute: a page cached by an earlier test's world (and expiring in the
    # middle of this one) would look like a leak, or hide one.
    cache.clear()
    return World({
        "district": lambda: UserFactory(username="alor", role=Role.DISTRICT, region_id="53.05"),
        "kecamatan": lambda: UserFactory(username="kabola", role=Role.DISTRICT, region_id="53.05.03"),
        "province": lambda: UserFactory(username="ntt", role=Role.PROVINCE, region_id="53"),
        "analyst": lambda: UserFactory(username="analis", role=Role.ANALYST),
        "admin": lambda: UserFactory(username="admin", role=Role.ADMIN, is_staff=True, is_superuser=True),
        "other": lambda: UserFactory(username="lain", role=Role.ANALYST),
    })
