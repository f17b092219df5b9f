"""Backup and restore of the database and the media files (`manage.py backup`, `restore`).

A backup is one folder, nec-backup-YYYYMMDD-HHMMSS/, readable by its owner only (it holds
password hashes and sessions), holding:
- database.pgdump (PostgreSQL: pg_dump custom format) or database.sqlite3 (SQLite: a
  consistent copy made with SQLite's online backup API, safe while the site runs);
- media.tar.gz: every media file (documents, original images, renditions), from MEDIA_ROOT
  or from the bucket of object storage (NEC_S3_BUCKET), whichever holds them;
- manifest.json: engine, date, the SHA-256 of both files and of every media file, and an
  inventory (pages, revisions, translations, documents and images with their files'
  checksums).

`restore` verifies everything it can before it touches anything: both files' checksums,
the whole media archive read through (a truncated one fails here), each media file's
checksum, and that every document and image has its file. It unpacks the media into a
staging folder, replaces the database, moves the media into place, then checks the
inventory again, file checksums included. With object storage there is no folder to stage
in: the files are written to the bucket under their own names before the database is
replaced (only adding or rewriting the backup's own files), then checked the same way.
"""

import datetime
import hashlib
import json
import os
import shutil
import sqlite3
import subprocess
import tarfile
import tempfile
import zlib
from pathlib import Path

from django.conf import settings
from django.core.files import File
from django.core.files.storage import FileSystemStorage, default_storage, storages
from django.db import connections

from caching.purge import request_purge

FORMAT_VERSION = 2
PRIVATE_FOLDER = 0o700
PRIVATE_FILE = 0o600


class BackupError(Exception):
    pass


def _engine(alias="default"):
    vendor = connections[alias].vendor
    if vendor not in {"postgresql", "sqlite"}:
        raise BackupError(f"Unsupported database engine: {vendor}")
    return vendor


def _pg_env(settings_dict):
    """libpq environment for pg_dump/pg_restore: the password never appears on a command line."""
    env = dict(os.environ)
    mapping = {
        "PGHOST": settings_dict.get("HOST"),
        "PGPORT": settings_dict.get("PORT"),
        "PGUSER": settings_dict.get("USER"),
        "PGPASSWORD": settings_dict.get("PASSWORD"),
        "PGDATABASE": settings_dict.get("NAME"),
        "PGSSLMODE": (settings_dict.get("OPTIONS") or {}).get("sslmode"),
    }
    env.update({key: str(value) for key, value in mapping.items() if value})
    return env


def _pg_tool(name):
    folder = os.environ.get("NEC_PG_BIN_DIR")
    path = str(Path(folder) / name) if folder else shutil.which(name)
    if not path:
        raise BackupError(f"{name} not found: install postgresql-client or set NEC_PG_BIN_DIR.")
    return path


def _run(command, env):
    # The command is built here from fixed arguments and the project's own paths.
    result = subprocess.run(command, env=env, capture_output=True, text=True, check=False)  # noqa: S603
    if result.returncode != 0:
        raise BackupError(f"{Path(command[0]).name} failed: {result.stderr.strip()[-2000:]}")


def _sha256_of(handle):
    digest = hashlib.sha256()
    for chunk in iter(lambda: handle.read(1024 * 1024), b""):
        digest.update(chunk)
    return digest.hexdigest()


def _sha256(path):
    with open(path, "rb") as handle:
        return _sha256_of(handle)


def inventory():
    """What a restore must find again: every page (with its locale and translation key),
    revision, document and image, with a checksum of each file."""
    from wagtail.documents import get_document_model
    from wagtail.images import get_image_model
    from wagtail.models import Locale, Page, Revision

    def file_digest(field):
        try:
            with field.storage.open(field.name, "rb") as handle:
                return _sha256_of(handle)
        except Exception:  # noqa: BLE001 - any storage's "missing" or "unreadable"
            return None

    pages = [
        [str(key), language, url_path, live, title, revision_id]
        for key, language, url_path, live, title, revision_id in Page.objects.order_by(
            "path"
        ).values_list(
            "translation_key",
            "locale__language_code",
            "url_path",
            "live",
            "title",
            "latest_revision_id",
        )
    ]
    translated_keys = {page[0] for page in pages if page[1] != settings.LANGUAGE_CODE}
    documents = [
        [doc.title, doc.file.name, file_digest(doc.file)]
        for doc in get_document_model().objects.order_by("pk")
    ]
    images = [
        [image.title, image.file.name, file_digest(image.file)]
        for image in get_image_model().objects.order_by("pk")
    ]
    revisions = [
        [str(ct), object_id, created_at.isoformat()]
        for ct, object_id, created_at in Revision.objects.order_by("pk").values_list(
            "content_type_id", "object_id", "created_at"
        )
    ]
    return {
        "locales": sorted(Locale.objects.values_list("language_code", flat=True)),
        "pages": pages,
        "translations": len(translated_keys),
        "revisions": revisions,
        "documents": documents,
        "images": images,
    }


