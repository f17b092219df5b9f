"""`manage.py backup` and `restore` when media live on object storage (NEC_S3_BUCKET): the
backup holds every object of the bucket with its checksum, a restore onto an empty system
(a new database and an empty bucket) finds every page, document and image again with the
same content, and an altered backup is refused before the bucket or the database is
touched. Against moto's S3 server on loopback, in processes of their own."""

import pytest

from operations.backup import create_backup, read_manifest
from tests.operations.test_backup import (
    REFUSED_SCRIPT,
    SOURCE_SCRIPT,
    TARGET_SCRIPT,
    altered_copy,
    cut,
    run_script,
    scratch_database,
)

# The source site and its backup are made once for the module, on one pytest-xdist worker.
pytestmark = [
    pytest.mark.django_db,
    pytest.mark.objectstore,
    pytest.mark.xdist_group("backup-object-storage"),
]


@pytest.fixture(scope="module")
def source(tmp_path_factory, django_db_setup, django_db_blocker, object_store):
    """A site on object storage with a translation, a draft, a document and an image, and
    its backup (SOURCE_SCRIPT)."""
    tmp_path = tmp_path_factory.mktemp("backup-s3")
    bucket = object_store.new_bucket("source")
    with django_db_blocker.unblock():
        seed = create_backup(tmp_path / "seed")
        with scratch_database(tmp_path, "s3source") as source_url:
            made = run_script(
                SOURCE_SCRIPT, source_url, seed, tmp_path / "full", env=object_store.env(bucket)
            )
    return {"bucket": bucket, **made}


def contents(store, bucket):
    client = store.client()
    return {
        key: client.get_object(Bucket=bucket, Key=key)["Body"].read() for key in store.keys(bucket)
    }


def test_the_backup_holds_every_object_of_the_bucket(object_store, source):
    from pathlib import Path

    manifest = read_manifest(Path(source["folder"]))
    stored = contents(object_store, source["bucket"])
    assert stored, "the site's files are in the bucket"
    assert set(manifest["media_files"]) == set(stored)
    document = source["inventory"]["documents"][0][1]
    assert stored[document] == b"%PDF-1.4 kit"


def test_a_restore_onto_an_empty_system_finds_everything_again(tmp_path, object_store, source):
    empty = object_store.new_bucket("target")
    assert object_store.keys(empty) == {}
    with scratch_database(tmp_path, "s3target") as target_url:
        restored = run_script(
            TARGET_SCRIPT, target_url, source["folder"], env=object_store.env(empty)
        )
    expected = source["inventory"]
    for key in ("locales", "pages", "translations", "revisions", "documents", "images"):
        assert restored[key] == expected[key], key
    assert all(item[2] for item in restored["documents"] + restored["images"]), "checksummed"
    assert contents(object_store, empty) == contents(object_store, source["bucket"])


def test_a_truncated_backup_touches_neither_the_bucket_nor_the_database(
    tmp_path, object_store, source
):
    from pathlib import Path

    copy = altered_copy(Path(source["folder"]), tmp_path, cut(0.6), rewrite_manifest=True)
    empty = object_store.new_bucket("refused")
    with scratch_database(tmp_path, "s3refused") as target_url:
        result = run_script(REFUSED_SCRIPT, target_url, copy, env=object_store.env(empty))
    assert result["error"] and "tronqué" in result["error"]
    assert result["tables"] == []
    assert object_store.keys(empty) == {}
