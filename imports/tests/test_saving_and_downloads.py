"""While saving, progress advances (visible to the job page before the commit ends); after saving, rows say
what was done; a large region's pre-filled workbook is built by the worker with progress, not in the request."""

import io
from unittest import mock

import openpyxl
import pytest
from django.core.management import call_command
from django.db import connection, connections

from core.testing.factories import IkmUnitFactory
from ikm.models import IkmUnit
from imports import engine
from imports.models import ImportJob, WorkbookJob
from imports.services import import_job_create, import_job_request_commit

from .conftest import xlsx_upload

HEADER = ["NIB", "Nama Usaha", "Desa/Kelurahan", "Komoditas", "Tenaga Kerja Perempuan"]


def rows(count, start=0):
    return [HEADER] + [[f"{9120000000000 + start + i}", f"Usaha {i}", "Kuneman", "Tenun ikat", 1] for i in range(count)]


@pytest.mark.skipif("connection.vendor != 'postgresql'")
@pytest.mark.django_db(transaction=True)
def test_progress_written_during_the_commit_is_visible_before_it_ends(alor_staff, named_regions, tenun):
    job = import_job_create(user=alor_staff, kind="ikm", upload=xlsx_upload(rows(30)))
    seen = []
    real = engine.records_bulk_create_from_json

    def chunk_then_look(**kwargs):
        created = real(**kwargs)
        other = connections.create_connection("default")  # another session, as the job page's request would be
        try:
            with other.cursor() as cursor:
                cursor.execute("SELECT processed_rows, total_rows, phase FROM imports_importjob WHERE id = %s", [job.pk])
                seen.append(cursor.fetchone())
        finally:
            other.close()
        return created

    with mock.patch.object(engine, "CREATE_CHUNK", 10), mock.patch.object(engine, "records_bulk_create_from_json", side_effect=chunk_then_look):
        job = import_job_request_commit(user=alor_staff, job=job)
    assert job.status == "done" and IkmUnit.objects.count() == 30
    # After the second chunk the first one's progress (10 of 30) had already reached other sessions.
    assert seen[1][:2] == (10, 30) and seen[2][:2] == (20, 30)


def test_on_sqlite_the_commit_reports_progress_through_a_file_the_status_view_reads(client, alor_staff, named_regions, tenun):
    """SQLite allows one writer: progress from inside the commit goes to a file the job page reads."""
    if connection.vendor == "postgresql":
        pytest.skip("PostgreSQL: the side connection (test above)")
    job = import_job_create(user=alor_staff, kind="ikm", upload=xlsx_upload(rows(30)))
    client.force_login(alor_staff)
    seen = []
    real = engine.records_bulk_upsert

    def write_then_look(**kwargs):
        result = real(**kwargs)
        seen.append(client.get(f"/impor/{job.pk}/status.json").json())
        return result

    with mock.patch.object(engine, "records_bulk_upsert", side_effect=write_then_look):
        job = import_job_request_commit(user=alor_staff, job=job)
    assert job.status == "done" and IkmUnit.objects.count() == 30
    assert seen[0]["running"] is True and seen[0]["phase"] == "Menyimpan perubahan" and seen[0]["total"] == 30


def test_after_saving_rows_say_what_was_done(client, alor_staff, named_regions, tenun):
    IkmUnitFactory(nib="9120000000000", name="Usaha 0", desa=named_regions, commodity=tenun, workers_female=5)
    job = import_job_create(user=alor_staff, kind="ikm", upload=xlsx_upload(rows(3)))
    client.force_login(alor_staff)
    before = client.get(f"/impor/{job.pk}/").content.decode()
    assert "Akan dibuat" in before and "Akan diubah" in before
    import_job_request_commit(user=alor_staff, job=job)
    after = client.get(f"/impor/{job.pk}/").content.decode()
    assert "Akan dibuat" not in after and "Akan diubah" not in after
    assert after.count('badge-import-create">Dibuat<') == 2 and after.count('badge-import-update">Diperbarui<') == 1


@pytest.mark.django_db(transaction=True)
def test_a_large_regions_prefilled_workbook_is_built_by_the_worker(client, alor_staff, belu_staff, named_regions, tenun, settings):
    settings.IMPORT_PREFILLED_DIRECT_MAX = 2
    for n in range(3):
        IkmUnitFactory(nib=f"912000000000{n}", name=f"Usaha {n}", desa=named_regions, commodity=tenun)
    client.force_login(alor_staff)
    response = client.get("/impor/isian/ikm.xlsx")
    job = WorkbookJob.objects.get()
    assert response.status_code == 302 and response["Location"] == f"/impor/isian/siap/{job.pk}/"
    page = client.get(response["Location"]).content.decode()
    assert 'id="job-progress"' in page and "imports/progress.js" in page
    assert client.get(f"/impor/isian/siap/{job.pk}/status.json").json()["running"] is True

    call_command("db_worker", batch=True, interval=0, verbosity=0)
    status = client.get(f"/impor/isian/siap/{job.pk}/status.json").json()
    assert (status["status"], status["running"], status["percent"], status["processed"]) == ("done", False, 100, 3)
    download = client.get(f"/impor/isian/siap/{job.pk}/unduh/")
    book = openpyxl.load_workbook(io.BytesIO(b"".join(download.streaming_content)))
    assert [row[1] for row in book["Data"].iter_rows(min_row=2, values_only=True)] == ["Usaha 0", "Usaha 1", "Usaha 2"]
    assert not job.file.name.endswith("isian-ikm.xlsx")  # stored under a random name, served only through the view

    client.force_login(belu_staff)
    assert client.get(f"/impor/isian/siap/{job.pk}/").status_code == 404
    assert client.get(f"/impor/isian/siap/{job.pk}/unduh/").status_code == 404


def test_a_small_regions_prefilled_workbook_comes_straight_away(client, alor_staff, named_regions, tenun):
    IkmUnitFactory(nib="9120000000001", desa=named_regions, commodity=tenun)
    client.force_login(alor_staff)
    response = client.get("/impor/isian/ikm.xlsx")
    assert response.status_code == 200 and WorkbookJob.objects.count() == 0
    assert ImportJob.objects.count() == 0
    assert connection.vendor in ("postgresql", "sqlite")
