"""`manage.py backup` then `manage.py restore` into a fresh database finds every page,
revision, translation, document and image again, files included — on the engine the suite
runs on (PostgreSQL in CI: pg_dump/pg_restore into scratch databases; SQLite: file copies).

The databases and media folders involved are scratch ones, in subprocesses: the shared test
database is only read (its seed content is the starting point)."""

import json
import os
import shutil
import stat
import subprocess
import sys
import tarfile
import uuid
from contextlib import contextmanager
from pathlib import Path
from urllib.parse import quote

import pytest
from django.conf import settings
from django.db import connection

from operations.backup import BackupError, create_backup, read_manifest

# The full backup is made once for the module, on one pytest-xdist worker.
pytestmark = [pytest.mark.django_db, pytest.mark.xdist_group("backup")]

ROOT = Path(settings.BASE_DIR)

SOURCE_SCRIPT = """
import json, sys
import django
django.setup()
from django.core.files.base import ContentFile
from django.core.management import call_command
from wagtail.documents.models import Document
from wagtail.images.models import Image
from wagtail.images.tests.utils import get_test_image_file
from wagtail.models import Locale
from home.models import CharterPage
from operations.backup import create_backup, inventory

seed, destination = sys.argv[1], sys.argv[2]
call_command("restore", seed, interactive=False, verbosity=0)

english, _ = Locale.objects.get_or_create(language_code="en")
charter = CharterPage.objects.get(locale__language_code="fr")
if not charter.get_translations().filter(locale=english).exists():
    translation = charter.copy_for_translation(english, copy_parents=True)
    translation.save_revision().publish()
charter.title = "Charte : brouillon en cours"
charter.save_revision()  # a draft revision, not published
Document.objects.create(title="Kit d’animation", file=ContentFile(b"%PDF-1.4 kit", name="kit.pdf"))
Image.objects.create(title="Salle plénière", file=get_test_image_file())

folder = create_backup(destination)
print(json.dumps({"folder": str(folder), "inventory": inventory()}))
"""

TARGET_SCRIPT = """
import json, sys
import django
django.setup()
from django.core.management import call_command
from operations.backup import inventory

call_command("restore", sys.argv[1], interactive=False, verbosity=0)
print(json.dumps(inventory()))
"""


def postgres_url(name):
    params = connection.settings_dict
    credentials = quote(params["USER"] or "", safe="")
    if params.get("PASSWORD"):
        credentials += ":" + quote(params["PASSWORD"], safe="")
    host = params.get("HOST") or "127.0.0.1"
    port = params.get("PORT") or 5432
    return f"postgres://{credentials}@{host}:{port}/{name}"


@contextmanager
def scratch_database(tmp_path, label):
    """A database that does not exist yet: restore must build it from nothing."""
    if connection.vendor == "sqlite":
        yield f"sqlite:///{tmp_path / f'{label}.sqlite3'}"
        return
    import psycopg

    name = f"nec_backup_{label}_{uuid.uuid4().hex[:8]}"
    params = connection.settings_dict
    admin = psycopg.connect(
        host=params.get("HOST") or "127.0.0.1",
        port=params.get("PORT") or 5432,
        user=params.get("USER"),
        password=params.get("PASSWORD") or None,
        dbname="postgres",
        autocommit=True,
    )
    try:
        admin.execute(f'CREATE DATABASE "{name}"')
        yield postgres_url(name)
    finally:
        admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        admin.close()


