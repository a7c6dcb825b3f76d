"""An office's own register goes in without retyping: the visible sheet, the header under a title and merged
cells, the office's column names mapped (and remembered), hidden and total rows left out; the values stored
are the ones the user meant."""

from decimal import Decimal

import pytest
from django.core.management import call_command

from ikm.models import IkmUnit
from imports import mapping as mappings
from imports.models import ImportStatus, RememberedMapping, RowAction
from imports.services import import_job_answer, import_job_create, import_job_request_commit, import_job_setup

from .corpus import DATA, TOP, register_xlsx, simple_xlsx, upload


@pytest.fixture
def reference(named_regions):
    call_command("load_reference", verbosity=0)


def confirm(user, job):
    """The user accepts the mapping as guessed (what they see pre-selected on the mapping step)."""
    return import_job_setup(user=user, job=job, targets=[entry["target"] for entry in job.mapping])


def test_the_register_is_mapped_then_stored_as_meant(alor_staff, reference):
    job = import_job_create(user=alor_staff, kind="ikm", upload=upload("register-alor-2024.xlsx", register_xlsx()))
    # The hidden sheet of last year is not read; the header is found under the title, through merged cells.
    assert job.status == ImportStatus.SETUP and job.sheet_name == "IKM 2024"
    assert job.layout["header_rows"] == [4, 5] and job.layout["data_start"] == 7  # (1) (2) (3) numbering row skipped
    guessed = {entry["header"]: (entry["target"], entry["how"]) for entry in job.mapping}
    assert guessed["No"] == ("", mappings.IGNORE)
    assert guessed["No. NIB"] == ("NIB", mappings.ALIAS) and guessed["Desa/Kel"] == ("Desa/Kelurahan", mappings.ALIAS)
    assert guessed["Komoditi"] == ("Komoditas", mappings.ALIAS) and guessed["Tenaga Kerja L"] == ("Tenaga Kerja Laki-laki", mappings.ALIAS)
    assert guessed["Omset per Tahun"] == ("Omzet per Tahun (Rp)", mappings.ALIAS)
    assert IkmUnit.objects.count() == 0

    job = confirm(alor_staff, job)
    assert job.status == ImportStatus.PREVIEW, job.messages
    assert (job.created_count, job.refused_count, job.skipped_count) == (2, 0, 2)
    skipped = {row.row_number: " ".join(row.reasons) for row in job.rows.filter(action=RowAction.SKIPPED)}
    assert "disembunyikan" in skipped[9] and "JUMLAH" in skipped[10]

    import_job_request_commit(user=alor_staff, job=job)
    units = {unit.nib: unit for unit in IkmUnit.objects.all()}
    assert set(units) == {"9120001234567", "9120001234568"}  # not the hidden row, not last year's hidden sheet
    ina, maria = units["9120001234567"], units["9120001234568"]
    assert ina.name == "Tenun Ina"  # the non-breaking space became a plain one
    assert (ina.owner_name, ina.desa_id, ina.commodity.code) == ("Ina Bara", "53.05.03.2001", "tenun-ikat")
    assert (ina.workers_male, ina.workers_female, ina.workers_unsplit) == (1, 5, 0)
    assert (ina.investment, ina.sales, ina.production_capacity, ina.capacity_unit) == (25_000_000, 60_000_000, Decimal("1250.50"), "lembar")
    assert (maria.desa_id, maria.production_capacity, maria.investment) == ("53.05.04.2003", Decimal("0.75"), 10_000_000)
    assert maria.commodity.code == "tenun-ikat"  # "tenun": a synonym


def test_a_confirmed_mapping_is_remembered_for_the_offices_next_file(alor_staff, reference, django_user_model):
    confirm(alor_staff, import_job_create(user=alor_staff, kind="ikm", upload=upload("januari.xlsx", register_xlsx())))
    memory = RememberedMapping.objects.get()
    assert (memory.region_code, memory.kind) == ("53.05", "ikm")
    colleague = django_user_model.objects.create_user(username="rekan-alor", password="x", role="district", region_id="53.05")
    again = import_job_create(user=colleague, kind="ikm", upload=upload("februari.xlsx", register_xlsx()))
    assert again.status == ImportStatus.PREVIEW and again.created_count == 2
    assert any("pernah dikonfirmasi" in message for message in again.messages)


def test_the_user_corrects_and_ignores_columns_and_hidden_rows_can_be_included(alor_staff, reference):
    job = import_job_create(user=alor_staff, kind="ikm", upload=upload("register.xlsx", register_xlsx()))
    targets = [entry["target"] for entry in job.mapping]
    owner = [entry["header"] for entry in job.mapping].index("Pemilik")
    targets[owner] = ""  # "ignore this column"
    job = import_job_setup(user=alor_staff, job=job, targets=targets)
    job = import_job_answer(user=alor_staff, job=job, include_hidden=True)
    assert (job.created_count, job.skipped_count) == (3, 1)
    included = job.rows.get(row_number=9)
    assert "disertakan" in " ".join(included.warnings)
    import_job_request_commit(user=alor_staff, job=job)
    assert IkmUnit.objects.count() == 3
    assert set(IkmUnit.objects.values_list("owner_name", flat=True)) == {""}


