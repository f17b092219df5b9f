"""/healthz tells a load balancer whether the database answers, and nothing more."""

from unittest import mock

import pytest
from django.db import OperationalError, connection
from django.test import override_settings

pytestmark = pytest.mark.django_db


def test_healthy(client):
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.content == b"ok\n"
    assert not response.cookies
    assert "no-store" in response["Cache-Control"]
    assert client.head("/healthz").status_code == 200


def test_database_down_gives_503_without_details(client):
    with mock.patch.object(
        connection, "cursor", side_effect=OperationalError("mot de passe refusé pour nec")
    ):
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
        with mock.patch.object(connection, "cursor", side_effect=OperationalError("down")):
            assert client.get("/healthz").status_code == 503


def test_only_reads(client):
    assert client.post("/healthz").status_code == 405
