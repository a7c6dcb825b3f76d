"""In Debian's Chromium: the round dashboard draws the round's sentra coloured by how far each item got, a marker's
popup names the sentra and leads to the worklist item, and the page runs under the strict CSP without errors."""

import re
from decimal import Decimal

import pytest
from playwright.sync_api import expect

from census.services import visit_record

from .conftest import payload, photo

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_a_marker_of_the_round_map_leads_to_its_worklist_item(login_as, live_server, ntt_staff, alor_staff, census_round, mali_item, mali, belu_sentra):
    belu_sentra.latitude, belu_sentra.longitude = Decimal("-9.11"), Decimal("124.89")
    belu_sentra.save()
    visit_record(user=alor_staff, item_id=mali_item.pk, payload=payload(mali_item, mali), photos=[photo()])
    page = login_as(ntt_staff)
    problems = []
    page.on("pageerror", lambda error: problems.append(str(error)))
    page.on("console", lambda message: problems.append(message.text) if message.type == "error" else None)

    page.goto(f"{live_server.url}/pendataan/{census_round.pk}/")
    section = page.get_by_test_id("round-map")
    expect(section.locator(".geo-note")).to_have_text("2 dari 2 sentra putaran ini punya titik di peta.")
    expect(section.locator(".geo-legend li[data-category=visited]")).to_contain_text("(1)")
    marker = section.locator(f".geo-pin.c-visited[data-item='{mali_item.pk}']")  # placed by the visit's GPS point
    expect(marker).to_be_visible()
    marker.click()
    popup = page.locator(".leaflet-popup")
    expect(popup).to_contain_text("Sentra IKM Mali")
    expect(popup).to_contain_text("Sudah dikunjungi, belum dikirim")
    # The filled popup pans the map into view; a click during that animation lands where the link was.
    expect(page.locator(".leaflet-pan-anim")).to_have_count(0)
    popup.locator("a.button").click()
    expect(page).to_have_url(re.compile(rf"/pendataan/butir/{mali_item.pk}/$"))
    assert problems == []