def test_a_field_chosen_twice_is_refused_on_the_mapping_step(alor_staff, reference):
    from django.core.exceptions import ValidationError

    job = import_job_create(user=alor_staff, kind="ikm", upload=upload("register.xlsx", register_xlsx()))
    targets = [entry["target"] for entry in job.mapping]
    targets[[entry["header"] for entry in job.mapping].index("Pemilik")] = "Nama Usaha"
    with pytest.raises(ValidationError, match="dipilih untuk dua kolom"):
        import_job_setup(user=alor_staff, job=job, targets=targets)


def test_only_a_hidden_sheet_with_data_is_read_only_when_the_user_picks_it(alor_staff, reference):
    content = register_xlsx()
    import io

    import openpyxl

    book = openpyxl.load_workbook(io.BytesIO(content))
    del book["IKM 2024"]
    book.create_sheet("Catatan")["A1"] = "Lihat lembar tahun lalu"
    book.active = 1
    out = io.BytesIO()
    book.save(out)
    job = import_job_create(user=alor_staff, kind="ikm", upload=upload("lama.xlsx", out.getvalue()))
    assert job.status == ImportStatus.SETUP and "lembar tersembunyi" in " ".join(job.messages) and "IKM 2023" in " ".join(job.messages)
    assert {sheet["name"]: sheet["visible"] for sheet in job.sheets} == {"Catatan": True, "IKM 2023": False}
    job = import_job_setup(user=alor_staff, job=job, sheet_name="IKM 2023")
    job = confirm(alor_staff, job)
    assert job.sheet_name == "IKM 2023" and job.created_count == 1


def test_several_visible_data_sheets_ask_which_one(alor_staff, reference):
    job = import_job_create(user=alor_staff, kind="ikm", upload=upload("dua.xlsx", register_xlsx(extra_visible_sheet=True)))
    assert job.status == ImportStatus.SETUP and "Pilih lembar" in " ".join(job.messages)
    assert job.rows.count() == 0
    job = import_job_setup(user=alor_staff, job=job, sheet_name="Rekap Sentra")
    job = confirm(alor_staff, job)
    assert job.sheet_name == "Rekap Sentra" and job.created_count == 1
    import_job_request_commit(user=alor_staff, job=job)
    assert list(IkmUnit.objects.values_list("name", flat=True)) == ["Usaha Rekap"]


def test_a_total_only_worker_count_is_stored_without_inventing_a_split(alor_staff, reference):
    rows = [["Nama Usaha", "Desa", "Komoditas", "Jml TK", "Nilai Investasi (Rp)"],
            ["Meubel Jati", "Kuneman", "Mebel", 25, 50_000_000],
            ["Tenun Kecil", "Kuneman", "Tenun", 4, 5_000_000]]
    job = confirm(alor_staff, import_job_create(user=alor_staff, kind="ikm", upload=upload("tk.xlsx", simple_xlsx(rows))))
    assert job.created_count == 2, list(job.rows.values_list("reasons", flat=True))
    import_job_request_commit(user=alor_staff, job=job)
    meubel = IkmUnit.objects.with_class().get(name="Meubel Jati")
    assert (meubel.workers_male, meubel.workers_female, meubel.workers_unsplit, meubel.total_workers) == (0, 0, 25, 25)
    # 25 workers is above the small-industry limit: the class counts the unsplit workers too.
    assert meubel.ikm_class == meubel.computed_class == "menengah" and meubel.workers_total == 25


def test_two_columns_feed_the_total_and_a_known_split_keeps_the_remainder_unsplit(alor_staff, reference):
    rows = [["Nama Usaha", "Desa", "Komoditas", "Tenaga Kerja Laki-laki", "TK Tetap", "TK Tidak Tetap"],
            ["Kopi Lembah", "Kuneman", "Kopi", 2, 3, 4]]
    job = import_job_create(user=alor_staff, kind="ikm", upload=upload("tk2.xlsx", simple_xlsx(rows)))
    assert [entry["target"] for entry in job.mapping][-2:] == ["Tenaga Kerja Total", "Tenaga Kerja Total"]
    job = confirm(alor_staff, job)
    import_job_request_commit(user=alor_staff, job=job)
    unit = IkmUnit.objects.get()
    assert (unit.workers_male, unit.workers_female, unit.workers_unsplit) == (2, 0, 5)


def test_a_total_smaller_than_its_parts_is_refused_with_the_numbers(alor_staff, reference):
    rows = [["Nama Usaha", "Desa", "Komoditas", "Tenaga Kerja Laki-laki", "Tenaga Kerja Perempuan", "Tenaga Kerja Total"],
            ["Kopi Lembah", "Kuneman", "Kopi", 4, 3, 5]]
    job = confirm(alor_staff, import_job_create(user=alor_staff, kind="ikm", upload=upload("tk3.xlsx", simple_xlsx(rows))))
    assert job.refused_count == 1
    assert "Tenaga kerja total (5) lebih kecil dari laki-laki + perempuan (7)" in job.rows.get().reasons[0]


