"""In Debian's Chromium at 390 x 844 (a phone) and at desktop width: every list, form and dashboard page fits the
screen (nothing scrolls sideways), its tap targets are at least 24 x 24 px, lists are cards, filters and the menu
fold away, and axe-core (vendored for tests only, web/tests/vendor/axe-core) reports no violation, WCAG 2.2's
target size included. Also: the profile's print button works under the CSP, and the region picker opens a page
without a single request."""

from pathlib import Path

import pytest
from playwright.sync_api import expect

from core.testing.factories import DakActivityFactory, DakAllocationFactory
from reports.tests.conftest import demo  # noqa: F401  (fixture: Mali 20/18/4 rooms, Pancor Dao DAK 2023, ...)

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

AXE = (Path(__file__).parent / "vendor" / "axe-core" / "axe.min.js").read_text()
PHONE = {"width": 390, "height": 844}

# Interactive elements that are shown, and those smaller than 24 x 24 CSS px (WCAG 2.5.8).
MEASURE = """() => {
  const small = [];
  for (const el of document.querySelectorAll('a[href], button, input:not([type=hidden]), select, textarea, summary')) {
    const box = el.getBoundingClientRect();
    if (!el.getClientRects().length || box.width === 0) continue;
    if (box.width < 24 || box.height < 24) small.push(`${el.outerHTML.slice(0, 80)} ${Math.round(box.width)}x${Math.round(box.height)}`);
  }
  return {scrollWidth: document.scrollingElement.scrollWidth, viewport: window.innerWidth, small,
          header: document.querySelector('header').getBoundingClientRect().height};
}"""
AXE_RUN = """() => axe.run(document, {rules: {'target-size': {enabled: true}}})
  .then(result => result.violations.map(v => `${v.id}: ${v.nodes.slice(0, 3).map(n => n.target.join(' ')).join(', ')}`))"""


def check(page, url, axe=True):
    """Fits the screen (asserted), the small tap targets, and axe's violations (when `axe`: once per template)."""
    page.goto(url)  # waits for "load": every script of these pages is loaded by then (no fetch on load, see below)
    measured = page.evaluate(MEASURE)
    assert measured["scrollWidth"] <= measured["viewport"], (url, measured["scrollWidth"])
    if not axe:
        return measured, []
    page.evaluate(AXE)  # DevTools evaluation: the page's Content-Security-Policy stays as it is
    return measured, page.evaluate(AXE_RUN)


@pytest.fixture
def phone(browser, live_server):
    context = browser.new_context(viewport=PHONE, locale="id-ID", has_touch=True)
    yield context.new_page()
    context.close()


def log_in(page, live_server, user):
    page.goto(f"{live_server.url}/akun/masuk/")
    page.fill("#id_username", user.username)
    page.fill("#id_password", "rahasia-uji-123")
    page.click("button[type=submit]")
    page.wait_for_load_state()


def data_entry_pages(demo):  # noqa: F811
    mali, unit = demo.mali, demo.alor_units[0]
    allocation = DakAllocationFactory(kabupaten_kota=mali.desa.parent.parent, fiscal_year=2021)
    activity = DakActivityFactory(allocation=allocation, sentra=mali, description="Pembangunan ruang produksi")
    # (path, run axe): axe once per template (list, detail, history, form, pick form, ...), the fit and the tap
    # targets on every page.
    return [
        ("/", True), ("/bantuan/", True), ("/impor/", True), ("/sentra/?status=aktif&verified=stale", True),
        ("/sentra/", False), ("/ikm/", True), ("/fasilitas/ruang/", False), ("/fasilitas/mesin/", False), ("/dak/alokasi/", False),
        ("/dak/kegiatan/", False), ("/ikm/kinerja/", False), ("/sentra/terhapus/", True),
        (f"/sentra/{mali.pk}/", True), (f"/sentra/{mali.pk}/riwayat/", True), (f"/ikm/{unit.pk}/", True),
        (f"/dak/kegiatan/{activity.pk}/", False), ("/sentra/baru/", True), (f"/sentra/{mali.pk}/ubah/", False), ("/ikm/baru/", True),
        (f"/fasilitas/ruang/baru/?sentra={mali.pk}", False), (f"/fasilitas/mesin/baru/?sentra={mali.pk}", False),
        (f"/ikm/kinerja/baru/?sentra={mali.pk}", False), ("/dak/alokasi/baru/", False), (f"/dak/kegiatan/baru/?allocation={allocation.pk}", True),
        (f"/ikm/keanggotaan/tambah/?sentra={mali.pk}&q=penenun", True), (f"/ikm/keanggotaan/baru/?ikm={unit.pk}", False),
        (f"/laporan/sentra/{mali.pk}/profil/", True),
    ]


DASHBOARDS = [("/laporan/", True), ("/laporan/?region=53", False), ("/laporan/fasilitas/", True), ("/laporan/dak/", True),
              ("/laporan/dampak/", True), ("/laporan/kemutakhiran/", True), ("/laporan/ekspor/", True)]


