"""In Debian's Chromium: a messy workbook goes through upload, preview and commit; a large one shows progress."""

import pytest
from django.core.management import call_command
from playwright.sync_api import expect

from ikm.models import IkmUnit

from .conftest import XLSX, xlsx_bytes
from .test_messy_workbook import MESSY

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def upload(page, live_server, rows, name="dinas-alor.xlsx"):
    page.goto(f"{live_server.url}/impor/")
    page.select_option("#id_kind", "ikm")
    page.set_input_files("#id_file", files=[{"name": name, "mimeType": XLSX, "buffer": xlsx_bytes(rows)}])
    page.click("button:has-text('Unggah dan periksa')")
    page.wait_for_load_state()


def test_messy_workbook_through_preview_to_commit(login_as, alor_staff, named_regions, tenun, live_server):
    page = login_as(alor_staff)
    page.click("nav >> text=Impor")
    upload(page, live_server, MESSY)

    expect(page.locator("#job-status")).to_have_text("Pratinjau siap")
    expect(page.locator("[data-count=create]")).to_have_text("3")
    expect(page.locator("[data-count=refused]")).to_have_text("6")
    rows = page.locator("#rows")
    expect(rows).to_contain_text("NIB harus terdiri dari 13 digit angka")
    expect(rows).to_contain_text("Duplikat: data yang sama sudah ada di baris 2")
    expect(rows).to_contain_text("cocok dengan beberapa wilayah")
    assert IkmUnit.objects.count() == 0

    page.click("a[href='?hasil=refused']")
    expect(page.locator("#rows tbody tr")).to_have_count(6)

    page.click("button:has-text('Simpan 3 baris')")  # without acknowledging the skipped rows
    expect(page.locator(".msg-error")).to_contain_text("Centang pernyataan")
    assert IkmUnit.objects.count() == 0

    page.check("input[name=skip_refused]")
    page.click("button:has-text('Simpan 3 baris')")
    expect(page.locator("#job-status")).to_have_text("Selesai disimpan")
    expect(page.locator("main")).to_contain_text("3 data dibuat dan 0 data diubah")
    assert sorted(IkmUnit.objects.values_list("desa_id", flat=True)) == ["53.05.03.2001", "53.05.03.2002", "53.05.04.2003"]


def test_a_background_import_shows_progress_and_the_preview_when_done(login_as, alor_staff, named_regions, tenun, live_server, settings):
    settings.IMPORT_SYNC_MAX_BYTES = 0  # treat the file as large: it goes to the worker
    page = login_as(alor_staff)
    rows = [MESSY[0]] + [[f"{9120000000000 + i}", f"Usaha {i}", None, None, "Alor", "Alor Barat Daya", "Kuneman", "Tenun ikat", 1, 1, 0] for i in range(50)]
    upload(page, live_server, rows)
    expect(page.locator("#job-progress")).to_be_visible()
    expect(page.locator("main")).to_contain_text("Anda boleh meninggalkan halaman ini")

    call_command("db_worker", batch=True, interval=0, verbosity=0)
    # progress.js polls the status and reloads the page once the worker has finished
    expect(page.locator("#job-status")).to_have_text("Pratinjau siap", timeout=15_000)
    expect(page.locator("[data-count=create]")).to_have_text("50")


def test_an_office_register_through_the_mapping_step_preview_and_commit(login_as, alor_staff, named_regions, live_server):
    """The Alor register (title rows, merged two-row header, its own column names, a hidden sheet, a hidden row,
    a JUMLAH row): the user checks the mapping, ignores one column, reads the values in the preview, saves."""
    from .corpus import register_xlsx

    call_command("load_reference", verbosity=0)
    page = login_as(alor_staff)
    page.goto(f"{live_server.url}/impor/")
    page.select_option("#id_kind", "ikm")
    page.set_input_files("#id_file", files=[{"name": "register-alor-2024.xlsx", "mimeType": XLSX, "buffer": register_xlsx()}])
    page.click("button:has-text('Unggah dan periksa')")

    expect(page.locator("#job-status")).to_have_text("Perlu pengaturan")
    expect(page.locator("#job-sheet")).to_have_text("IKM 2024")
    mapping = page.locator("#mapping")
    expect(mapping.locator("tr[data-letter=B] select")).to_have_value("NIB")
    expect(mapping.locator("tr[data-letter=F] select")).to_have_value("Desa/Kelurahan")
    expect(mapping.locator("tr[data-letter=B]")).to_contain_text("nama lain yang dikenal")
    mapping.locator("tr[data-letter=D] select").select_option("")  # "Pemilik": ignore this column
    page.click("button:has-text('Simpan pemetaan dan periksa')")

    expect(page.locator("#job-status")).to_have_text("Pratinjau siap")
    expect(page.locator("[data-count=create]")).to_have_text("2")
    expect(page.locator("[data-count=skipped]")).to_have_text("2")
    rows = page.locator("#rows")
    expect(rows.locator("tr[data-row='7']")).to_contain_text("Desa Kuneman, Kec. Alor Barat Daya, Kabupaten Alor")
    expect(rows.locator("tr[data-row='7']")).to_contain_text("25.000.000")
    expect(rows.locator("tr[data-row='9']")).to_contain_text("disembunyikan")
    expect(rows.locator("tr[data-row='10']")).to_contain_text("JUMLAH")
    expect(page.locator("#column-summary")).to_contain_text("'Kapasitas Produksi' (K)")
    assert IkmUnit.objects.count() == 0

    page.click("button:has-text('Simpan 2 baris')")
    expect(page.locator("#job-status")).to_have_text("Selesai disimpan")
    expect(rows.locator("tr[data-row='7'] .badge")).to_have_text("Dibuat")
    stored = {unit.nib: (unit.name, unit.owner_name, unit.investment) for unit in IkmUnit.objects.all()}
    assert stored == {"9120001234567": ("Tenun Ina", "", 25_000_000), "9120001234568": ("Tenun Maria", "", 10_000_000)}
