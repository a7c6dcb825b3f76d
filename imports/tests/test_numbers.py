"""Numbers are never guessed: a column's convention comes from all its cells, what stays ambiguous is asked,
and nothing ambiguous is stored before the user answers."""

from decimal import Decimal

import pytest
from django.core.management import call_command

from ikm.models import IkmUnit
from imports.models import ImportStatus, RowAction
from imports.numbers import EN, ID, Ambiguous, read_number
from imports.services import import_job_answer, import_job_create, import_job_request_commit

from .corpus import csv_text, upload


@pytest.fixture
def reference(named_regions):
    call_command("load_reference", verbosity=0)


HEADER = ["NIB", "Nama Usaha", "Desa/Kelurahan", "Komoditas", "Nilai Investasi (Rp)", "Kapasitas Produksi per Tahun"]


@pytest.mark.parametrize("text, value, proves", [
    ("1.500.000", Decimal("1500000"), ID), ("1.500.000,50", Decimal("1500000.50"), ID), ("3,5", Decimal("3.5"), ID),
    ("1,500,000.50", Decimal("1500000.50"), EN), ("12,500,000", Decimal("12500000"), EN), ("3.25", Decimal("3.25"), EN),
    ("1 500 000", Decimal("1500000"), None), ("1500000", Decimal("1500000"), None),
])
def test_texts_that_say_their_convention(text, value, proves):
    assert read_number(text)[:2] == (value, proves)


@pytest.mark.parametrize("text, grouped, decimal", [("0.750", 750, Decimal("0.750")), ("1,500", 1500, Decimal("1.500"))])
def test_texts_that_do_not(text, grouped, decimal):
    number, proves, _note = read_number(text)
    assert isinstance(number, Ambiguous) and proves is None
    assert (number.grouped, number.decimal) == (grouped, decimal)


@pytest.mark.parametrize("text, value", [
    ("Rp 1.250.000,-", 1_250_000), ("Rp. 1.250.000", 1_250_000), ("IDR 2.000.000", 2_000_000), ("150.000,00", 150_000),
    ("2,5 juta", 2_500_000), ("3 jt", 3_000_000), ("Rp\u00a01.250.000", 1_250_000), ("1.250.000 rupiah", 1_250_000),
])
def test_rupiah_as_offices_write_it(text, value):
    assert read_number(text, money=True)[0] == value


def run(user, rows, delimiter=","):
    content = csv_text([HEADER, *rows], delimiter=delimiter).encode()
    return import_job_create(user=user, kind="ikm", upload=upload("english.csv", content))


def test_an_english_locale_csv_is_read_english_throughout_its_column(alor_staff, reference):
    job = run(alor_staff, [["9120000000001", "Kopi A", "Kuneman", "Kopi", "450,000", "1,250.5"],
                           ["9120000000002", "Kopi B", "Kuneman", "Kopi", "12,500,000", "0.750"]])
    assert job.status == ImportStatus.PREVIEW and job.created_count == 2, list(job.rows.values_list("reasons", flat=True))
    import_job_request_commit(user=alor_staff, job=job)
    stored = dict(IkmUnit.objects.values_list("nib", "investment"))
    assert stored == {"9120000000001": 450_000, "9120000000002": 12_500_000}
    assert IkmUnit.objects.get(nib="9120000000002").production_capacity == Decimal("0.75")


def test_a_lone_ambiguous_value_is_held_until_the_user_chooses(alor_staff, reference):
    job = run(alor_staff, [["9120000000001", "Kopi A", "Kuneman", "Kopi", "Rp 150,000", "0.750"],
                           ["9120000000002", "Kopi B", "Kuneman", "Kopi", "Rp 2.000.000", None]], delimiter=";")
    # Capacity's "0.750" has nothing to go by. ("Rp 150,000" is never 150 rupiah: see the next test.)
    held = job.rows.get(row_number=2)
    assert held.action == RowAction.REVIEW and "'0.750' bisa berarti 750" in " ".join(held.reasons)
    question = job.summary["questions"]["Kapasitas Produksi per Tahun"]
    assert question["count"] == 1 and question["examples"][0] == {"text": "0.750", "id": "750", "en": "0,75"}
    assert IkmUnit.objects.count() == 0

    job = import_job_answer(user=alor_staff, job=job, numbers={"Kapasitas Produksi per Tahun": EN})
    assert job.rows.get(row_number=2).action == RowAction.CREATE
    job.refresh_from_db()
    import_job_request_commit(user=alor_staff, job=job)
    unit = IkmUnit.objects.get(nib="9120000000001")
    assert unit.production_capacity == Decimal("0.75")


def test_rupiah_with_three_digits_after_a_separator_are_thousands_and_say_so_against_the_column(alor_staff, reference):
    job = run(alor_staff, [["9120000000001", "Kopi A", "Kuneman", "Kopi", "Rp 150,000", None],
                           ["9120000000002", "Kopi B", "Kuneman", "Kopi", "Rp 2.000.000", None],
                           ["9120000000003", "Kopi C", "Kuneman", "Kopi", "Rp 75.000", None]], delimiter=";")
    assert job.created_count == 3
    # The column is Indonesian ("Rp 2.000.000"), where "150,000" would be 150: the row tells the user how it was read.
    assert "'150,000' dibaca 150.000" in " ".join(job.rows.get(row_number=2).warnings)
    assert not job.rows.get(row_number=4).warnings
    import_job_request_commit(user=alor_staff, job=job)
    assert dict(IkmUnit.objects.values_list("nib", "investment")) == {
        "9120000000001": 150_000, "9120000000002": 2_000_000, "9120000000003": 75_000,
    }


def test_a_value_only_one_reading_fits_needs_no_question(alor_staff, reference):
    # 1.5 workers is no count, so "1,500" workers can only be 1500; a longitude of 124410 does not exist.
    rows = [["Nama Usaha", "Desa/Kelurahan", "Komoditas", "Tenaga Kerja Laki-laki"], ["Kopi A", "Kuneman", "Kopi", "1,500"]]
    job = import_job_create(user=alor_staff, kind="ikm", upload=upload("tk.csv", csv_text(rows).encode()))
    assert job.created_count == 1
    import_job_request_commit(user=alor_staff, job=job)
    assert IkmUnit.objects.get().workers_male == 1500


def test_units_and_rounding_are_noted_on_the_row(alor_staff, reference):
    job = run(alor_staff, [["9120000000001", "Kopi A", "Kuneman", "Kopi", "25.000.000", "2,5555 ton"]], delimiter=";")
    row = job.rows.get()
    assert row.action == RowAction.CREATE
    warnings = " ".join(row.warnings)
    assert "satuan 'ton' diabaikan" in warnings and "dibulatkan menjadi 2,56" in warnings
