"""A backup archive: the database dump and every uploaded file (import uploads, exports, evidence), in one
tar file with a manifest of SHA-256 checksums, so a restore can prove it brought back exactly what was saved.

Layout: manifest.json, database.dump (PostgreSQL custom format) or database.sqlite3, media/<storage name>.
Files are read and written through Django's storage API, so S3-compatible storage works the same way.
"""

import hashlib
import io
import json
import tarfile
import time
from pathlib import Path

from django.core.files.base import File
from django.core.management.base import CommandError
from django.utils.translation import gettext as _

FORMAT = 1
DATABASE_MEMBER = {"postgresql": "database.dump", "sqlite": "database.sqlite3"}
CHUNK = 1024 * 1024


def storage_files(storage, folder=""):
    """Every file name in the storage, recursively."""
    try:
        folders, files = storage.listdir(folder)
    except (FileNotFoundError, NotADirectoryError):
        return
    prefix = f"{folder}/" if folder else ""
    for name in sorted(files):
        yield prefix + name
    for name in sorted(folders):
        yield from storage_files(storage, prefix + name)


def file_checksum(storage, name):
    digest = hashlib.sha256()
    with storage.open(name, "rb") as handle:
        while chunk := handle.read(CHUNK):
            digest.update(chunk)
    return digest.hexdigest()


def storage_checksums(storage):
    return {name: file_checksum(storage, name) for name in storage_files(storage)}


class _HashingReader:
    """Reads a storage file into the tar while computing its checksum (one pass, constant memory)."""

    def __init__(self, handle):
        self.handle, self.digest = handle, hashlib.sha256()

    def read(self, size=-1):
        chunk = self.handle.read(size)
        self.digest.update(chunk)
        return chunk


def _add_bytes(tar, name, data):
    info = tarfile.TarInfo(name)
    info.size, info.mtime = len(data), int(time.time())
    tar.addfile(info, io.BytesIO(data))


def write_archive(output, *, database_file, kind, storage=None):
    """Write database_file (a dump of kind) and, when storage is given, all its files into output."""
    files = {}
    with tarfile.open(output, "w") as tar:
        tar.add(database_file, arcname=DATABASE_MEMBER[kind])
        for name in storage_files(storage) if storage is not None else ():
            info = tarfile.TarInfo(f"media/{name}")
            info.size = storage.size(name)
            info.mtime = int(time.time())
            with storage.open(name, "rb") as handle:
                reader = _HashingReader(handle)
                tar.addfile(info, reader)
            files[name] = reader.digest.hexdigest()
        manifest = {"format": FORMAT, "database": kind, "media_included": storage is not None, "files": files}
        _add_bytes(tar, "manifest.json", json.dumps(manifest, indent=1, sort_keys=True).encode())
    return manifest


def is_archive(path):
    return tarfile.is_tarfile(path)


def read_manifest(tar):
    try:
        return json.load(tar.extractfile("manifest.json"))
    except KeyError as missing:
        raise CommandError(_("Arsip cadangan tanpa manifest.json: bukan cadangan Registri Sentra IKM.")) from missing


def extract_database(tar, manifest, folder):
    member = DATABASE_MEMBER[manifest["database"]]
    target = Path(folder) / member
    with tar.extractfile(member) as source, open(target, "wb") as handle:
        while chunk := source.read(CHUNK):
            handle.write(chunk)
    return target


def check_media_target(tar, manifest, storage, force):
    clashes = [name for name in manifest["files"] if storage.exists(name)]
    if clashes and not force:
        raise CommandError(
            _("Penyimpanan berkas tujuan sudah berisi %(count)d berkas dari cadangan ini (mis. %(name)s). "
              "Tambahkan --force untuk menimpanya.") % {"count": len(clashes), "name": clashes[0]}
        )


def restore_media(tar, manifest, storage):
    """Put every file back under its own name and check its checksum against the manifest."""
    for name, expected in manifest["files"].items():
        if storage.exists(name):
            storage.delete(name)
        with tar.extractfile(f"media/{name}") as source:
            saved = storage.save(name, File(source, name=name))
        if saved != name:
            raise CommandError(_("Berkas %(name)s tersimpan dengan nama lain (%(saved)s).") % {"name": name, "saved": saved})
        if file_checksum(storage, name) != expected:
            raise CommandError(_("Checksum berkas %(name)s tidak cocok dengan cadangan.") % {"name": name})
    return len(manifest["files"])
