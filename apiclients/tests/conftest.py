import pytest
from django.core.cache import cache


@pytest.fixture(autouse=True)
def empty_throttle_history():
    # Throttle counters live in the cache under the client's primary key, and a database rolled back after
    # another test (SQLite) hands out the same keys again: start each test with no request history.
    cache.clear()
    yield
    cache.clear()
