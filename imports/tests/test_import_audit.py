"""A bulk import (COPY path on PostgreSQL, simple-history batches on SQLite) leaves one audit row per
created or updated record, with the uploader, and the values before and after can be read back."""

import pytest

from core.testing.factories import IkmUnitFactory
from ikm.models import IkmUnit
from imports.models import ImportStatus
from imports.services import import_job_create, import_job_request_commit

from .conftest import xlsx_upload

pytestmark = pytest.mark.django_db

HEADER = ["NIB", "Nama Usaha", "Kode Wilayah", "Komoditas", "Tenaga Kerja Laki-laki", "Nilai Investasi (Rp)"]


def test_import_audits_every_created_and_updated_unit(alor_staff, named_regions, tenun):
    stored = IkmUnitFactory(nib="9120000000001", name="Tenun Lama", desa=named_regions, commodity=tenun, workers_male=1, investment=5)
    rows = [HEADER,
            ["9120000000001", "Tenun Lama", "53.05.03.2001", "Tenun ikat", 6, 5],
            ["9120000000002", "Tenun Baru A", "53.05.03.2001", "Tenun ikat", 2, 1_000_000],
            ["9120000000003", "Tenun Baru B", "53.05.03.2001", "Tenun ikat", 3, 2_000_000]]
    job = import_job_create(user=alor_staff, kind="ikm", upload=xlsx_upload(rows))
    assert (job.created_count, job.updated_count) == (2, 1)
    job = import_job_request_commit(user=alor_staff, job=job)
    assert job.status == ImportStatus.DONE

    created = IkmUnit.objects.filter(nib__in=["9120000000002", "9120000000003"])
    assert created.count() == 2
    for unit in created:
        (audit,) = unit.history.all()
        assert (audit.history_type, audit.history_user, audit.version) == ("+", alor_staff, 1)
        assert (audit.name, audit.workers_male, audit.investment) == (unit.name, unit.workers_male, unit.investment)

    stored.refresh_from_db()
    assert (stored.workers_male, stored.version) == (6, 2)
    latest, previous = stored.history.order_by("-history_date", "-history_id")[:2]
    assert (latest.history_type, latest.history_user, latest.version) == ("~", alor_staff, 2)
    changes = {change.field: (change.old, change.new) for change in latest.diff_against(previous).changes}
    assert changes["workers_male"] == (1, 6)
    assert stored.history.count() == 2  # one for the factory create, one for the import: no more
