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
