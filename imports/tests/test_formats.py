"""The same register as .ods, .xls and CSV in every encoding and separator offices produce, and files whose name
says a different format than their content: each imports the values meant (or says what to do)."""

import pytest
from django.core.exceptions import ValidationError
from django.core.management import call_command

from ikm.models import IkmUnit
from imports.models import ImportStatus, RowAction
from imports.services import import_job_create, import_job_request_commit

from .corpus import NBSP, csv_text, ods_bytes, xls_bytes, upload

HEADER = ["NIB", "Nama Usaha", "Desa/Kelurahan", "Komoditas", "Tenaga Kerja Laki-laki", "Tenaga Kerja Perempuan", "Nilai Investasi (Rp)"]


@pytest.fixture
def reference(named_regions):
    call_command("load_reference", verbosity=0)


def stored():
    return {unit.nib: (unit.name, unit.workers_male, unit.workers_female, unit.investment) for unit in IkmUnit.objects.all()}


def run(user, name, content):
    job = import_job_create(user=user, kind="ikm", upload=upload(name, content))
    assert job.status == ImportStatus.PREVIEW, job.messages
    import_job_request_commit(user=user, job=job)
    return job


def test_ods_hidden_table_hidden_row_and_a_total_row_with_its_saved_value(alor_staff, reference):
    content = ods_bytes([
        ("Tahun lalu", True, [(False, HEADER), (False, ["9120009999991", "Lama", "Kuneman", "Kopi", 1, 1, 1])]),
        ("Data", False, [
            (False, ["DATA IKM KABUPATEN ALOR"]),
            (False, HEADER),
            (False, ["9120000000001", f"Kopi{NBSP}Alor", "Kuneman", "Kopi", 2, 3, "Rp 15.000.000"]),
            (True, ["9120000000002", "Tutup", "Kuneman", "Kopi", 1, 0, 1_000_000]),
            (False, [None, "JUMLAH", None, None, (3, "SUM([.E3:.E4])"), (3, "SUM([.F3:.F4])"), None]),
        ]),
    ])
    job = run(alor_staff, "register.ods", content)
    assert job.sheet_name == "Data" and (job.created_count, job.skipped_count) == (1, 2)
    assert stored() == {"9120000000001": ("Kopi Alor", 2, 3, 15_000_000)}


def test_ods_formula_without_a_saved_value_holds_only_its_row(alor_staff, reference):
    content = ods_bytes([("Data", False, [
        (False, HEADER),
        (False, ["9120000000001", "Kopi A", "Kuneman", "Kopi", 2, 3, 1_000_000]),
        (False, ["9120000000002", "Kopi B", "Kuneman", "Kopi", (None, "[.E2]*2"), 1, 1_000_000]),
    ])])
    job = run(alor_staff, "rumus.ods", content)
    held = job.rows.get(row_number=3)
    assert held.action == RowAction.REFUSED and "Sel E3 berisi rumus tanpa nilai tersimpan" in held.reasons[0]
    assert set(stored()) == {"9120000000001"}


def test_xls_hidden_sheet_hidden_row_and_merged_title(alor_staff, reference):
    content = xls_bytes([
        ("Lama", True, [(False, HEADER), (False, ["9120009999991", "Lama", "Kuneman", "Kopi", 1, 1, 1])], []),
        ("Data IKM", False, [
            (False, ["REGISTER IKM 2024"]),
            (False, HEADER),
            (False, ["9120000000001", "Kopi Alor", "Kuneman", "Kopi", 2, 3, 15_000_000]),
            (True, ["9120000000002", "Tutup", "Kuneman", "Kopi", 1, 0, 1_000_000]),
            (False, [None, "Jumlah", None, None, 3, 3, 16_000_000]),
        ], [((0, 0), (0, 6), "REGISTER IKM 2024")]),
    ])
    job = run(alor_staff, "register.xls", content)
    assert job.sheet_name == "Data IKM" and job.layout["header_rows"] == [2]
    assert (job.created_count, job.skipped_count) == (1, 2)
    assert stored() == {"9120000000001": ("Kopi Alor", 2, 3, 15_000_000)}


def test_an_xls_renamed_to_xlsx_is_read_as_what_it_is_with_a_note(alor_staff, reference):
    content = xls_bytes([("Data", False, [(False, HEADER), (False, ["9120000000001", "Kopi", "Kuneman", "Kopi", 1, 1, 1])], [])])
    job = run(alor_staff, "register.xlsx", content)
    assert "isinya format .xls" in " ".join(job.messages)
    assert set(stored()) == {"9120000000001"}


@pytest.mark.parametrize("encoding, delimiter, prefix", [
    ("utf-8", ";", ""), ("utf-8-sig", ",", ""), ("cp1252", ";", ""), ("utf-8", "\t", ""), ("utf-8", ",", "sep=,\r\n"),
    ("utf-16", "\t", ""),
])
def test_csv_as_excel_saves_it(alor_staff, reference, encoding, delimiter, prefix):
    text = prefix + csv_text([HEADER, ["9120000000001", "Kopi Café", "Kuneman", "Kopi", 1, 2, "1.500.000"]], delimiter=delimiter)
    run(alor_staff, "data.csv", text.encode(encoding))
    assert stored() == {"9120000000001": ("Kopi Café", 1, 2, 1_500_000)}


def test_a_web_page_saved_as_xls_is_refused_with_what_to_do(alor_staff, reference):
    with pytest.raises(ValidationError) as caught:
        import_job_create(user=alor_staff, kind="ikm", upload=upload("laporan.xls", b"<html><table><tr><td>NIB</td></tr></table></html>"))
    assert "halaman web" in caught.value.messages[0] and "Simpan Sebagai" in caught.value.messages[0]


def test_a_nib_with_invisible_characters_and_excel_number_cells(alor_staff, reference):
    content = csv_text([HEADER, ["\u200b9120\u200b0000\u200b00001\u00a0", "Kopi", "Kuneman", "Kopi", 1, 1, 1],
                        ["9120-0000-00002", "Kopi 2", "Kuneman", "Kopi", 1, 1, 1]]).encode()
    run(alor_staff, "nib.csv", content)
    assert set(stored()) == {"9120000000001", "9120000000002"}


def test_a_nib_excel_turned_into_scientific_notation_says_what_to_do(alor_staff, reference):
    job = import_job_create(user=alor_staff, kind="ikm", upload=upload("nib.csv", csv_text([HEADER, ["9.12E+12", "Kopi", "Kuneman", "Kopi", 1, 1, 1]]).encode()))
    reason = job.rows.get().reasons[0]
    assert "Kolom 'NIB' (A)" in reason and "format ilmiah" in reason and "Teks" in reason
