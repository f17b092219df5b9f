"""A real S3-compatible object store on loopback for the tests: moto's server (PyPI `moto`,
extra `server`), started as its own process, spoken to over HTTP by django-storages and
boto3 exactly as a production store would be. Each user of it gets a bucket of its own.

moto keeps objects in memory and applies ACLs to anonymous requests (a private object
answers 403 without a signature), which is what the tests of privacy need.
"""

import shutil
import subprocess
import sys
import time
import urllib.error
import urllib.request
import uuid
from pathlib import Path

import pytest

from tests.server import free_port, stop_process

ACCESS_KEY = "nec-test-access-key"
SECRET_KEY = "nec-test-secret-key"  # noqa: S105 - moto accepts any pair
REGION = "eu-west-3"


def moto_server_command():
    script = Path(sys.executable).with_name("moto_server")
    if script.exists():
        return [str(script)]
    found = shutil.which("moto_server")
    return [found] if found else None


class ObjectStore:
    def __init__(self):
        self.port = None
        self.process = None

    @property
    def endpoint(self):
        return f"http://127.0.0.1:{self.port}"

    def start(self):
        command = moto_server_command()
        if command is None:
            pytest.skip("The object storage tests need moto's server: pip install 'moto[server]'.")
        self.port = self.port or free_port()
        self.process = subprocess.Popen(  # noqa: S603 - moto from this virtualenv
            [*command, "-H", "127.0.0.1", "-p", str(self.port)],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            try:
                urllib.request.urlopen(self.endpoint + "/moto-api/", timeout=1)  # noqa: S310
                return self
            except (urllib.error.URLError, OSError):
                time.sleep(0.1)
        raise RuntimeError("moto_server did not answer in 30 s")

    def stop(self):
        if self.process is not None:
            stop_process(self.process)
            self.process = None

    def client(self):
        import boto3
        from botocore.config import Config

        return boto3.client(
            "s3",
            endpoint_url=self.endpoint,
            aws_access_key_id=ACCESS_KEY,
            aws_secret_access_key=SECRET_KEY,
            region_name=REGION,
            config=Config(
                s3={"addressing_style": "path"},
                request_checksum_calculation="when_required",
                response_checksum_validation="when_required",
            ),
        )

    def new_bucket(self, prefix="nec"):
        name = f"{prefix}-{uuid.uuid4().hex[:12]}"
        self.client().create_bucket(
            Bucket=name, CreateBucketConfiguration={"LocationConstraint": REGION}
        )
        return name

    def env(self, bucket):
        """The environment that points the app's media at `bucket` (nec_cms/settings/base.py)."""
        return {
            "NEC_S3_BUCKET": bucket,
            "NEC_S3_ENDPOINT_URL": self.endpoint,
            "NEC_S3_REGION": REGION,
            "NEC_S3_ACCESS_KEY_ID": ACCESS_KEY,
            "NEC_S3_SECRET_ACCESS_KEY": SECRET_KEY,
        }

    def keys(self, bucket):
        """Every object of `bucket`: {key: (size, ETag, last modified)}."""
        found = {}
        paginator = self.client().get_paginator("list_objects_v2")
        for page in paginator.paginate(Bucket=bucket):
            for item in page.get("Contents", []):
                found[item["Key"]] = (item["Size"], item["ETag"], item["LastModified"])
        return found

    def anonymous_get(self, bucket, key):
        """The status a visitor would get asking the store for an object directly."""
        try:
            with urllib.request.urlopen(f"{self.endpoint}/{bucket}/{key}", timeout=5) as answer:  # noqa: S310
                return answer.status
        except urllib.error.HTTPError as error:
            return error.code


def s3_storages(store, bucket):
    """STORAGES as the settings write them for `store.env(bucket)`."""
    from django.conf import settings

    from nec_cms.settings.storage import object_storage

    return {**settings.STORAGES, "default": object_storage(store.env(bucket))}
