"""The commit writes the rows checked by the preview without reading the file again, and still refuses
(showing a fresh preview) when a record it would update, or a key it would create, moved in the meantime."""

from decimal import Decimal
from unittest import mock

import pytest
from django.db import connection  # noqa: F401  (the skipif condition reads it)

from core.services import record_create, record_update
from core.testing.factories import IkmUnitFactory
from ikm.models import IkmUnit
from imports import engine
from imports.models import ImportStatus
from imports.services import import_job_create, import_job_request_commit

from .conftest import xlsx_upload

pytestmark = pytest.mark.django_db

HEADER = ["NIB", "Nama Usaha", "Kode Wilayah", "Komoditas", "Tenaga Kerja Laki-laki"]


@pytest.fixture
def stored(named_regions, tenun):
    return IkmUnitFactory(nib="9120000000001", name="Tenun Lama", desa=named_regions, commodity=tenun, workers_male=1)


def preview(user):
    rows = [HEADER, ["9120000000001", "Tenun Lama", "53.05.03.2001", "Tenun ikat", 6],
            ["9120000000002", "Tenun Baru", "53.05.03.2001", "Tenun ikat", 2]]
    job = import_job_create(user=user, kind="ikm", upload=xlsx_upload(rows))
    assert (job.created_count, job.updated_count) == (1, 1)
    return job


def test_commit_does_not_read_the_file_again(alor_staff, stored):
    job = preview(alor_staff)
    with mock.patch.object(engine, "read_plan_rows", side_effect=AssertionError("file read at commit")):
        job = import_job_request_commit(user=alor_staff, job=job)
    assert job.status == ImportStatus.DONE
    stored.refresh_from_db()
    assert (stored.workers_male, stored.version) == (6, 2)
    assert IkmUnit.objects.get(nib="9120000000002").workers_male == 2


def test_record_edited_after_preview_stops_the_commit(alor_staff, stored):
    job = preview(alor_staff)
    record_update(user=alor_staff, instance=stored, data={"workers_male": 3}, expected_version=1)
    job = import_job_request_commit(user=alor_staff, job=job)
    assert job.status == ImportStatus.PREVIEW and "berubah sejak pratinjau" in job.messages[-1]
    assert not IkmUnit.objects.filter(nib="9120000000002").exists()
    stored.refresh_from_db()
    assert (stored.workers_male, stored.version) == (3, 2)


def test_key_created_after_preview_stops_the_commit(alor_staff, stored, named_regions, tenun):
    job = preview(alor_staff)
    record_create(user=alor_staff, model=IkmUnit, data={"nib": "9120000000002", "name": "Rekan", "desa": named_regions, "commodity": tenun})
    job = import_job_request_commit(user=alor_staff, job=job)
    assert job.status == ImportStatus.PREVIEW and "berubah sejak pratinjau" in job.messages[-1]
    stored.refresh_from_db()
    assert (stored.workers_male, stored.version) == (1, 1)
    assert IkmUnit.objects.get(nib="9120000000002").name == "Rekan"


FULL_HEADER = [
    "NIB", "Nama Usaha", "Nama Pemilik", "Kode Wilayah", "Alamat", "Komoditas", "Produk", "Tenaga Kerja Laki-laki",
    "Tenaga Kerja Perempuan", "Nilai Investasi (Rp)", "Kapasitas Produksi per Tahun", "Satuan Kapasitas",
    "Nilai Produksi per Tahun (Rp)", "Omzet per Tahun (Rp)", "Tempat Produksi",
]
FULL_ROWS = [
    ["9120000000011", "Tenun Penuh", "Ina", "53.05.03.2001", "Jl. Kenari 1", "Tenun ikat", "Sarung", 2, 5, 25_000_000, "1.250,5",
     "lembar", 60_000_000, 55_000_000, "Di fasilitas sentra"],
    ["9120000000012", "Tenun Sedikit", None, "53.05.03.2001", None, "Tenun ikat", None, None, 3, None, None, None, None, None, None],
]
COMPARED = [field.attname for field in IkmUnit._meta.concrete_fields if field.attname not in ("id", "created_at", "updated_at")]


def _import_full(user):
    job = import_job_create(user=user, kind="ikm", upload=xlsx_upload([FULL_HEADER, *FULL_ROWS]))
    assert job.created_count == 2, job.messages
    assert import_job_request_commit(user=user, job=job).status == ImportStatus.DONE
    units = IkmUnit.objects.filter(nib__in=["9120000000011", "9120000000012"]).order_by("nib")
    stored = [[getattr(unit, name) for name in COMPARED] for unit in units]
    audit = [(h.history_type, h.history_user_id, h.history_change_reason, h.name) for h in IkmUnit.history.filter(nib__startswith="91200000000").order_by("nib")]
    return stored, audit


def test_rows_created_from_the_stored_preview_equal_rows_created_through_model_instances(alor_staff, named_regions, tenun):
    """On PostgreSQL new rows go from the stored JSON straight into the table (core.bulk.insert_from_json);
    they must come out exactly as the instance path makes them: every column, defaults for empty cells, audit."""
    with mock.patch.object(engine, "json_insert_supported", return_value=False):
        through_instances, audit_instances = _import_full(alor_staff)
    IkmUnit.all_objects.all().delete()
    IkmUnit.history.all().delete()
    straight, audit_straight = _import_full(alor_staff)
    assert straight == through_instances
    assert audit_straight == audit_instances == [("+", alor_staff.pk, "bulk create", "Tenun Penuh"), ("+", alor_staff.pk, "bulk create", "Tenun Sedikit")]
    full, sparse = straight
    assert full[COMPARED.index("production_capacity")] == Decimal("1250.50") and full[COMPARED.index("production_place")] == "sentra"
    assert sparse[COMPARED.index("workers_male")] == 0 and sparse[COMPARED.index("production_place")] == "rumah"
    assert sparse[COMPARED.index("owner_name")] == "" and sparse[COMPARED.index("version")] == 1


@pytest.mark.skipif("not connection.vendor == 'postgresql'")
def test_creating_from_json_refuses_a_region_outside_the_scope_and_writes_nothing(alor_staff, belu_staff, named_regions, tenun):
    from django.core.exceptions import PermissionDenied
    from django.db.models.fields.json import KeyTransform

    from core.services import records_bulk_create_from_json
    from imports.models import ImportRow

    job = import_job_create(user=alor_staff, kind="ikm", upload=xlsx_upload([FULL_HEADER, *FULL_ROWS]))
    rows = ImportRow.objects.filter(job=job, action="create").values_list(KeyTransform("data", "payload"))
    with pytest.raises(PermissionDenied):
        records_bulk_create_from_json(user=belu_staff, model=IkmUnit, rows=rows)
    assert not IkmUnit.objects.filter(nib__startswith="91200000000").exists()
    assert records_bulk_create_from_json(user=alor_staff, model=IkmUnit, rows=rows) == 2


def test_stored_rows_without_checked_values_fall_back_to_reading_the_file(alor_staff, stored):
    """A job previewed before checked values were stored (or whose rows went missing) is re-checked from the
    file, never written from empty values."""
    from imports.models import ImportRow

    job = preview(alor_staff)
    ImportRow.objects.filter(job=job, action="create").update(payload={})
    job = import_job_request_commit(user=alor_staff, job=job)
    assert job.status == ImportStatus.DONE
    created = IkmUnit.objects.get(nib="9120000000002")
    assert (created.name, created.workers_male) == ("Tenun Baru", 2)
