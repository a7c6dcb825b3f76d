"""Memberships (a sentra code on IKM rows), certifications and DAK activities are importable; links never cross
a kabupaten/kota, and refusals say nothing about records outside the user's region."""

from datetime import date

import pytest

from core.testing.factories import (
    CertificationFactory, DakAllocationFactory, DakMenuFactory, IkmUnitFactory, MembershipFactory, SentraFactory,
)
from facilities.models import Room
from funding.models import DakActivity
from ikm.models import Certification, IkmUnit, SentraMembership
from imports.models import RowAction
from imports.services import import_job_create, import_job_request_commit

from .conftest import csv_upload, xlsx_upload


@pytest.fixture
def sentra(named_regions, tenun):
    return SentraFactory(code="SNT-ALOR-1", name="Sentra Tenun Kuneman", commodity=tenun)


@pytest.fixture
def belu_sentra(named_regions, tenun):
    return SentraFactory(code="SNT-BELU-1", name="Sentra Belu", desa_id="53.04.22.1004", commodity=tenun)


def test_a_sentra_code_on_ikm_rows_makes_them_members(alor_staff, sentra, belu_sentra):
    rows = [["NIB", "Nama Usaha", "Desa/Kelurahan", "Komoditas", "Kode Sentra", "Tanggal Bergabung"],
            ["9120000000001", "Tenun A", "Kuneman", "Tenun ikat", "SNT-ALOR-1", "01/03/2024"],
            ["9120000000002", "Tenun B", "Kuneman", "Tenun ikat", "Sentra Tenun Kuneman", None],
            ["9120000000003", "Tenun C", "Kuneman", "Tenun ikat", "SNT-BELU-1", None]]
    job = import_job_create(user=alor_staff, kind="ikm", upload=xlsx_upload(rows))
    assert (job.created_count, job.refused_count) == (2, 1)
    # A sentra of another kabupaten is "not found in your region", exactly like a code that does not exist.
    assert "Sentra 'SNT-BELU-1' tidak ditemukan di wilayah Anda" in job.rows.get(row_number=4).reasons[0]
    import_job_request_commit(user=alor_staff, job=job)
    members = dict(SentraMembership.objects.values_list("ikm__nib", "joined_on"))
    assert members == {"9120000000001": date(2024, 3, 1), "9120000000002": None}
    again = import_job_create(user=alor_staff, kind="ikm", upload=xlsx_upload(rows[:3]))
    assert again.unchanged_count == 2 and SentraMembership.objects.count() == 2


def test_a_national_user_cannot_link_a_unit_to_a_sentra_of_another_kabupaten(admin_user, sentra, belu_sentra):
    rows = [["NIB", "Nama Usaha", "Desa/Kelurahan", "Kecamatan", "Kabupaten/Kota", "Komoditas", "Kode Sentra"],
            ["9120000000003", "Tenun C", "Kuneman", "Alor Barat Daya", "Alor", "Tenun ikat", "SNT-BELU-1"]]
    job = import_job_create(user=admin_user, kind="ikm", upload=xlsx_upload(rows))
    assert "keanggotaan hanya di kabupaten/kota yang sama" in job.rows.get().reasons[0]
    assert IkmUnit.objects.count() == 0


def test_rooms_refuse_an_occupant_from_another_kabupaten(admin_user, alor_staff, sentra, named_regions, tenun):
    belu_unit = IkmUnitFactory(nib="9120000000009", desa_id="53.04.22.1004", commodity=tenun)
    rows = [["Kode Sentra", "Nama/Nomor Ruang", "Keadaan", "NIB Pengguna"], ["SNT-ALOR-1", "Ruang 1", "Aktif digunakan", belu_unit.nib]]
    national = import_job_create(user=admin_user, kind="ruang", upload=xlsx_upload(rows))
    assert "ruang hanya dapat dipakai unit IKM di kabupaten/kota yang sama" in national.rows.get().reasons[0]
    district = import_job_create(user=alor_staff, kind="ruang", upload=xlsx_upload(rows))
    assert "Unit IKM dengan NIB 9120000000009 tidak ditemukan di wilayah Anda" in district.rows.get().reasons[0]
    assert Room.objects.count() == 0


def test_certifications_with_a_pirt_copied_with_invisible_characters(alor_staff, named_regions, tenun):
    unit = IkmUnitFactory(nib="9120000000001", desa=named_regions, commodity=tenun)
    rows = [["NIB", "Jenis Sertifikat", "Nomor Sertifikat", "Tanggal Terbit", "Berlaku Sampai"],
            [unit.nib, "PIRT", "2\u200b06\u00a053 05\u200b01-0001-25", "31/01/2022", "31 Januari 2027"],
            [unit.nib, "Sertifikat halal", "ID53110000123450124", "2023-05-01", None],
            [unit.nib, "PIRT", "12345", None, None]]
    job = import_job_create(user=alor_staff, kind="sertifikasi", upload=xlsx_upload(rows))
    assert (job.created_count, job.refused_count) == (2, 1)
    assert "PIRT harus terdiri dari 15 digit" in job.rows.get(row_number=4).reasons[0]
    import_job_request_commit(user=alor_staff, job=job)
    stored = {c.kind: (c.number, c.issued_on, c.valid_until) for c in Certification.objects.all()}
    assert stored["pirt"] == ("206530501000125", date(2022, 1, 31), date(2027, 1, 31))
    assert stored["halal"] == ("ID53110000123450124", date(2023, 5, 1), None)


