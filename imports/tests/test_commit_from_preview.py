"""The commit writes the rows checked by the preview without reading the file again, and still refuses
(showing a fresh preview) when a record it would update, or a key it would create, moved in the meantime."""

from unittest import mock

import pytest

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
