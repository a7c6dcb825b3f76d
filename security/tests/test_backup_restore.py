"""`manage.py backup` then `manage.py restore` into an empty database and an empty file storage gives back every
table, row for row, and every uploaded file, byte for byte (SHA-256)."""

import re
import sqlite3
import tarfile

import pytest
from django.core.management import call_command
from django.core.files.base import ContentFile
from django.core.files.storage import FileSystemStorage, default_storage
from django.core.management.base import CommandError
from django.db import connection

from core.testing.factories import IkmUnitFactory, SentraFactory
from ikm.services import ikm_update
from imports.models import ImportJob
from reports.models import ExportJob
from security import archive, dbsnapshot

pytestmark = pytest.mark.django_db(transaction=True)  # pg_dump runs in another process: data must be committed


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = str(tmp_path / "media")
    return tmp_path / "media"


@pytest.fixture
def uploaded_files(alor_staff):
    """What the registry keeps in its file storage: an import upload, an export file, a nested evidence file."""
    job = ImportJob(user=alor_staff, kind="ikm", original_name="unit ikm alor.xlsx", size_bytes=11)
    job.file.save("unit ikm alor.xlsx", ContentFile(b"PK\x03\x04 workbook"), save=False)
    job.save()
    export = ExportJob.objects.create(user=alor_staff, exporter="sentra", format="csv", status=ExportJob.Status.DONE)
    export.file_name = default_storage.save(f"exports/{export.pk}/sentra.csv", ContentFile("kode;nama\nA-1;Tenun\n".encode()))
    export.save(update_fields=["file_name"])
    default_storage.save("evidence/2026/11/foto kunjungan.jpg", ContentFile(bytes(range(256)) * 40))
    return job, export


@pytest.fixture
def registry(alor_staff):
    sentra = SentraFactory(name="Sentra Tenun Ikat Alor Kecil")
    units = IkmUnitFactory.create_batch(3)
    ikm_update(user=alor_staff, ikm=units[0], data={"name": "Tenun Ibu Maria"})  # adds a history row
    return sentra


@pytest.fixture
def empty_target(tmp_path):
    """A brand-new empty database of the same kind as the one under test; dropped afterwards."""
    source = connection.settings_dict
    if connection.vendor == "postgresql":
        name = f"{source['NAME']}_restore"
        admin = dbsnapshot._pg_connect({**source, "NAME": "postgres"})
        admin.autocommit = True
        admin.execute(f'DROP DATABASE IF EXISTS "{name}"')
        admin.execute(f'CREATE DATABASE "{name}"')
        yield {**source, "NAME": name}, _pg_url({**source, "NAME": name})
        admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        admin.close()
    else:
        path = tmp_path / "restored.sqlite3"
        yield {"ENGINE": "django.db.backends.sqlite3", "NAME": str(path)}, f"sqlite:///{path}"


def _pg_url(settings_dict):
    auth = settings_dict.get("USER") or ""
    if settings_dict.get("PASSWORD"):
        auth += f":{settings_dict['PASSWORD']}"
    host = f"{settings_dict.get('HOST') or '127.0.0.1'}:{settings_dict.get('PORT') or 5432}"
    return f"postgres://{auth}@{host}/{settings_dict['NAME']}"


def test_restore_into_an_empty_database_and_storage_is_identical(registry, uploaded_files, empty_target, tmp_path):
    dump = tmp_path / "cadangan.tar"
    call_command("backup", output=str(dump))
    target_settings, target_url = empty_target
    assert dbsnapshot.table_names(target_settings) == []
    restored_media = tmp_path / "restored-media"

    call_command("restore", input=str(dump), database_url=target_url, media_root=str(restored_media))

    before = dbsnapshot.fingerprints(connection.settings_dict)
    after = dbsnapshot.fingerprints(target_settings)
    assert set(after) == set(before)
    assert len(before) > 40  # every app's tables, their history tables and Django's own
    assert after == before
    assert before["sentra_sentra"][0] == 1
    assert before["ikm_historicalikmunit"][0] >= 1
    assert before["imports_importjob"][0] == 1 and before["reports_exportjob"][0] == 1

    saved = archive.storage_checksums(default_storage)
    assert len(saved) == 3 and uploaded_files[0].file.name in saved and uploaded_files[1].file_name in saved
    assert archive.storage_checksums(FileSystemStorage(location=str(restored_media))) == saved


def test_restore_refuses_to_overwrite_files_without_force_and_leaves_the_database_alone(
    registry, uploaded_files, empty_target, tmp_path
):
    dump = tmp_path / "cadangan.tar"
    call_command("backup", output=str(dump))
    target_settings, target_url = empty_target
    with pytest.raises(CommandError, match="--force"):
        call_command("restore", input=str(dump), database_url=target_url)  # the live storage holds these files
    assert dbsnapshot.table_names(target_settings) == []


def test_backup_without_media_leaves_the_files_to_storage_side_backup(registry, uploaded_files, tmp_path):
    dump = tmp_path / "cadangan.tar"
    call_command("backup", output=str(dump), no_media=True)
    with tarfile.open(dump) as tar:
        assert not [name for name in tar.getnames() if name.startswith("media/")]
        assert archive.read_manifest(tar)["media_included"] is False


def test_restore_refuses_a_non_empty_database_without_force(registry, tmp_path):
    dump = tmp_path / "cadangan.tar"
    call_command("backup", output=str(dump))
    with pytest.raises(CommandError, match="sudah berisi tabel"):
        call_command("restore", input=str(dump))


def test_restore_refuses_a_file_that_is_not_a_backup(tmp_path, db):
    bogus = tmp_path / "bukan-cadangan.dump"
    bogus.write_bytes(b"PK\x03\x04 not a dump")
    with pytest.raises(CommandError, match="bukan cadangan"):
        call_command("restore", input=str(bogus), database_url=f"sqlite:///{tmp_path / 'x.sqlite3'}")


def test_sqlite_backup_is_a_valid_sqlite_file(registry, tmp_path):
    if connection.vendor != "sqlite":
        pytest.skip("SQLite format only")
    dump = tmp_path / "cadangan.tar"
    call_command("backup", output=str(dump))
    with tarfile.open(dump) as tar:
        tar.extract("database.sqlite3", tmp_path, filter="data")
    with sqlite3.connect(tmp_path / "database.sqlite3") as copy:
        # CHECK constraints use REGEXP, which Django provides to its own SQLite connections.
        copy.create_function("REGEXP", 2, lambda pattern, value: value is not None and re.search(pattern, value) is not None)
        assert copy.execute("PRAGMA integrity_check").fetchone() == ("ok",)
