"""Feed tests run inside the test's transaction (fast). On PostgreSQL the feed only shows rows of transactions
that have ENDED, so a test wrapped in one transaction would never see its own writes: `reads_own_writes`
lifts that bound for these tests (every row then has the test's one txid, so the order is the ids').
The bound itself is proved by test_concurrent_sync.py, which commits for real (transactional_db)."""

import time

import pytest

from changes.models import Change
from core.api.testing import token_client


def wait_for_horizon(timeout=60):
    """On PostgreSQL, wait until every transaction that wrote to the feed so far is below the safe horizon.

    The horizon is cluster-wide: a transaction still open in ANOTHER database of the same server (another
    test run, a long import) holds it back too. That is the price of never skipping a late commit."""
    from changes import selectors

    last = Change.objects.order_by("-txid").values_list("txid", flat=True).first()
    deadline = time.monotonic() + timeout
    while last is not None:
        horizon = selectors.safe_horizon()
        if horizon is None or horizon > last:
            return
        assert time.monotonic() < deadline, f"safe horizon {horizon} did not pass txid {last} in {timeout} s"
        time.sleep(0.05)


def read_feed(client, after="0", **params):
    """Walk the feed from `after` to the end (once all writes so far are readable); returns (items, last position)."""
    wait_for_horizon()
    items, position = [], after
    while True:
        query = {"after": position, "page_size": 1000, **params}
        response = client.get("/api/v1/changes/", query)
        assert response.status_code == 200, response.content
        body = response.json()
        items += body["results"]
        position = body["next_position"]
        if not body["has_more"]:
            return items, position


def apply(copy, items):
    """What a partner does with each item: keep `data`, or drop the record."""
    for item in items:
        key = (item["resource"], item["id"])
        if item["data"] is None:
            copy.pop(key, None)
        else:
            copy[key] = item["data"]
    return copy


@pytest.fixture
def reads_own_writes(db, monkeypatch):
    from changes import selectors

    monkeypatch.setattr(selectors, "safe_horizon", lambda connection=None: None)


@pytest.fixture
def alor_client(reads_own_writes, alor_desa):
    return token_client("53.05", name="Portal Alor")


@pytest.fixture
def belu_client(reads_own_writes, belu_desa):
    return token_client("53.04", name="Portal Belu")


@pytest.fixture
def ntt_client(reads_own_writes, alor_desa, belu_desa):
    return token_client("53", name="Portal NTT")
