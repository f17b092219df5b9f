"""/healthz tells a load balancer whether the database answers, and nothing more."""

import os
import subprocess
import sys
import threading
import time
from unittest import mock

import pytest
from django.conf import settings
from django.db import OperationalError
from django.test import override_settings

pytestmark = pytest.mark.django_db


def database(**behaviour):
    """The connection the health check asks (on its own thread), replaced."""
    return mock.patch("operations.views.connection", mock.Mock(**behaviour))


def test_healthy(client):
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.content == b"ok\n"
    assert not response.cookies
    assert "no-store" in response["Cache-Control"]
    assert client.head("/healthz").status_code == 200


def test_database_down_gives_503_without_details(client):
    with database(cursor=mock.Mock(side_effect=OperationalError("mot de passe refusé pour nec"))):
        response = client.get("/healthz")
    assert response.status_code == 503
    assert response.content == b"indisponible\n"
    assert not response.cookies
    assert "no-store" in response["Cache-Control"]


def test_never_cached_even_when_pages_are(client):
    with override_settings(NEC_PAGE_CACHE_SECONDS=300):
        assert "s-maxage=300" in client.get("/charte/")["Cache-Control"]  # pages are shared
        policy = client.get("/healthz")["Cache-Control"]
        assert "no-store" in policy and "s-maxage" not in policy  # Varnish keeps no copy
        with database(cursor=mock.Mock(side_effect=OperationalError("down"))):
            assert client.get("/healthz").status_code == 503


def test_only_reads(client):
    assert client.post("/healthz").status_code == 405


def test_a_database_that_does_not_answer_gets_a_503_within_a_second(client):
    """A frozen database never answers: the probe is not kept waiting, and the next probe,
    while the first check still waits, is answered at once."""
    release = threading.Event()

    def frozen():
        release.wait(10)
        raise OperationalError("server closed the connection unexpectedly")

    with database(cursor=mock.Mock(side_effect=frozen)):
        started = time.monotonic()
        first = client.get("/healthz")
        first_took = time.monotonic() - started
        started = time.monotonic()
        second = client.get("/healthz")
        second_took = time.monotonic() - started
        release.set()
    assert (first.status_code, second.status_code) == (503, 503)
    assert 0.9 < first_took < 3, first_took  # not the ten seconds the database would take
    assert second_took < 1, second_took
    time.sleep(0.2)  # the waiting check ends once the database answers again
    assert client.get("/healthz").status_code == 200


def test_a_database_without_a_site_is_not_healthy(client):
    """Reachable but holding no site (emptied): nothing can be served."""
    cursor = mock.MagicMock()
    cursor.__enter__.return_value.fetchone.return_value = None
    with database(cursor=mock.Mock(return_value=cursor)):
        assert client.get("/healthz").status_code == 503
    cursor.__enter__.return_value.execute.assert_called_once_with(
        "SELECT 1 FROM wagtailcore_site LIMIT 1"
    )


EMPTY_DATABASE_PROBE = """
import django
django.setup()
from django.test import Client
print(Client(raise_request_exception=False).get("/healthz").status_code)
"""


def test_a_database_never_migrated_is_not_healthy(tmp_path):
    """A fresh database the site was pointed at before `migrate`: a 503, not a 200."""
    env = {key: value for key, value in os.environ.items() if key != "DATABASE_URL"}
    env.update(
        DJANGO_SETTINGS_MODULE="nec_cms.settings.test",
        DATABASE_URL=f"sqlite:///{tmp_path / 'empty.sqlite3'}",
    )
    result = subprocess.run(  # noqa: S603 - our own interpreter and code
        [sys.executable, "-c", EMPTY_DATABASE_PROBE],
        cwd=settings.BASE_DIR,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.stdout.strip().splitlines()[-1] == "503", result.stderr[-2000:]
