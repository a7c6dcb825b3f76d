"""The background worker really killed (SIGKILL) in the middle of an import commit (issue 12, point 11).

A real `manage.py db_worker` process takes the commit task, writes the first rows inside the commit's one
transaction and pauses there (core/testhooks.py, switched on only by SENTRA_TEST_PAUSE in the worker's
environment). The test kills the process with SIGKILL: no handler, no rollback code runs; the database drops
the transaction with the connection. Nothing of the import may be stored, and a new worker runs the same job
to the end afterwards, writing every row once with its audit trail.

The worker reads the database the test writes: on PostgreSQL the test database itself (this test commits), on
SQLite a file copy of the in-memory test database.
"""

import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest
from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection

from core.testing.factories import CommodityFactory
from imports.models import ImportStatus
from imports.services import import_job_create, import_job_request_commit

from .catalogue_support import xlsx_bytes

BASE_DIR = Path(settings.BASE_DIR)
HEADER = ["NIB", "Nama Usaha", "Kabupaten/Kota", "Kecamatan", "Desa/Kelurahan", "Komoditas"]
ROWS = 40


def database_url(tmp_path):
    """A URL another process can open onto the data this test wrote."""
    if connection.vendor == "postgresql":
        db = connection.settings_dict
        return f"postgres://{db['USER']}@{db['HOST'] or '127.0.0.1'}:{db['PORT'] or 5432}/{db['NAME']}"
    copy = tmp_path / "worker.sqlite3"
    target = sqlite3.connect(copy)
    connection.ensure_connection()
    connection.connection.backup(target)
    target.close()
    return f"sqlite:///{copy}"


def sql(url, statement):
    """Run one statement on the worker's database; the first column of the first row, if any."""
    if url.startswith("sqlite:///"):
        with sqlite3.connect(url.removeprefix("sqlite:///")) as db:
            row = db.execute(statement).fetchone()
    else:
        with connection.cursor() as cursor:
            cursor.execute(statement)
            row = cursor.fetchone() if cursor.description else None
    return row[0] if row else None


def count(url, table):
    return sql(url, f"SELECT COUNT(*) FROM {table}")


def rollup(url):
    return sql(url, "SELECT COUNT(*) || ':' || COALESCE(SUM(units), 0) FROM reports_ikmrollup")


def manage(url, media, *args, extra_env=None, wait=True):
    env = {**os.environ, "DATABASE_URL": url, "MEDIA_ROOT": str(media), "DJANGO_SETTINGS_MODULE": "config.settings", **(extra_env or {})}
    command = [sys.executable, str(BASE_DIR / "manage.py"), *args]
    if not wait:
        return subprocess.Popen(command, env=env, cwd=BASE_DIR, stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
    return subprocess.run(command, env=env, cwd=BASE_DIR, capture_output=True, text=True, timeout=180)


@pytest.mark.django_db(transaction=True)
def test_sigkill_of_the_worker_during_the_commit_leaves_nothing_and_the_import_runs_again(alor_staff, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    CommodityFactory(code="tenun-ikat", name="Tenun ikat")
    rows = [HEADER] + [
        [f"{9130000000000 + i}", f"Usaha Tenun {i}", "Kabupaten Alor", "Wilayah 53.05.03", "Wilayah 53.05.03.2001", "Tenun ikat"]
        for i in range(ROWS)
    ]
    job = import_job_create(user=alor_staff, kind="ikm", upload=SimpleUploadedFile("data.xlsx", xlsx_bytes(rows)))
    assert job.status == ImportStatus.PREVIEW and job.created_count == ROWS, job.messages
    settings.IMPORT_SYNC_MAX_BYTES = 0  # the commit goes to the background worker
    job = import_job_request_commit(user=alor_staff, job=job)
    assert job.status == ImportStatus.SAVING

    url = database_url(tmp_path)
    rollup_before = rollup(url)
    marker = tmp_path / "paused"
    worker = manage(url, tmp_path, "db_worker", "--batch", extra_env={"SENTRA_TEST_PAUSE": f"bulk-write:{marker}"}, wait=False)
    try:
        deadline = time.monotonic() + 120
        while not marker.exists():
            assert worker.poll() is None, worker.stdout.read().decode()[-3000:]
            assert time.monotonic() < deadline, "the worker never reached the commit"
            time.sleep(0.1)
        assert int(marker.read_text()) == worker.pid  # the rows are written, the transaction still open
        os.kill(worker.pid, signal.SIGKILL)
        assert worker.wait(timeout=30) == -signal.SIGKILL
    finally:
        if worker.poll() is None:
            worker.kill()

    assert count(url, "ikm_ikmunit") == 0
    assert count(url, "ikm_historicalikmunit") == 0  # no audit rows for writes that never happened
    assert rollup(url) == rollup_before  # the roll-up triggers' work went with them

    # The lost task is made ready again (what an operator does for a task whose worker died) and a new worker
    # runs the same job to the end: every row once, with its history.
    assert sql(url, "SELECT status FROM django_tasks_database_dbtaskresult") == "RUNNING"
    sql(url, "UPDATE django_tasks_database_dbtaskresult SET status = 'READY', started_at = NULL")
    finished = manage(url, tmp_path, "db_worker", "--batch")
    assert finished.returncode == 0, finished.stdout[-3000:] + finished.stderr[-3000:]
    assert sql(url, f"SELECT status FROM imports_importjob WHERE id = {job.pk}") == ImportStatus.DONE
    assert count(url, "ikm_ikmunit") == ROWS
    assert count(url, "ikm_historicalikmunit") == ROWS
