"""In Debian's Chromium, on the demo registry: the map shows the demo sentra where the articles place them, a
marker leads to its record, the picker fills the coordinates (click, "use my location"), a doubtful point needs
confirming, and no request ever leaves the machine (every request is recorded and must go to the live server)."""

import re

import pytest
from django.core.management import call_command
from playwright.sync_api import expect

from core.testing.factories import region_tree
from demo.services import DEMO_PASSWORD, demo_load
from sentra.models import Sentra

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

DEMO_DESA = {
    "53.05.03.2014": {"53": "Nusa Tenggara Timur", "53.05": "Kabupaten Alor", "53.05.03": "Alor Barat Daya", "53.05.03.2014": "Moramam"},
    "53.05.10.1001": {"53.05.10": "Kabola", "53.05.10.1001": "Kabola"},
    "53.05.10.2004": {"53.05.10.2004": "Lawahing"},
    "52.02.03.2005": {"52": "Nusa Tenggara Barat", "52.02": "Kabupaten Lombok Tengah", "52.02.03": "Batukliang", "52.02.03.2005": "Aik Darek"},
    "64.71.01.1003": {"64": "Kalimantan Timur", "64.71": "Kota Balikpapan", "64.71.01": "Balikpapan Timur", "64.71.01.1003": "Teritip"},
    "53.04.22.1004": {"53.04": "Kabupaten Belu", "53.04.22": "Atambua Selatan", "53.04.22.1004": "Fatukbot"},
}


@pytest.fixture
def demo_registry(db):
    """The demo registry of the articles on the few regions it needs (the full list takes too long for a test)."""
    for code, names in DEMO_DESA.items():
        region_tree(code, names)
    call_command("load_reference", verbosity=0)
    demo_load()
    return {sentra.code: sentra for sentra in Sentra.objects.all()}


@pytest.fixture
def recorded(page, live_server):
    """Every request the page makes; the test ends by asserting they all went to the live server."""
    requests, problems = [], []
    page.on("request", lambda request: requests.append(request.url))
    page.on("pageerror", lambda error: problems.append(str(error)))
    page.on("console", lambda message: problems.append(message.text) if "Content Security Policy" in message.text else None)
    yield requests
    outside = [url for url in requests if not url.startswith(live_server.url) and not url.startswith("data:")]
    assert outside == [], f"requests that left the machine: {outside}"
    assert problems == []


def login(login_as, username):
    from accounts.models import User

    return login_as(User.objects.get(username=username), password=DEMO_PASSWORD)


def test_the_map_shows_the_demo_sentra_and_a_marker_leads_to_the_record(login_as, live_server, demo_registry, recorded):
    page = login(login_as, "analis")
    page.click("nav.mainnav a:has-text('Peta')")
    expect(page).to_have_url(re.compile(r"/peta/$"))
    expect(page.locator(".geo-note")).to_have_text("6 dari 6 sentra punya koordinat.")
    expect(page.locator(".marker-cluster, .geo-pin").first).to_be_visible()

    # Kec. Alor Barat Daya holds one sentra: Moramam, on Pulau Alor.
    page.goto(f"{live_server.url}/peta/?region=53.05.03")
    moramam = demo_registry["DEMO-5305-001"]
    marker = page.locator(f".geo-pin[data-sentra='{moramam.pk}']")
    expect(marker).to_be_visible()
    marker.click()
    popup = page.locator(".leaflet-popup")
    expect(popup).to_contain_text("Sentra Tenun Ikat Moramam")
    expect(popup).to_contain_text("Anggota: 8")
    # The filled popup pans the map into view; a click during that animation lands where the link was.
    expect(page.locator(".leaflet-pan-anim")).to_have_count(0)
    popup.locator("a.button").click()
    expect(page).to_have_url(re.compile(rf"/sentra/{moramam.pk}/$"))
    expect(page.locator("h1")).to_contain_text("Moramam")
    expect(page.locator("[data-testid=record-map] .geo-pin.geo-home")).to_be_visible()
    expect(page.locator("[data-testid=record-map] .geo-pin.geo-member")).to_have_count(8)


def test_the_picker_fills_the_coordinates_and_a_doubtful_point_needs_confirming(login_as, live_server, demo_registry, recorded):
    page = login(login_as, "alor")
    page.context.grant_permissions(["geolocation"], origin=live_server.url)
    page.context.set_geolocation({"latitude": -8.2, "longitude": 124.5})
    bambu = demo_registry["DEMO-5305-002"]
    page.goto(f"{live_server.url}/sentra/{bambu.pk}/ubah/")
    picker = page.locator("[data-testid=map-picker]")
    expect(picker).to_be_visible()
    expect(page.locator(".leaflet-marker-icon")).to_have_count(1)  # the stored point

    page.click("button:has-text('Hapus titik')")
    expect(page.locator("#id_latitude")).to_have_value("")
    picker.click()  # the middle of the map, opened on the desa's records
    lat, lon = float(page.input_value("#id_latitude")), float(page.input_value("#id_longitude"))
    assert -8.4 < lat < -8.0 and 124.3 < lon < 124.8

    page.click("button:has-text('Gunakan lokasi saya')")
    expect(page.locator("#id_latitude")).to_have_value("-8.200000")
    expect(page.locator("#id_longitude")).to_have_value("124.500000")

    # A Belu point typed for an Alor sentra: flagged live, then on save, and stored only once confirmed.
    page.fill("#id_latitude", "-9.11")
    page.fill("#id_longitude", "124.89")
    page.press("#id_longitude", "Tab")
    expect(page.locator(".map-picker-notes .geo-warning")).to_have_count(1)
    expect(page.locator(".map-picker-notes .geo-warning")).to_contain_text("Kabupaten Alor")
    page.click("form.recordform button[type=submit]")
    expect(page.locator("#id_confirm_location")).to_be_visible()
    bambu.refresh_from_db()
    assert str(bambu.latitude) == "-8.180000"
    page.check("#id_confirm_location")
    page.click("form.recordform button[type=submit]")
    expect(page).to_have_url(re.compile(rf"/sentra/{bambu.pk}/$"))
    bambu.refresh_from_db()
    assert (str(bambu.latitude), str(bambu.longitude)) == ("-9.110000", "124.890000")
