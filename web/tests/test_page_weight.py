"""Pages stay light for slow connections: a full list page, static files included, is far below 300 KB."""

import pytest

from web.tests.test_list_queries import make_sentra

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

LIMIT_BYTES = 300_000


def test_sentra_list_first_load_is_under_300_kb(login_as, alor_staff, live_server):
    make_sentra(120)  # more than a page: the list shows 50 rows and a "next" link
    page = login_as(alor_staff)
    transferred = []
    page.on("requestfinished", lambda request: transferred.append((request.url, request.sizes())))
    page.goto(f"{live_server.url}/sentra/")
    page.wait_for_load_state("networkidle")
    total = sum(s["responseBodySize"] + s["responseHeadersSize"] for _, s in transferred)
    print(f"\nsentra list first load: {len(transferred)} responses, {total} bytes")  # reported in the issue note
    assert page.locator("table tbody tr").count() == 50
    assert 0 < total < LIMIT_BYTES
