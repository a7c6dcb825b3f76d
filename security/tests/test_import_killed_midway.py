"""A background import killed midway through its commit leaves no partial data and can be run again.

A SIGKILL cannot be sent to the test process itself; the equivalent is an exception that no handler catches
(SystemExit) thrown after every row was written but before the transaction commits: the database must roll
back all of it, exactly as PostgreSQL does when a killed worker's connection drops.
"""

from unittest import mock

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from core.testing.factories import CommodityFactory
from ikm.models import IkmUnit
from imports import engine
from imports.models import ImportStatus
from imports.services import import_job_commit, import_job_create, import_job_request_commit

from .catalogue_support import xlsx_bytes

HEADER = ["NIB", "Nama Usaha", "Kabupaten/Kota", "Kecamatan", "Desa/Kelurahan", "Komoditas"]


@pytest.fixture
def previewed_job(alor_staff):
    CommodityFactory(code="tenun-ikat", name="Tenun ikat")
    rows = [HEADER] + [
        [f"{9130000000000 + i}", f"Usaha Tenun {i}", "Kabupaten Alor", "Wilayah 53.05.03", "Wilayah 53.05.03.2001", "Tenun ikat"]
        for i in range(25)
    ]
    job = import_job_create(user=alor_staff, kind="ikm", upload=SimpleUploadedFile("data.xlsx", xlsx_bytes(rows)))
    assert job.status == ImportStatus.PREVIEW, job.messages
    assert job.created_count == 25
    return job


def killed_after_writing(*args, **kwargs):
    real_bulk_upsert(*args, **kwargs)
    raise SystemExit("worker killed")


real_bulk_upsert = engine.records_bulk_upsert


@pytest.mark.django_db(transaction=True)
def test_killed_commit_leaves_nothing_and_the_job_runs_again(alor_staff, previewed_job):
    with mock.patch.object(engine, "records_bulk_upsert", side_effect=killed_after_writing):
        with pytest.raises(SystemExit):
            import_job_request_commit(user=alor_staff, job=previewed_job)

    assert IkmUnit.all_objects.count() == 0
    assert IkmUnit.history.count() == 0  # no audit rows for writes that never happened

    # The worker's retry runs the same job again: everything is written once, with its audit trail.
    import_job_commit(job_id=previewed_job.pk)
    previewed_job.refresh_from_db()
    assert previewed_job.status == ImportStatus.DONE, previewed_job.messages
    assert IkmUnit.objects.count() == 25
    assert IkmUnit.history.count() == 25
