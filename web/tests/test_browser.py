"""End-to-end in Debian's Chromium: login, a sentra form with errors then success, a conflict, the history page."""

import re

import pytest
from playwright.sync_api import expect

from core.testing.factories import CommodityFactory, SentraFactory
from sentra.models import Sentra
from sentra.services import sentra_update

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_login_lands_on_the_region_home_page(login_as, alor_staff):
    SentraFactory(name="Sentra Tenun Mali")
    page = login_as(alor_staff)
    expect(page.locator("h1")).to_have_text("Kabupaten Alor")
    expect(page.locator(".stat").first).to_have_text("1")
    page.click("h2 a:has-text('Sentra IKM')")
    expect(page.locator("table")).to_contain_text("Sentra Tenun Mali")


def test_wrong_password_is_refused(login_as, alor_staff):
    page = login_as(alor_staff, password="salah-sekali-123")
    expect(page.locator(".error")).to_contain_text("Nama pengguna atau kata sandi salah.")


def test_create_sentra_invalid_then_valid(login_as, alor_staff, live_server):
    CommodityFactory(name="Tenun ikat")
    page = login_as(alor_staff)
    page.goto(f"{live_server.url}/sentra/baru/")
    # The picker narrows province → kabupaten → kecamatan → desa; with one choice at each level
    # (the officer's own region) it fills itself in.
    expect(page.locator("#id_desa")).to_have_value("53.05.03.2001")
    # A hand-made request for a desa in Kab. Belu, outside the officer's region (the selects never offer it).
    page.eval_on_selector("#id_desa", "(box, code) => { box.value = code; }", "53.04.22.1004")
    page.fill("#id_founding_year", "1800")
    expect(page.locator("#id_code")).to_have_value("5305-001")  # the generated code, offered and editable
    page.fill("#id_code", "")
    page.click("button:has-text('Simpan')")
    expect(page.locator(".field.has-error")).to_have_count(4)  # name, desa, commodities, founding year (empty code: generated)
    expect(page.locator("text=Desa/kelurahan tidak ditemukan di wilayah kerja Anda")).to_be_visible()
    expect(page.locator(".field.has-error #id_founding_year")).to_be_visible()
    expect(page.locator("text=Tahun berdiri harus antara 1900")).to_be_visible()
    expect(page.locator("text=Pilih sedikitnya satu komoditas.")).to_be_visible()
    assert Sentra.objects.count() == 0

    page.fill("#id_code", "ALR-TNM-01")
    page.fill("#id_name", "Sentra Tenun Ikat Mali")
    page.fill("#id_founding_year", "2009")
    page.select_option("select[aria-label='Kabupaten/Kota']", "53.05")
    expect(page.locator("#id_desa")).to_have_value("53.05.03.2001")
    page.check("text=Tenun ikat")
    page.click("button:has-text('Simpan')")
    expect(page.locator("h1")).to_have_text("Sentra Tenun Ikat Mali (ALR-TNM-01)")
    expect(page.locator(".msg-success")).to_have_text("Data tersimpan.")
    assert Sentra.objects.get().founding_year == 2009


def test_concurrent_edit_shows_the_conflict_and_keeps_both_edits(login_as, alor_staff, admin_user, live_server):
    sentra = SentraFactory(name="Sentra Mali", manager_name="")
    page = login_as(alor_staff)
    page.goto(f"{live_server.url}/sentra/{sentra.pk}/ubah/")
    page.fill("#id_asset_owner", "Pemda Alor")
    sentra_update(user=admin_user, sentra=sentra, data={"manager_name": "Koperasi Tenun Mali"})  # someone else saves first
    page.click("button:has-text('Simpan')")
    conflict = page.locator("#conflict")
    expect(conflict).to_contain_text("Data ini baru saja diubah orang lain")
    expect(conflict).to_contain_text("Koperasi Tenun Mali")
    expect(page.locator("#id_asset_owner")).to_have_value("Pemda Alor")
    sentra.refresh_from_db()
    assert sentra.asset_owner == "" and sentra.manager_name == "Koperasi Tenun Mali"

    page.fill("#id_manager_name", "Koperasi Tenun Mali")
    page.click("button:has-text('Simpan')")
    expect(page.locator(".msg-success")).to_have_text("Data tersimpan.")
    sentra.refresh_from_db()
    assert (sentra.asset_owner, sentra.manager_name) == ("Pemda Alor", "Koperasi Tenun Mali")


def test_history_page_shows_who_changed_what(login_as, alor_staff, live_server):
    sentra = SentraFactory(name="Sentra Lama")
    page = login_as(alor_staff)
    page.goto(f"{live_server.url}/sentra/{sentra.pk}/ubah/")
    page.fill("#id_name", "Sentra Baru")
    page.click("button:has-text('Simpan')")
    page.click("text=Riwayat")
    expect(page).to_have_url(re.compile(rf"/sentra/{sentra.pk}/riwayat/$"))
    first_row = page.locator("table.history tbody tr").first
    expect(first_row).to_contain_text("alor")
    expect(first_row.locator("del")).to_have_text("Sentra Lama")
    expect(first_row.locator("ins")).to_have_text("Sentra Baru")


def test_language_switch_turns_the_page_english(login_as, alor_staff):
    page = login_as(alor_staff)
    page.select_option("select[name=language]", "en")  # no inline handler: the CSP forbids those
    expect(page.locator("html")).to_have_attribute("lang", "en")
    expect(page.locator("nav.mainnav")).to_contain_text("Home")
    expect(page.locator(".account")).to_contain_text("Log out")
