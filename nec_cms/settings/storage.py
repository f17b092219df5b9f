"""The media storage on S3-compatible object storage, from the environment (NEC_S3_*).

A function rather than lines of base.py so that the tests build exactly what production
gets, pointed at their own store.
"""


def object_storage(environ):
    """The STORAGES["default"] entry for the bucket NEC_S3_BUCKET names in `environ`."""
    from botocore.config import Config

    timeout = float(environ.get("NEC_S3_TIMEOUT", "5"))
    return {
        # S3Storage with the site's own URLs for files (operations/storage.py).
        "BACKEND": "operations.storage.SiteMediaStorage",
        "OPTIONS": {
            "bucket_name": environ["NEC_S3_BUCKET"],
            "endpoint_url": environ.get("NEC_S3_ENDPOINT_URL") or None,
            "region_name": environ.get("NEC_S3_REGION", "us-east-1"),
            "access_key": environ.get("NEC_S3_ACCESS_KEY_ID") or None,
            "secret_key": environ.get("NEC_S3_SECRET_ACCESS_KEY") or None,
            "location": environ.get("NEC_S3_PREFIX", "").strip("/"),
            # Uploads never replace another file that has the same name: Wagtail keeps the
            # name it was given, and two « photo.jpg » must stay two files.
            "file_overwrite": False,
            # Every object private; any URL the storage would hand out is signed and short.
            "default_acl": "private",
            "querystring_auth": True,
            "querystring_expire": 300,
            "client_config": Config(
                signature_version="s3v4",
                s3={"addressing_style": environ.get("NEC_S3_ADDRESSING_STYLE", "path")},
                # boto3 1.36 and later add CRC checksums to every upload and check them on
                # every download; several stores other than AWS refuse or lack them. Only
                # where an operation requires one.
                request_checksum_calculation="when_required",
                response_checksum_validation="when_required",
                connect_timeout=timeout,
                read_timeout=timeout * 4,
                retries={"max_attempts": 3, "mode": "standard"},
            ),
        },
    }