def test_every_page_fits_a_phone_with_big_tap_targets_and_no_axe_violation(phone, live_server, demo, alor_staff, analyst):  # noqa: F811
    problems = []
    log_in(phone, live_server, alor_staff)
    pages = data_entry_pages(demo)
    phone.context.clear_cookies()
    for user, urls in ((alor_staff, pages), (analyst, DASHBOARDS)):
        log_in(phone, live_server, user)
        for path, axe in urls:
            measured, violations = check(phone, live_server.url + path, axe)
            assert measured["header"] < PHONE["height"] / 6, (path, measured["header"])  # was a third of the screen
            problems += [f"{path}: target {target}" for target in measured["small"]]
            problems += [f"{path}: axe {violation}" for violation in violations]
        phone.context.clear_cookies()
    check(phone, f"{live_server.url}/akun/masuk/")  # the login page too
    assert problems == []


def test_lists_are_cards_and_filters_and_menu_fold_away_on_a_phone(phone, live_server, demo, alor_staff):  # noqa: F811
    log_in(phone, live_server, alor_staff)
    phone.goto(f"{live_server.url}/ikm/")
    row = phone.locator("table.cards tbody tr").first
    assert row.evaluate("tr => getComputedStyle(tr).display") == "block"
    label = phone.locator("table.cards tbody tr td:nth-child(2)").first
    assert label.evaluate("td => getComputedStyle(td, '::before').content") == '"NIB"'
    assert not phone.locator("table.cards thead").is_visible()
    filters = phone.locator("details.filter-fold")
    assert filters.evaluate("details => details.open") is False
    expect(phone.locator("form[role=search]")).to_be_hidden()
    phone.click("details.filter-fold > summary")
    expect(phone.locator("form[role=search] button[type=submit]")).to_be_visible()
    expect(phone.locator("nav.mainnav")).to_be_hidden()
    phone.click("details.navfold > summary")
    expect(phone.locator("nav.mainnav a:has-text('Laporan')")).to_be_visible()
    # Sentra and IKM forms stay one column: every field starts at the same left edge.
    phone.goto(f"{live_server.url}/ikm/baru/")
    lefts = phone.eval_on_selector_all(".recordform .field", "fields => fields.map(f => Math.round(f.getBoundingClientRect().left))")
    assert len(set(lefts)) == 1


def test_desktop_shows_filters_and_menu_open_without_axe_violations(page, live_server, demo, alor_staff):  # noqa: F811
    page.set_viewport_size({"width": 1280, "height": 900})
    log_in(page, live_server, alor_staff)
    for path in ("/sentra/", "/sentra/baru/", f"/sentra/{demo.mali.pk}/", "/laporan/", "/laporan/dak/"):
        _measured, violations = check(page, live_server.url + path)
        assert violations == [], (path, violations)  # target size included: on a desktop, spacing satisfies WCAG 2.5.8
    page.goto(f"{live_server.url}/sentra/")
    expect(page.locator("nav.mainnav a:has-text('Laporan')")).to_be_visible()
    expect(page.locator("form[role=search] button[type=submit]")).to_be_visible()
    expect(page.locator("details.navfold > summary")).to_be_hidden()


def test_print_button_works_under_the_content_security_policy(page, live_server, demo, analyst):  # noqa: F811
    log_in(page, live_server, analyst)
    response = page.goto(f"{live_server.url}/laporan/sentra/{demo.mali.pk}/profil/")
    assert "script-src 'self'" in response.headers["content-security-policy"]
    page.wait_for_load_state("networkidle")
    page.evaluate("() => { window.printed = 0; window.print = () => { window.printed += 1; }; }")
    page.click("button:has-text('Cetak / simpan PDF')")
    assert page.evaluate("window.printed") == 1


def test_region_picker_opens_a_page_without_a_request(page, live_server, demo, alor_staff, settings):  # noqa: F811
    from core.testing.factories import region_tree

    region_tree("53.05.04.2002")  # a second kecamatan, so the officer really chooses
    log_in(page, live_server, alor_staff)
    asked = []
    page.on("request", lambda request: asked.append(request.url) if "/wilayah/anak/" in request.url else None)
    for path in ("/sentra/", "/ikm/", "/sentra/baru/", "/ikm/baru/", f"/sentra/{demo.mali.pk}/ubah/"):
        page.goto(live_server.url + path)
        page.wait_for_load_state("networkidle")
        assert asked == [], path
        code_box = page.locator("input[data-region-picker]").first
        expect(code_box).to_be_hidden()  # no raw code box under the selects, not even for a moment
    # On the create form, choosing a kecamatan asks for its desa once, and the single desa fills the code in.
    page.goto(f"{live_server.url}/sentra/baru/")
    expect(page.locator("select[aria-label='Kabupaten/Kota']")).to_have_value("53.05")
    page.select_option("select[aria-label='Kecamatan']", "53.05.03")
    expect(page.locator("#id_desa")).to_have_value("53.05.03.2001")
    assert len(asked) == 1 and asked[0].endswith("induk=53.05.03")
