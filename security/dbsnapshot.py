"""Backup and restore of the whole database, and a fingerprint to prove a restore is faithful.

PostgreSQL uses pg_dump/pg_restore in the custom format (compressed, restorable table by table);
SQLite uses the sqlite3 online backup API (a consistent copy even while the app writes).
"""

import hashlib
import os
import shutil
import sqlite3
import subprocess

import dj_database_url
from django.core.management.base import CommandError
from django.utils.translation import gettext as _

PG_MAGIC = b"PGDMP"
SQLITE_MAGIC = b"SQLite format 3\x00"


def engine_of(settings_dict):
    engine = settings_dict["ENGINE"]
    if "postgresql" in engine:
        return "postgresql"
    if "sqlite" in engine:  # django.db.backends.sqlite3, or core.sqlite (keeps triggers on rebuilds)
        return "sqlite"
    raise CommandError(_("Basis data %(engine)s tidak didukung untuk cadangan.") % {"engine": engine})


def settings_from_url(url):
    return dj_database_url.parse(url)


def _pg_args(settings_dict):
    args = []
    for flag, key in (("--host", "HOST"), ("--port", "PORT"), ("--username", "USER")):
        if settings_dict.get(key):
            args += [flag, str(settings_dict[key])]
    return args


def _pg_env(settings_dict):
    env = dict(os.environ)
    if settings_dict.get("PASSWORD"):
        env["PGPASSWORD"] = settings_dict["PASSWORD"]
    return env


def _run(command, settings_dict):
    if shutil.which(command[0]) is None:
        raise CommandError(_("Program %(name)s tidak ditemukan; pasang klien PostgreSQL (paket postgresql-client).") % {"name": command[0]})
    result = subprocess.run(command, env=_pg_env(settings_dict), capture_output=True, text=True)
    if result.returncode != 0:
        raise CommandError(result.stderr.strip() or f"{command[0]} gagal (kode {result.returncode})")


def sqlite_path(settings_dict):
    """SQLite file name (or the shared in-memory URI that Django's test database uses)."""
    return str(settings_dict["NAME"])


def sqlite_connect(settings_dict):
    name = sqlite_path(settings_dict)
    return sqlite3.connect(name, uri=name.startswith("file:"))


def backup(settings_dict, output):
    kind = engine_of(settings_dict)
    if kind == "postgresql":
        _run(
            ["pg_dump", "--format=custom", "--no-owner", "--no-privileges", "--file", str(output), *_pg_args(settings_dict), settings_dict["NAME"]],
            settings_dict,
        )
    else:
        source = sqlite_connect(settings_dict)
        target = sqlite3.connect(str(output))
        try:
            source.backup(target)
        finally:
            target.close()
            source.close()
    return kind


def dump_kind(path):
    with open(path, "rb") as handle:
        head = handle.read(16)
    if head.startswith(PG_MAGIC):
        return "postgresql"
    if head == SQLITE_MAGIC:
        return "sqlite"
    raise CommandError(_("Berkas %(path)s bukan cadangan Registri Sentra IKM (PostgreSQL atau SQLite).") % {"path": path})


def table_names(settings_dict):
    kind = engine_of(settings_dict)
    if kind == "postgresql":
        with _pg_connect(settings_dict) as connection:
            rows = connection.execute(
                "SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' AND table_type = 'BASE TABLE'"
            ).fetchall()
    else:
        connection = sqlite_connect(settings_dict)
        try:
            rows = connection.execute("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'").fetchall()
        finally:
            connection.close()
    return sorted(row[0] for row in rows)


def restore(settings_dict, input_path):
    kind = engine_of(settings_dict)
    if dump_kind(input_path) != kind:
        raise CommandError(_("Cadangan ini dibuat dari basis data jenis lain; pulihkan ke basis data %(kind)s yang sama.") % {"kind": dump_kind(input_path)})
    if kind == "postgresql":
        _run(
            [
                "pg_restore", "--clean", "--if-exists", "--no-owner", "--no-privileges", "--single-transaction",
                "--exit-on-error", *_pg_args(settings_dict), "--dbname", settings_dict["NAME"], str(input_path),
            ],
            settings_dict,
        )
    else:
        source = sqlite3.connect(str(input_path))
        target = sqlite_connect(settings_dict)
        try:
            source.backup(target)
        finally:
            target.close()
            source.close()


def _pg_connect(settings_dict):
    import psycopg

    return psycopg.connect(
        dbname=settings_dict["NAME"], host=settings_dict.get("HOST") or None, port=settings_dict.get("PORT") or None,
        user=settings_dict.get("USER") or None, password=settings_dict.get("PASSWORD") or None,
    )


def fingerprints(settings_dict):
    """{table: (row count, sha256 of every row's content)} for every table, order-independent."""
    kind = engine_of(settings_dict)
    result = {}
    connection = _pg_connect(settings_dict) if kind == "postgresql" else sqlite_connect(settings_dict)
    try:
        if kind == "postgresql":
            connection.execute("SET TIME ZONE 'UTC'")
        for table in table_names(settings_dict):
            rows = connection.execute(f'SELECT * FROM "{table}"').fetchall()
            digest = hashlib.sha256()
            for line in sorted(repr(row) for row in rows):
                digest.update(line.encode())
            result[table] = (len(rows), digest.hexdigest())
    finally:
        connection.close()
    return result


def model_fingerprints(app_labels, *, exclude=()):
    """{model label: sha256 of all its rows} through Django's own connection, so it sees the rows of the
    transaction a test runs in (the functions above open a connection of their own). Auto-created tables
    (many-to-many links) and history tables are included: a refused write must leave the audit trail too."""
    from django.apps import apps

    result = {}
    for model in apps.get_models(include_auto_created=True):
        label = model._meta.label
        if model._meta.app_label not in app_labels or model._meta.proxy or label in exclude:
            continue
        rows = model._base_manager.order_by("pk").values_list()
        result[label] = hashlib.sha256(repr(list(rows)).encode()).hexdigest()
    return result
