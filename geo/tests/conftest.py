import pytest
from django.core.cache import cache


@pytest.fixture(autouse=True)
def fresh_map_cache():
    # Map data and the data-quality list are cached per scope for a minute; each test must see its own data.
    cache.clear()
    yield
    cache.clear()