def test_messages_name_the_row_the_column_its_letter_and_the_value(alor_staff, reference):
    rows = [["Nama Usaha", "Desa", "Komoditas", "Jml TK"], ["Kopi Lembah", "Kuneman", "Kopi", "dua belas"]]
    job = confirm(alor_staff, import_job_create(user=alor_staff, kind="ikm", upload=upload("pesan.xlsx", simple_xlsx(rows))))
    row = job.rows.get()
    assert row.row_number == 2
    assert row.reasons == ["Kolom 'Jml TK' (D): 'dua belas' bukan angka"]


def test_the_exact_template_skips_the_mapping_step(alor_staff, reference):
    from imports.kinds import KINDS

    headers = [column.header for column in KINDS["ikm"].columns]
    row = dict.fromkeys(headers)
    row.update({"Nama Usaha": "Kopi Lembah", "Desa/Kelurahan": "Kuneman", "Komoditas": "Kopi"})
    job = import_job_create(user=alor_staff, kind="ikm", upload=upload("templat.xlsx", simple_xlsx([headers, list(row.values())])))
    assert job.status == ImportStatus.PREVIEW and job.created_count == 1


def test_the_preview_shows_the_values_a_new_row_will_store_and_a_column_summary(client, alor_staff, reference):
    job = confirm(alor_staff, import_job_create(user=alor_staff, kind="ikm", upload=upload("register.xlsx", register_xlsx())))
    client.force_login(alor_staff)
    page = client.get(f"/impor/{job.pk}/").content.decode()
    assert "Desa Kuneman, Kec. Alor Barat Daya, Kabupaten Alor" in page
    assert "25.000.000" in page and "1.250,5" in page and "Tenun ikat" in page
    summary = {column["target"]: column for column in job.summary["columns"]}
    assert summary["Nilai Investasi (Rp)"]["min"] == "10.000.000" and summary["Nilai Investasi (Rp)"]["max"] == "25.000.000"
    assert summary["Kapasitas Produksi per Tahun"]["column"] == "'Kapasitas Produksi' (K)"
    assert len(DATA[0]) == len(TOP)


def test_the_mapping_step_and_the_preview_speak_english(client, alor_staff, reference, settings):
    import polib

    from web.tests.test_english_everywhere import PO_FILE, _untranslated_on_page, _visible_text

    catalogue = polib.pofile(str(PO_FILE))
    job = import_job_create(user=alor_staff, kind="ikm", upload=upload("register.xlsx", register_xlsx()))
    client.force_login(alor_staff)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    setup = _visible_text(client.get(f"/impor/{job.pk}/").content.decode())
    assert "Column mapping" in setup and "known other name" in setup and "— ignore this column —" in setup
    # The template's column headers ("Nilai Investasi (Rp)", "Desa/Kelurahan") name the columns of the file the
    # office fills in; they stay as written in the file whatever the page's language.
    from imports.kinds import KINDS

    headers = {column.header for column in KINDS["ikm"].columns}

    def untranslated(text):
        return [found for found in _untranslated_on_page(text, catalogue) if not any(found in header for header in headers)]

    assert untranslated(setup) == []
    job = confirm(alor_staff, job)
    preview = _visible_text(client.get(f"/impor/{job.pk}/").content.decode())
    assert "Column summary" in preview and "Total row (JUMLAH/TOTAL); skipped." in preview
    assert untranslated(preview) == []


def test_the_user_picks_the_header_row_and_maps_unknown_headers_by_hand(alor_staff, reference):
    rows = [["Catatan kantor: data sementara"], [None], ["Usaha", "Lokasi desa", "Bidang"], ["Kopi Lembah", "Kuneman", "Kopi"]]
    job = import_job_create(user=alor_staff, kind="ikm", upload=upload("catatan.xlsx", simple_xlsx(rows)))
    assert job.status == ImportStatus.SETUP and "Baris judul tidak dikenali" in " ".join(job.messages)
    assert [row["number"] for row in job.summary["preview_rows"]] == [1, 3, 4]
    job = import_job_setup(user=alor_staff, job=job, header_row=3)
    assert job.status == ImportStatus.SETUP and job.layout["header_rows"] == [3]
    assert [entry["header"] for entry in job.mapping] == ["Usaha", "Lokasi desa", "Bidang"]
    job = import_job_setup(user=alor_staff, job=job, targets=["Nama Usaha", "Desa/Kelurahan", "Komoditas"])
    assert job.status == ImportStatus.PREVIEW and job.created_count == 1
    import_job_request_commit(user=alor_staff, job=job)
    unit = IkmUnit.objects.get()
    assert (unit.name, unit.desa_id, unit.commodity.code) == ("Kopi Lembah", "53.05.03.2001", "kopi-olahan")
