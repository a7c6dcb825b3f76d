"""A kabupaten user imports only inside their kabupaten; other regions' rows are refused, nothing leaks."""

import pytest

from core.testing.factories import IkmUnitFactory
from ikm.models import IkmUnit
from imports.models import RowAction
from imports.services import import_job_create, import_job_request_commit

from .conftest import xlsx_upload

HEADER = ["NIB", "Nama Usaha", "Kabupaten/Kota", "Kecamatan", "Desa/Kelurahan", "Komoditas", "Tenaga Kerja Perempuan"]


@pytest.fixture
def belu_unit(named_regions, tenun):
    return IkmUnitFactory(nib="9120009999999", name="Usaha Belu", desa_id="53.04.22.1004", commodity=tenun, workers_female=1)


def test_rows_in_another_kabupaten_are_refused(alor_staff, belu_unit):
    rows = [
        HEADER,
        ["9120001234567", "Usaha Alor", "Kab. Alor", "Alor Barat Daya", "Kuneman", "Tenun ikat", 3],
        ["9120001234568", "Usaha Baru Belu", "Kabupaten Belu", "Atambua Selatan", "Fatukbot", "Tenun ikat", 3],
        ["9120009999999", None, None, None, None, None, 9],  # an existing Belu unit, by NIB
    ]
    job = import_job_create(user=alor_staff, kind="ikm", upload=xlsx_upload(rows))
    assert (job.created_count, job.refused_count) == (1, 2)
    outside = job.rows.get(row_number=3).reasons[0]
    assert "(Desa Fatukbot, Kec. Atambua Selatan, Kabupaten Belu) di luar wilayah Anda (Kabupaten Alor)" in outside
    # A NIB registered elsewhere: one neutral sentence, no region, no code, nothing about the record.
    taken = job.rows.get(row_number=4).reasons[0]
    assert "NIB ini sudah tercatat di registri untuk data yang tidak dapat Anda ubah" in taken
    assert "53.04" not in taken and "Belu" not in taken and "Usaha Belu" not in taken

    import_job_request_commit(user=alor_staff, job=job)
    assert IkmUnit.objects.get(nib="9120009999999").workers_female == 1
    assert not IkmUnit.objects.filter(desa_id="53.04.22.1004", nib="9120001234568").exists()


def test_a_bare_desa_name_is_looked_for_inside_the_users_own_kabupaten(alor_staff, named_regions, tenun):
    rows = [HEADER, ["9120001234567", "Usaha Alor", None, None, "Kuneman", "Tenun ikat", 3]]
    job = import_job_create(user=alor_staff, kind="ikm", upload=xlsx_upload(rows))
    assert job.created_count == 1


def test_users_who_cannot_edit_cannot_import(client, ntt_staff, named_regions):
    client.force_login(ntt_staff)
    response = client.post("/impor/", {"kind": "ikm", "file": xlsx_upload([HEADER])})
    assert response.status_code == 403


def test_jobs_of_other_users_are_not_visible(client, alor_staff, belu_staff, named_regions, tenun):
    job = import_job_create(user=alor_staff, kind="ikm", upload=xlsx_upload([HEADER, ["9120001234567", "U", "Alor", None, "Kuneman", "Tenun ikat", 1]]))
    client.force_login(belu_staff)
    assert client.get(f"/impor/{job.pk}/").status_code == 404
    assert client.post(f"/impor/{job.pk}/simpan/", {"skip_refused": "on"}).status_code == 404
    assert job.rows.get().action == RowAction.CREATE
