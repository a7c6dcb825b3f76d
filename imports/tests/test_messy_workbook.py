"""A dinas sheet as it really comes: loose region names, a bad NIB, a duplicate, a number out of range."""

import pytest

from ikm.models import IkmUnit
from imports.models import ImportStatus
from imports.services import import_job_create, import_job_request_commit

from .conftest import xlsx_upload

HEADER = ["NIB", "Nama Usaha *", "Nama Pemilik", "Provinsi", "Kabupaten/Kota", "Kecamatan", "Desa/Kelurahan", "Komoditas",
          "Tenaga Kerja Laki-laki", "Tenaga Kerja Perempuan", "Nilai Investasi (Rp)"]

MESSY = [
    HEADER,
    ["9120001234567", "Tenun Ina", "Ina Bara", "NTT", "Kab. Alor", "Alor Barat Daya", "Kuneman", "Tenun ikat", 1, 5, "25.000.000"],
    ["9120001234568", "Tenun Maria", "Maria", None, "KABUPATEN ALOR", "Alor Barat Daya", "Moru", "13122", 0, 3, 10000000],
    ["9120001234569", "Tenun Lipa", None, None, "Alor", "Alor Selatan", "Desa Moru", "tenun ikat", 2, 2, None],
    ["12345", "NIB Pendek", None, None, "Alor", "Alor Barat Daya", "Kuneman", "Tenun ikat", 1, 1, 0],
    ["9120001234567", "Tenun Ina lagi", None, None, "Alor", "Alor Barat Daya", "Kuneman", "Tenun ikat", 1, 1, 0],
    ["9120001234570", "Pekerja Minus", None, None, "Alor", "Alor Barat Daya", "Kuneman", "Tenun ikat", -4, 1, 0],
    ["9120001234571", "Desa Ganda", None, None, "Alor", None, "Moru", "Tenun ikat", 1, 1, 0],
    ["9120001234572", "Desa Asing", None, None, "Alor", "Alor Barat Daya", "Atlantis", "Tenun ikat", 1, 1, 0],
    ["9120001234573", "Komoditas Asing", None, None, "Alor", "Alor Barat Daya", "Kuneman", "Kain sutra", 1, 1, 0],
    [None, None, None, None, None, None, None, None, None, None, None],
]


@pytest.fixture
def job(named_regions, tenun, alor_staff):
    return import_job_create(user=alor_staff, kind="ikm", upload=xlsx_upload(MESSY))


def reasons(job, row_number):
    return " ".join(job.rows.get(row_number=row_number).reasons)


def test_preview_counts_each_outcome(job):
    assert job.status == ImportStatus.PREVIEW
    assert (job.created_count, job.updated_count, job.unchanged_count, job.refused_count) == (3, 0, 0, 6)
    assert IkmUnit.objects.count() == 0  # the preview writes nothing


def test_preview_says_why_each_row_is_refused(job):
    assert "13 digit" in reasons(job, 5)
    assert "Duplikat" in reasons(job, 6) and "baris 2" in reasons(job, 6)
    assert "Tenaga Kerja Laki-laki" in reasons(job, 7) and "rentang" in reasons(job, 7)
    assert "beberapa wilayah" in reasons(job, 8) and "53.05.03.2002" in reasons(job, 8) and "53.05.04.2003" in reasons(job, 8)
    assert "Atlantis" in reasons(job, 9) and "tidak ditemukan" in reasons(job, 9)
    assert "Kain sutra" in reasons(job, 10) and "tidak dikenal" in reasons(job, 10)


def test_commit_writes_valid_rows_with_resolved_regions_and_audit(job, alor_staff):
    job = import_job_request_commit(user=alor_staff, job=job)
    assert job.status == ImportStatus.DONE
    units = {unit.nib: unit for unit in IkmUnit.objects.all()}
    assert set(units) == {"9120001234567", "9120001234568", "9120001234569"}
    assert units["9120001234567"].desa_id == "53.05.03.2001"
    assert units["9120001234568"].desa_id == "53.05.03.2002"
    assert units["9120001234569"].desa_id == "53.05.04.2003"
    assert units["9120001234567"].investment == 25_000_000
    history = IkmUnit.history.filter(nib="9120001234567").get()
    assert history.history_user == alor_staff and history.history_type == "+"


def test_reimporting_the_same_file_changes_nothing(job, alor_staff):
    import_job_request_commit(user=alor_staff, job=job)
    again = import_job_create(user=alor_staff, kind="ikm", upload=xlsx_upload(MESSY))
    assert (again.created_count, again.updated_count, again.unchanged_count) == (0, 0, 3)
    assert IkmUnit.history.count() == 3
