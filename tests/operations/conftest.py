import pytest

from tests.objectstore import ObjectStore


@pytest.fixture(scope="session")
def object_store():
    """moto's S3 server on loopback, for the whole session (each test takes a bucket)."""
    store = ObjectStore().start()
    try:
        yield store
    finally:
        store.stop()
