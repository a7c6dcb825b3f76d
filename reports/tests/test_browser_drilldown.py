"""In Debian's Chromium: an analyst drills from the national dashboard down to a kabupaten, charts drawn."""

import re

import pytest
from playwright.sync_api import expect

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_drill_from_national_to_kabupaten(login_as, live_server, demo, analyst):
    page = login_as(analyst)
    errors = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.goto(f"{live_server.url}/laporan/")
    expect(page.locator("h1")).to_contain_text("Indonesia")
    expect(page.locator("[data-testid=total-sentra]")).to_have_text("4")
    # chart.js is served by the app and draws the region chart
    assert page.evaluate("typeof window.Chart") == "function"
    expect(page.locator("canvas[data-chart=chart-sentra-region]")).to_be_visible()

    page.click("[data-testid=region-table] a.drill:has-text('Nusa Tenggara Timur')")
    expect(page).to_have_url(re.compile(r"/laporan/\?region=53$"))
    expect(page.locator("h1")).to_contain_text("Nusa Tenggara Timur")
    expect(page.locator("[data-testid=region-table] tbody tr")).to_have_count(2)

    page.click("[data-testid=region-table] a.drill:has-text('Kabupaten Alor')")
    expect(page).to_have_url(re.compile(r"/laporan/\?region=53\.05$"))
    expect(page.locator("h1")).to_contain_text("Kabupaten Alor")
    expect(page.locator("[data-testid=breadcrumbs]")).to_contain_text("Nusa Tenggara Timur")
    expect(page.locator("[data-testid=total-ikm]")).to_have_text("18")

    # Same region, facility tab: Mali's 20 / 18 / 4
    page.click(".report-tabs a:has-text('Pemanfaatan fasilitas')")
    expect(page.locator("[data-testid=rooms-total]")).to_have_text("20")
    expect(page.locator("[data-testid=rooms-occupied]")).to_have_text("18")
    expect(page.locator("[data-testid=rooms-active]")).to_have_text("4")
    assert errors == []


def test_clicking_a_bar_drills_down(login_as, live_server, demo, analyst):
    page = login_as(analyst)
    page.goto(f"{live_server.url}/laporan/?region=53")
    canvas = page.locator("canvas[data-chart=chart-sentra-region]")
    expect(canvas).to_be_visible()
    page.wait_for_function("Chart.getChart(document.querySelector('canvas[data-chart=chart-sentra-region]')) !== undefined")
    canvas.scroll_into_view_if_needed()  # the click below goes to viewport coordinates
    # Click the centre of the second bar (Kabupaten Alor), located through Chart.js itself.
    point = page.evaluate(
        """() => { const c = Chart.getChart(document.querySelector('canvas[data-chart=chart-sentra-region]'));
                  const bar = c.getDatasetMeta(0).data[1]; const r = c.canvas.getBoundingClientRect();
                  return {x: r.left + bar.x, y: r.top + (bar.y + bar.base) / 2}; }"""
    )
    page.mouse.click(point["x"], point["y"] - 1)
    expect(page).to_have_url(re.compile(r"region=53\.05"))
