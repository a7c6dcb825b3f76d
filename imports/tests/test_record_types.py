"""Each importable record type creates, updates by its natural key, and re-imports to no change."""

import pytest

from core.testing.factories import EquipmentTypeFactory, IkmUnitFactory, MembershipFactory, SentraFactory
from facilities.models import Machine, Room
from funding.models import DakAllocation
from ikm.models import YearlyFigure
from imports.services import import_job_create, import_job_request_commit
from sentra.models import Sentra

from .conftest import csv_upload, xlsx_upload


def run(user, kind, rows, upload=xlsx_upload):
    job = import_job_create(user=user, kind=kind, upload=upload(rows))
    counts = (job.created_count, job.updated_count, job.unchanged_count, job.refused_count)
    if job.writable_count:
        import_job_request_commit(user=user, job=job)
    return counts, job


@pytest.fixture
def sentra(named_regions, tenun):
    return SentraFactory(code="SNT-1", name="Sentra Tenun Kuneman", commodity=tenun, manager_name="Koperasi Ina")


def test_sentra_upsert_never_blanks_stored_values(alor_staff, sentra, kerupuk):
    header = ["Kode Sentra", "Nama Sentra", "Kabupaten/Kota", "Kecamatan", "Desa/Kelurahan", "Komoditas Utama", "Status", "Nama Pengelola", "Tahun Berdiri"]
    rows = [header,
            ["SNT-1", "Sentra Tenun Kuneman", None, None, None, None, "Kurang aktif", None, None],
            ["SNT-2", "Sentra Kerupuk", "Kab Alor", "Alor Selatan", "Moru", "10794", "aktif", None, "2015"]]
    counts, _job = run(alor_staff, "sentra", rows)
    assert counts == (1, 1, 0, 0)
    sentra.refresh_from_db()
    assert (sentra.status, sentra.manager_name, sentra.version) == ("kurang_aktif", "Koperasi Ina", 2)
    new = Sentra.objects.get(code="SNT-2")
    assert (new.desa_id, new.founding_year, new.primary_commodity) == ("53.05.04.2003", 2015, kerupuk)
    assert run(alor_staff, "sentra", rows)[0] == (0, 0, 2, 0)


def test_rooms_need_a_current_member_as_occupant(alor_staff, sentra):
    member = MembershipFactory(sentra=sentra, ikm=IkmUnitFactory(nib="9120000000001", commodity=sentra.primary_commodity)).ikm
    outsider = IkmUnitFactory(nib="9120000000002")
    rows = [["Kode Sentra", "Nama/Nomor Ruang", "Keadaan", "NIB Pengguna", "Luas (m2)"],
            ["SNT-1", "Ruang 1", "Aktif digunakan", member.nib, "24"],
            ["SNT-1", "Ruang 2", "Kosong", None, "24,5"],
            ["SNT-1", "Ruang 3", "Terisi, tidak aktif berproduksi", outsider.nib, 12],
            ["SNT-1", "Ruang 4", "aktif", None, 12],
            ["SNT-404", "Ruang 1", "kosong", None, 12]]
    counts, job = run(alor_staff, "ruang", rows)
    assert counts == (2, 0, 0, 3)
    assert "bukan anggota aktif" in job.rows.get(row_number=4).reasons[0]
    assert "NIB Pengguna" in job.rows.get(row_number=5).reasons[0]
    assert "SNT-404" in job.rows.get(row_number=6).reasons[0]
    assert Room.objects.get(name="Ruang 1").occupant == member
    assert str(Room.objects.get(name="Ruang 2").area_m2) == "24.50"
    assert run(alor_staff, "ruang", rows)[0] == (0, 0, 2, 3)


def test_machines_match_by_sentra_type_and_description(alor_staff, sentra):
    EquipmentTypeFactory(code="gedogan", name="Alat tenun gedogan")
    rows = [["Kode Sentra", "Jenis Peralatan", "Uraian", "Jumlah", "Kondisi", "Tahun Pengadaan", "Sumber Dana"],
            ["SNT-1", "Alat tenun gedogan", "Bantuan DAK", 4, "Baik", 2023, "DAK Fisik Bidang IKM"],
            ["SNT-1", "Alat tenun gedogan", "Milik kelompok", 2, "Rusak ringan", 2015, "swadaya"],
            ["SNT-1", "Mesin jahit", None, 1, None, 2099, None]]
    counts, job = run(alor_staff, "mesin", rows)
    assert counts == (2, 0, 0, 1)
    assert "Jenis peralatan 'Mesin jahit' tidak dikenal" in " ".join(job.rows.get(row_number=4).reasons)
    rows[1][3] = 5
    assert run(alor_staff, "mesin", rows)[0] == (0, 1, 1, 1)
    assert Machine.objects.get(description="Bantuan DAK").quantity == 5


def test_dak_allocations_by_year_and_kabupaten_from_csv(alor_staff, named_regions):
    rows = [["Tahun Anggaran", "Provinsi", "Kabupaten/Kota", "Pagu (Rp)", "Realisasi (Rp)"],
            ["2023", "NTT", "Kab. Alor", "2.500.000.000", "2.211.500.000"],
            ["2022", None, "53.05", "1.000.000", "2.000.000"],
            ["2023", None, "Kota Balikpapan", "1.000.000", "0"]]
    counts, job = run(alor_staff, "dak", rows, upload=csv_upload)
    assert counts == (1, 0, 0, 2)
    assert "melebihi pagu" in job.rows.get(row_number=3).reasons[0]
    assert "Kota Balikpapan) di luar wilayah Anda (Kabupaten Alor)" in job.rows.get(row_number=4).reasons[0]
    assert DakAllocation.objects.get().pagu == 2_500_000_000


def test_yearly_figures_for_sentra_and_units(alor_staff, sentra):
    unit = IkmUnitFactory(nib="9120000000001")
    rows = [["Tahun", "Kode Sentra", "NIB", "Tenaga Kerja Laki-laki", "Tenaga Kerja Perempuan", "Tenaga Kerja Total", "Volume Produksi", "Satuan Volume"],
            [2022, "SNT-1", None, 4, 6, None, 10, "ton"],
            [2023, "SNT-1", None, 10, 20, 31, 18, "ton"],
            [2023, None, unit.nib, 1, 2, None, None, None],
            [2023, "SNT-1", unit.nib, 1, 2, None, None, None]]
    counts, job = run(alor_staff, "kinerja", rows)
    assert counts == (2, 0, 0, 2)
    assert "tidak sama" in job.rows.get(row_number=3).reasons[0]
    assert YearlyFigure.objects.get(sentra=sentra).workers_total == 10
    assert YearlyFigure.objects.get(ikm=unit).region_id == unit.desa_id
