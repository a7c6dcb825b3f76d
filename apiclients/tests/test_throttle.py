import pytest
from django.core.cache import cache

from core.api.testing import token_client


@pytest.mark.django_db
def test_each_token_has_its_own_budget_and_gets_429_with_retry_after(alor_desa):
    cache.clear()
    slow = token_client("53.05", throttle_rate="3/min", name="Lambat")
    other = token_client("53.05", throttle_rate="3/min", name="Lain")
    for _ in range(3):
        assert slow.get("/api/v1/commodities/").status_code == 200
    response = slow.get("/api/v1/commodities/")
    assert response.status_code == 429
    assert int(response.headers["Retry-After"]) > 0
    assert response.json()["status"] == 429
    assert other.get("/api/v1/commodities/").status_code == 200
    cache.clear()


def test_the_default_rate_comes_from_api_throttle_rate(monkeypatch):
    """settings.py reads API_THROTTLE_RATE (issue 12: ignoring it failed no test)."""
    import importlib

    import config.settings

    monkeypatch.setenv("API_THROTTLE_RATE", "7/min")
    try:
        assert importlib.reload(config.settings).REST_FRAMEWORK["DEFAULT_THROTTLE_RATES"]["api_client"] == "7/min"
    finally:
        monkeypatch.delenv("API_THROTTLE_RATE")
        importlib.reload(config.settings)


@pytest.mark.django_db
def test_a_token_without_its_own_rate_is_held_to_the_configured_default(alor_desa, settings):
    cache.clear()
    settings.REST_FRAMEWORK = {**settings.REST_FRAMEWORK, "DEFAULT_THROTTLE_RATES": {"api_client": "2/min"}}
    client = token_client("53.05", throttle_rate="", name="Tanpa batas sendiri")
    assert [client.get("/api/v1/commodities/").status_code for _ in range(3)] == [200, 200, 429]
    cache.clear()