def test_a_certificate_number_registered_elsewhere_gets_a_neutral_message(alor_staff, named_regions, tenun):
    belu_unit = IkmUnitFactory(nib="9120000000009", desa_id="53.04.22.1004", commodity=tenun, name="Rahasia Belu")
    CertificationFactory(ikm=belu_unit, kind="halal", number="ID-HALAL-1")
    unit = IkmUnitFactory(nib="9120000000001", desa=named_regions, commodity=tenun)
    job = import_job_create(user=alor_staff, kind="sertifikasi", upload=xlsx_upload(
        [["NIB", "Jenis Sertifikat", "Nomor Sertifikat"], [unit.nib, "Sertifikat halal", "ID-HALAL-1"]]))
    reason = job.rows.get().reasons[0]
    assert "sudah tercatat di registri untuk data yang tidak dapat Anda ubah" in reason
    assert "Belu" not in reason and "Rahasia" not in reason and "9120000000009" not in reason


def test_a_nib_deleted_elsewhere_and_one_outside_get_the_same_message(alor_staff, named_regions, tenun):
    from django.utils import timezone

    IkmUnitFactory(nib="9120000000008", desa_id="53.04.22.1004", commodity=tenun, deleted_at=timezone.now())
    IkmUnitFactory(nib="9120000000009", desa_id="53.04.22.1004", commodity=tenun)
    rows = [["NIB", "Nama Usaha", "Desa/Kelurahan", "Komoditas"],
            ["9120000000008", "A", "Kuneman", "Tenun ikat"], ["9120000000009", "B", "Kuneman", "Tenun ikat"]]
    job = import_job_create(user=alor_staff, kind="ikm", upload=xlsx_upload(rows))
    first, second = (job.rows.get(row_number=n).reasons for n in (2, 3))
    assert first == second and "dihapus" not in first[0] and "53.04" not in first[0]


def test_dak_activities_by_year_menu_and_description(alor_staff, sentra, belu_sentra):
    DakAllocationFactory(fiscal_year=2023, kabupaten_kota_id="53.05", pagu=2_500_000_000, realisation=0)
    DakMenuFactory(code="rumah-produksi-bersama", name="Rumah produksi bersama")
    rows = [["Tahun Anggaran", "Menu Kegiatan", "Uraian Kegiatan", "Kode Sentra", "Pagu (Rp)", "Realisasi (Rp)"],
            ["2023", "Rumah produksi bersama", "Rumah produksi tenun", "SNT-ALOR-1", "750.000.000", "700.000.000"],
            ["2024", "Rumah produksi bersama", "Belum ada alokasinya", None, "1.000.000", "0"],
            ["2023", "rumah-produksi-bersama", "Gudang", "SNT-ALOR-1", "1.000.000", "2.000.000"]]
    job = import_job_create(user=alor_staff, kind="kegiatan-dak", upload=csv_upload(rows))
    assert (job.created_count, job.refused_count) == (1, 2), list(job.rows.values_list("reasons", flat=True))
    assert "Alokasi DAK 2024 untuk Kabupaten Alor belum ada" in job.rows.get(row_number=3).reasons[0]
    assert "melebihi pagu" in job.rows.get(row_number=4).reasons[0]
    import_job_request_commit(user=alor_staff, job=job)
    activity = DakActivity.objects.get()
    assert (activity.description, activity.sentra, activity.pagu, activity.realisation) == ("Rumah produksi tenun", sentra, 750_000_000, 700_000_000)


def test_only_the_owner_kabupaten_membership_counts_for_rooms(alor_staff, sentra, named_regions, tenun):
    member = MembershipFactory(sentra=sentra, ikm=IkmUnitFactory(nib="9120000000001", desa=named_regions, commodity=tenun)).ikm
    rows = [["Kode Sentra", "Nama/Nomor Ruang", "Keadaan", "NIB Pengguna"], ["SNT-ALOR-1", "Ruang 1", "Aktif digunakan", member.nib]]
    job = import_job_create(user=alor_staff, kind="ruang", upload=xlsx_upload(rows))
    assert job.rows.get().action == RowAction.CREATE
    import_job_request_commit(user=alor_staff, job=job)
    assert Room.objects.get().occupant == member


def test_a_row_without_a_region_says_what_to_fill_not_none(alor_staff, named_regions, tenun):
    job = import_job_create(user=alor_staff, kind="ikm", upload=xlsx_upload(
        [["NIB", "Nama Usaha", "Komoditas"], ["9120000000001", "Tenun Tanpa Desa", "Tenun ikat"]]))
    reason = job.rows.get().reasons[0]
    assert "Wilayah baris ini kosong; isi Desa/Kelurahan" in reason and "None" not in reason