def summary(data):
    return {key: len(value) if isinstance(value, list) else value for key, value in data.items()}


def _local_media():
    """Whether media are files under MEDIA_ROOT (else object storage)."""
    return isinstance(storages["default"], FileSystemStorage)


def _media_members(media_root):
    """(path inside the archive, file) of every file under MEDIA_ROOT, sorted."""
    if not media_root.is_dir():
        return []
    return sorted(
        (path.relative_to(media_root).as_posix(), path)
        for path in media_root.rglob("*")
        if path.is_file() and not path.is_symlink()
    )


def _stored_names(storage, folder=""):
    """Every file name in `storage` (object storage: its bucket, under its prefix), sorted."""
    directories, files = storage.listdir(folder)
    names = [f"{folder}{name}" for name in files]
    for directory in directories:
        names += _stored_names(storage, f"{folder}{directory}/")
    return sorted(names)


def _archive_media(archive):
    """Add every media file to `archive`; {name: SHA-256}."""
    digests = {}
    if _local_media():
        for name, path in _media_members(Path(settings.MEDIA_ROOT)):
            digests[name] = _sha256(path)
            archive.add(path, arcname=name, recursive=False)
        return digests
    for name in _stored_names(default_storage):
        with tempfile.TemporaryFile() as copy:
            with default_storage.open(name, "rb") as handle:
                shutil.copyfileobj(handle, copy, 1024 * 1024)
            size = copy.tell()
            copy.seek(0)
            digests[name] = _sha256_of(copy)
            copy.seek(0)
            member = tarfile.TarInfo(name)
            member.size = size
            member.mode = 0o644
            member.mtime = int(datetime.datetime.now().timestamp())
            archive.addfile(member, copy)
    return digests


def _missing_files(data):
    """The documents and images whose file could not be read."""
    return [
        f"{title} ({name})"
        for title, name, digest in data["documents"] + data["images"]
        if not digest
    ]


def create_backup(destination, alias="default"):
    """Write a new backup folder under `destination` and return its path. Refused when a
    document or image has lost its file: such a backup could never restore that file."""
    engine = _engine(alias)
    connection = connections[alias]
    found = inventory()
    missing = _missing_files(found)
    if missing:
        raise BackupError("Fichiers introuvables dans les médias : " + ", ".join(missing))
    stamp = datetime.datetime.now().strftime("%Y%m%d-%H%M%S")
    folder = Path(destination) / f"nec-backup-{stamp}"
    suffix = 1
    while folder.exists():
        suffix += 1
        folder = Path(destination) / f"nec-backup-{stamp}-{suffix}"
    folder.mkdir(parents=True, mode=PRIVATE_FOLDER)
    folder.chmod(PRIVATE_FOLDER)  # mkdir's mode goes through the umask

    if engine == "postgresql":
        database_file = "database.pgdump"
        _run(
            [
                _pg_tool("pg_dump"),
                "--format=custom",
                "--no-owner",
                "--no-privileges",
                f"--file={folder / database_file}",
            ],
            _pg_env(connection.settings_dict),
        )
    else:
        database_file = "database.sqlite3"
        connection.ensure_connection()
        target = sqlite3.connect(folder / database_file)
        try:
            connection.connection.backup(target)
        finally:
            target.close()

    with tarfile.open(folder / "media.tar.gz", "w:gz") as archive:
        media_files = _archive_media(archive)

    manifest = {
        "format": FORMAT_VERSION,
        "created_at": datetime.datetime.now(datetime.UTC).isoformat(),
        "engine": engine,
        "database": database_file,
        "media": "media.tar.gz",
        "checksums": {name: _sha256(folder / name) for name in (database_file, "media.tar.gz")},
        "media_files": media_files,
        "inventory": summary(found),
        "files": {"documents": found["documents"], "images": found["images"]},
    }
    (folder / "manifest.json").write_text(json.dumps(manifest, indent=2), encoding="utf-8")
    for path in folder.iterdir():
        path.chmod(PRIVATE_FILE)
    return folder


def read_manifest(folder):
    path = Path(folder) / "manifest.json"
    try:
        manifest = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as error:
        raise BackupError(f"{path} is missing or unreadable: {error}") from error
    if manifest.get("format") != FORMAT_VERSION:
        raise BackupError(f"Unknown backup format: {manifest.get('format')!r}")
    return manifest