def run_script(script, database_url, *args, env=None):
    """Run `script` in a process of its own on `database_url`; `env` adds to its environment
    (object storage, say)."""
    extra = env or {}
    env = {key: value for key, value in os.environ.items() if key != "DJANGO_SETTINGS_MODULE"}
    env.update(DJANGO_SETTINGS_MODULE="nec_cms.settings.test", DATABASE_URL=database_url)
    env.pop("REDIS_URL", None)
    env.update(extra)
    result = subprocess.run(  # noqa: S603 - our own interpreter and script
        [sys.executable, "-c", script, *map(str, args)],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert result.returncode == 0, result.stderr[-4000:]
    return json.loads(result.stdout.strip().splitlines()[-1])


def test_backup_then_restore_into_a_fresh_database_finds_everything(tmp_path):
    seed = create_backup(tmp_path / "seed")  # the test database's seed content
    manifest = read_manifest(seed)
    assert manifest["engine"] == connection.vendor
    assert manifest["inventory"]["pages"] > 10

    with (
        scratch_database(tmp_path, "source") as source_url,
        scratch_database(tmp_path, "target") as target_url,
    ):
        source = run_script(SOURCE_SCRIPT, source_url, seed, tmp_path / "full")
        restored = run_script(TARGET_SCRIPT, target_url, source["folder"])

    expected = source["inventory"]
    assert expected["translations"] >= 1
    assert "en" in expected["locales"]
    assert [doc[0] for doc in expected["documents"]] == ["Kit d’animation"]
    assert len(expected["images"]) == 1
    assert all(item[2] for item in expected["documents"] + expected["images"]), "files exist"
    assert len(expected["revisions"]) > len(expected["pages"]) // 2
    # Every page (locale, translation key, path, title, latest revision), every revision,
    # every document and image with the same file content.
    for key in ("locales", "pages", "translations", "revisions", "documents", "images"):
        assert restored[key] == expected[key], key


REFUSED_SCRIPT = """
import json, sys
from pathlib import Path
import django
django.setup()
from django.conf import settings
from django.core.management import CommandError, call_command
from django.db import connection

try:
    call_command("restore", sys.argv[1], interactive=False, verbosity=0)
    error = None
except CommandError as refused:
    error = str(refused)
media = [str(path) for path in Path(settings.MEDIA_ROOT).rglob("*")]
tables = connection.introspection.table_names()
print(json.dumps({"error": error, "tables": tables, "media": media}))
"""


def run_refused(database_url, folder):
    return run_script(REFUSED_SCRIPT, database_url, folder)


@pytest.fixture(scope="module")
def full_backup(tmp_path_factory, django_db_setup, django_db_blocker):
    """A backup with a translation, a draft, a document and an image (SOURCE_SCRIPT)."""
    tmp_path = tmp_path_factory.mktemp("full-backup")
    with django_db_blocker.unblock():
        seed = create_backup(tmp_path / "seed")
        with scratch_database(tmp_path, "full") as source_url:
            source = run_script(SOURCE_SCRIPT, source_url, seed, tmp_path / "full")
    return Path(source["folder"])


def altered_copy(folder, tmp_path, alter, rewrite_manifest=False):
    """A copy of the backup `folder` changed by `alter(copy)`; with `rewrite_manifest`, the
    manifest's checksums of the database and archive are made to match again, as a careless
    repair would, so that only the deeper checks are left to notice."""
    copy = tmp_path / folder.name
    shutil.copytree(folder, copy)
    alter(copy)
    if rewrite_manifest:
        from operations.backup import _sha256

        manifest = json.loads((copy / "manifest.json").read_text())
        for name in manifest["checksums"]:
            manifest["checksums"][name] = _sha256(copy / name)
        (copy / "manifest.json").write_text(json.dumps(manifest))
    return copy


def cut(fraction):
    def alter(copy):
        archive = copy / "media.tar.gz"
        data = archive.read_bytes()
        archive.write_bytes(data[: int(len(data) * fraction)])

    return alter


def without_the_document(copy):
    """The archive rebuilt without the document's file, its inventory entry removed too."""
    manifest = json.loads((copy / "manifest.json").read_text())
    document = manifest["files"]["documents"][0][1]
    source = copy / "media.tar.gz"
    rebuilt = copy / "rebuilt.tar.gz"
    with tarfile.open(source) as old, tarfile.open(rebuilt, "w:gz") as new:
        for member in old:
            if member.name != document:
                new.addfile(member, old.extractfile(member) if member.isfile() else None)
    rebuilt.replace(source)
    del manifest["media_files"][document]
    (copy / "manifest.json").write_text(json.dumps(manifest))


def flipped_database(copy):
    manifest = json.loads((copy / "manifest.json").read_text())
    dump = copy / manifest["database"]
    data = bytearray(dump.read_bytes())
    data[len(data) // 2] ^= 0xFF
    dump.write_bytes(bytes(data))


@pytest.mark.parametrize(
    ("alter", "rewrite_manifest", "said"),
    [
        (cut(0.6), False, "media.tar.gz est altéré ou tronqué"),
        (cut(0.6), True, "media.tar.gz est illisible ou tronqué"),
        (without_the_document, True, "manque à la sauvegarde"),
        (flipped_database, False, "est altéré ou tronqué"),
    ],
    ids=["archive cut at 60 %", "cut, manifest rewritten", "a document's file", "database"],
)
def test_an_altered_backup_is_refused_before_anything_is_touched(
    full_backup, tmp_path, alter, rewrite_manifest, said
):
    folder = altered_copy(full_backup, tmp_path, alter, rewrite_manifest)
    with scratch_database(tmp_path, "refused") as target_url:
        result = run_refused(target_url, folder)
    assert result["error"] and said in result["error"], result["error"]
    # Refused before the database or the media were touched: both are still empty.
    assert result["tables"] == []
    assert result["media"] == []


def test_a_backup_is_readable_by_its_owner_only(full_backup):
    """It holds password hashes and sessions."""
    assert stat.S_IMODE(full_backup.stat().st_mode) == 0o700
    for path in full_backup.iterdir():
        assert stat.S_IMODE(path.stat().st_mode) == 0o600, path.name


def test_a_backup_lists_every_media_file_with_its_checksum(full_backup):
    manifest = read_manifest(full_backup)
    with tarfile.open(full_backup / "media.tar.gz") as archive:
        names = {member.name for member in archive if member.isfile()}
    assert names == set(manifest["media_files"])
    document = manifest["files"]["documents"][0]
    assert manifest["media_files"][document[1]] == document[2]


def test_a_backup_is_refused_when_a_document_has_lost_its_file(tmp_path, settings):
    from django.core.files.base import ContentFile
    from wagtail.documents.models import Document

    settings.MEDIA_ROOT = tmp_path / "media"
    document = Document.objects.create(
        title="Compte rendu", file=ContentFile(b"%PDF-1.4 cr", name="compte-rendu.pdf")
    )
    Path(document.file.path).unlink()
    with pytest.raises(BackupError, match="Compte rendu"):
        create_backup(tmp_path / "backups")
    assert not list((tmp_path / "backups").glob("nec-backup-*"))


def test_restore_refuses_a_folder_that_is_not_a_backup(tmp_path):
    with pytest.raises(BackupError):
        read_manifest(tmp_path)
