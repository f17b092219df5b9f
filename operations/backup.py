"""Backup and restore of the database and the media files (`manage.py backup`, `restore`).

A backup is one folder, nec-backup-YYYYMMDD-HHMMSS/, holding:
- database.pgdump (PostgreSQL: pg_dump custom format) or database.sqlite3 (SQLite: a
  consistent copy made with SQLite's online backup API, safe while the site runs);
- media.tar.gz: everything under MEDIA_ROOT (documents, original images, renditions);
- manifest.json: engine, date, and an inventory (pages, revisions, translations,
  documents, images) that `restore` checks again once it has restored.
"""

import datetime
import hashlib
import json
import os
import shutil
import sqlite3
import subprocess
import tarfile
from pathlib import Path

from django.conf import settings
from django.db import connections

from caching.purge import request_purge

FORMAT_VERSION = 1


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


def _sha256(path):
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        for chunk in iter(lambda: handle.read(1024 * 1024), b""):
            digest.update(chunk)
    return digest.hexdigest()


def inventory():
    """What a restore must find again: every page (with its locale and translation key),
    revision, document and image, with a checksum of each file."""
    from wagtail.documents import get_document_model
    from wagtail.images import get_image_model
    from wagtail.models import Locale, Page, Revision

    def file_digest(field):
        try:
            return _sha256(field.path)
        except (OSError, ValueError, NotImplementedError):
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


def create_backup(destination, alias="default"):
    """Write a new backup folder under `destination` and return its path."""
    engine = _engine(alias)
    connection = connections[alias]
    stamp = datetime.datetime.now().strftime("%Y%m%d-%H%M%S")
    folder = Path(destination) / f"nec-backup-{stamp}"
    suffix = 1
    while folder.exists():
        suffix += 1
        folder = Path(destination) / f"nec-backup-{stamp}-{suffix}"
    folder.mkdir(parents=True)

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

    media_root = Path(settings.MEDIA_ROOT)
    with tarfile.open(folder / "media.tar.gz", "w:gz") as archive:
        if media_root.is_dir():
            for child in sorted(media_root.iterdir()):
                archive.add(child, arcname=child.name)

    manifest = {
        "format": FORMAT_VERSION,
        "created_at": datetime.datetime.now(datetime.UTC).isoformat(),
        "engine": engine,
        "database": database_file,
        "media": "media.tar.gz",
        "inventory": summary(inventory()),
    }
    (folder / "manifest.json").write_text(json.dumps(manifest, indent=2), encoding="utf-8")
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


def restore_backup(folder, alias="default", media=True):
    """Restore the database (into the configured one) and the media files of `folder`.
    Returns the inventory found after restoring."""
    folder = Path(folder)
    manifest = read_manifest(folder)
    engine = _engine(alias)
    if manifest["engine"] != engine:
        raise BackupError(
            f"This backup comes from {manifest['engine']}; the configured database is {engine}."
        )
    connection = connections[alias]
    database_file = folder / manifest["database"]
    settings_dict = dict(connection.settings_dict)
    connections.close_all()

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

    if media:
        media_root = Path(settings.MEDIA_ROOT)
        media_root.mkdir(parents=True, exist_ok=True)
        with tarfile.open(folder / manifest["media"], "r:gz") as archive:
            archive.extractall(media_root, filter="data")

    found = inventory()
    expected = manifest.get("inventory", {})
    if summary(found) != expected:
        raise BackupError(f"Restored content differs: {summary(found)} instead of {expected}")
    request_purge("restore")
    return found