def verify_backup(folder, manifest, media=True):
    """Refuse a backup that is incomplete or altered, before anything is touched: the
    database file's and the media archive's checksums, the archive read through to its
    end, each media file's checksum, and the file of every document and image."""
    folder = Path(folder)
    names = [manifest["database"]] + ([manifest["media"]] if media else [])
    for name in names:
        expected = manifest["checksums"].get(name)
        try:
            actual = _sha256(folder / name)
        except OSError as error:
            raise BackupError(f"{name} est illisible : {error}") from error
        if actual != expected:
            raise BackupError(f"{name} est altéré ou tronqué : sa somme de contrôle diffère.")
    if not media:
        return
    found = {}
    try:
        with tarfile.open(folder / manifest["media"], "r:gz") as archive:
            for member in archive:
                if not member.isfile():
                    continue
                found[member.name] = _sha256_of(archive.extractfile(member))
    except (tarfile.TarError, EOFError, OSError, zlib.error) as error:
        raise BackupError(f"{manifest['media']} est illisible ou tronqué : {error}") from error
    if found != manifest["media_files"]:
        differing = sorted(
            name
            for name in set(found) | set(manifest["media_files"])
            if found.get(name) != manifest["media_files"].get(name)
        )
        raise BackupError("Fichiers de médias absents ou altérés : " + ", ".join(differing[:20]))
    for title, name, digest in manifest["files"]["documents"] + manifest["files"]["images"]:
        if found.get(name) != digest:
            raise BackupError(f"Le fichier de « {title} » ({name}) manque à la sauvegarde.")


def _unpack_media(folder, manifest, media_root):
    """The media, unpacked into a staging folder beside them (same file system)."""
    media_root.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=".restauration-", dir=media_root))
    try:
        with tarfile.open(folder / manifest["media"], "r:gz") as archive:
            archive.extractall(staging, filter="data")
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    return staging


def _upload_media(folder, manifest):
    """Write each file of the archive to object storage under its own name."""
    storage = default_storage
    with tarfile.open(folder / manifest["media"], "r:gz") as archive:
        for member in archive:
            if not member.isfile():
                continue
            if storage.exists(member.name):
                storage.delete(member.name)
            saved = storage.save(member.name, File(archive.extractfile(member), member.name))
            if saved != member.name:
                raise BackupError(f"{member.name} a été enregistré sous un autre nom : {saved}")


def _move_media(staging, media_root):
    for name in sorted(name for name in staging.rglob("*") if name.is_file()):
        target = media_root / name.relative_to(staging)
        target.parent.mkdir(parents=True, exist_ok=True)
        os.replace(name, target)
    shutil.rmtree(staging, ignore_errors=True)


def restore_backup(folder, alias="default", media=True):
    """Restore the database (into the configured one) and the media files of `folder`,
    once verified (`verify_backup`). Returns the inventory found after restoring."""
    folder = Path(folder)
    manifest = read_manifest(folder)
    engine = _engine(alias)
    if manifest["engine"] != engine:
        raise BackupError(
            f"This backup comes from {manifest['engine']}; the configured database is {engine}."
        )
    verify_backup(folder, manifest, media=media)
    media_root = Path(settings.MEDIA_ROOT)
    staging = None
    if media and _local_media():
        staging = _unpack_media(folder, manifest, media_root)
    elif media:
        _upload_media(folder, manifest)

    connection = connections[alias]
    database_file = folder / manifest["database"]
    settings_dict = dict(connection.settings_dict)
    connections.close_all()
    try:
        if engine == "postgresql":
            _run(
                [
                    _pg_tool("pg_restore"),
                    "--clean",
                    "--if-exists",
                    "--no-owner",
                    "--no-privileges",
                    "--single-transaction",
                    "--exit-on-error",
                    f"--dbname={settings_dict['NAME']}",
                    str(database_file),
                ],
                _pg_env(settings_dict),
            )
        else:
            source = sqlite3.connect(database_file)
            target = sqlite3.connect(settings_dict["NAME"])
            try:
                source.backup(target)
            finally:
                source.close()
                target.close()
    except BaseException:
        if staging is not None:
            shutil.rmtree(staging, ignore_errors=True)
        raise
    if staging is not None:
        _move_media(staging, media_root)

    found = inventory()
    expected = manifest.get("inventory", {})
    if summary(found) != expected:
        raise BackupError(f"Restored content differs: {summary(found)} instead of {expected}")
    if media and (
        found["documents"] != manifest["files"]["documents"]
        or found["images"] != manifest["files"]["images"]
    ):
        raise BackupError("Restored files differ from the backup's (checksums).")
    request_purge("restore")
    return found
