"""`manage.py backup` then `manage.py restore` into an empty database gives back every table, row for row."""

import re
import sqlite3

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import connection

from core.testing.factories import IkmUnitFactory, SentraFactory
from ikm.services import ikm_update
from security import dbsnapshot

pytestmark = pytest.mark.django_db(transaction=True)  # pg_dump runs in another process: data must be committed


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


def test_restore_into_an_empty_database_is_identical(registry, empty_target, tmp_path):
    dump = tmp_path / "cadangan.dump"
    call_command("backup", output=str(dump))
    target_settings, target_url = empty_target
    assert dbsnapshot.table_names(target_settings) == []

    call_command("restore", input=str(dump), database_url=target_url)

    before = dbsnapshot.fingerprints(connection.settings_dict)
    after = dbsnapshot.fingerprints(target_settings)
    assert set(after) == set(before)
    assert len(before) > 40  # every app's tables, their history tables and Django's own
    assert after == before
    assert before["sentra_sentra"][0] == 1
    assert before["ikm_historicalikmunit"][0] >= 1


def test_restore_refuses_a_non_empty_database_without_force(registry, tmp_path):
    dump = tmp_path / "cadangan.dump"
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
    dump = tmp_path / "cadangan.sqlite3"
    call_command("backup", output=str(dump))
    with sqlite3.connect(dump) as copy:
        # CHECK constraints use REGEXP, which Django provides to its own SQLite connections.
        copy.create_function("REGEXP", 2, lambda pattern, value: value is not None and re.search(pattern, value) is not None)
        assert copy.execute("PRAGMA integrity_check").fetchone() == ("ok",)
