"""The site when its database goes away, for real: gunicorn with the production settings
talks to PostgreSQL through a TCP relay that the test can cut (connections closed and
refused, as when PostgreSQL is stopped or restarting) or freeze (connections accepted and
nothing answered, as when it hangs), then restore.

Visitors then get a 503 that asks them to come back (Retry-After), never a 500, and the
load balancer's probe gets its 503 within a second even from a frozen database."""

import contextlib
import socket
import threading
import time
import uuid

import psycopg
import pytest

from tests.server import SiteServer, production_env

# One server for these tests, on one pytest-xdist worker.
pytestmark = [pytest.mark.postgres, pytest.mark.xdist_group("database-away")]

POSTGRES = ("127.0.0.1", 5432)


class Relay:
    """A TCP relay to PostgreSQL: `forward` passes bytes both ways, `down` closes every
    connection and refuses new ones at once, `frozen` accepts and holds connections but
    passes nothing, in either direction."""

    def __init__(self, target=POSTGRES):
        self.target = target
        self.mode = "forward"
        self.sockets = []
        self.lock = threading.Lock()
        self.listener = socket.create_server(("127.0.0.1", 0))
        self.port = self.listener.getsockname()[1]
        threading.Thread(target=self._accept, daemon=True).start()

    def _accept(self):
        while True:
            try:
                client, _address = self.listener.accept()
            except OSError:
                return  # closed
            if self.mode == "down":
                client.close()
                continue
            with self.lock:
                self.sockets.append(client)
            if self.mode == "frozen":
                continue  # held open, never answered
            upstream = socket.create_connection(self.target)
            with self.lock:
                self.sockets.append(upstream)
            for source, target in ((client, upstream), (upstream, client)):
                threading.Thread(target=self._pump, args=(source, target), daemon=True).start()

    def _pump(self, source, target):
        try:
            while data := source.recv(65536):
                while self.mode == "frozen":
                    time.sleep(0.05)
                target.sendall(data)
        except OSError:
            pass
        for end in (source, target):
            end.close()

    def set(self, mode):
        self.mode = mode
        if mode == "down":
            with self.lock:
                sockets, self.sockets = self.sockets, []
            for end in sockets:
                with contextlib.suppress(OSError):
                    end.shutdown(socket.SHUT_RDWR)
                end.close()

    def close(self):
        self.set("down")
        self.listener.close()


class ServerBehindRelay(SiteServer):
    """gunicorn with the production settings, its database reached through `relay`."""

    def __init__(self, workdir, relay):
        self.database = f"nec_away_{uuid.uuid4().hex[:8]}"
        super().__init__(
            workdir,
            env=production_env(
                workdir,
                DATABASE_URL=f"postgres://postgres@127.0.0.1:{relay.port}/{self.database}",
                SECURE_SSL_REDIRECT="0",
                SECURE_HSTS_SECONDS="0",
                NEC_DB_STATEMENT_TIMEOUT="2",
            ),
            ready_path="/healthz",
        )

    def prepare(self):
        with admin_connection() as admin:
            admin.execute(f'CREATE DATABASE "{self.database}"')
        self.run("manage.py", "migrate", "--noinput", "--verbosity", "0")
        self.run("manage.py", "collectstatic", "--noinput", "--verbosity", "0")
        self.run("manage.py", "load_nec_content", "--verbosity", "0")

    def drop(self):
        with admin_connection() as admin:
            admin.execute(f'DROP DATABASE IF EXISTS "{self.database}" WITH (FORCE)')


def admin_connection():
    host, port = POSTGRES
    return psycopg.connect(
        host=host, port=port, user="postgres", dbname="postgres", autocommit=True
    )


@pytest.fixture(scope="session")
def away(tmp_path_factory):
    """(the server, its relay), the relay forwarding again after each test."""
    try:
        admin_connection().close()
    except psycopg.OperationalError as error:
        pytest.skip(f"PostgreSQL is needed ({error}).")
    relay = Relay()
    server = ServerBehindRelay(tmp_path_factory.mktemp("database-away"), relay)
    try:
        with server.serving():
            yield server, relay
    finally:
        relay.close()
        server.drop()


@pytest.fixture
def site(away):
    server, relay = away
    yield server, relay
    relay.set("forward")
    deadline = time.monotonic() + 30
    while server.get("/healthz").status != 200:  # the pending check ends, then all is well
        assert time.monotonic() < deadline, "the site never came back"
        time.sleep(0.5)


def timed_get(server, path):
    started = time.monotonic()
    response = server.get(path)
    return response, time.monotonic() - started


def test_a_stopped_database_gives_visitors_a_503_with_retry_after(site):
    server, relay = site
    assert server.get("/charte/").status == 200
    relay.set("down")
    for path in ("/charte/", "/ressources/?q=communs", "/en/"):
        response = server.get(path)
        assert response.status == 503, (path, response.status)
        assert response.header("Retry-After") == "30"
        assert "no-store" in response.header("Cache-Control")
        assert "Site momentanément indisponible" in response.text or (
            "Site temporarily unavailable" in response.text
        )
        assert response.header("Set-Cookie") is None
    probe, took = timed_get(server, "/healthz")
    assert probe.status == 503 and took < 3, took
    relay.set("forward")
    assert server.get("/charte/").status == 200  # back without a restart


def test_a_frozen_database_gets_the_probe_its_503_within_a_second(site):
    server, relay = site
    assert server.get("/healthz").status == 200
    relay.set("frozen")
    first, first_took = timed_get(server, "/healthz")
    second, second_took = timed_get(server, "/healthz")
    assert (first.status, second.status) == (503, 503)
    assert first_took < 3, first_took  # not the connect timeout, nor forever
    assert second_took < 1, second_took  # the first check still waits: no second one
    relay.set("forward")


def test_a_query_kept_waiting_ends_with_a_503_not_a_killed_worker(site):
    """A table locked for long (a migration, a bulk change): the statement is cancelled
    after NEC_DB_STATEMENT_TIMEOUT and the visitor is told to come back."""
    server, _relay = site
    assert server.get("/charte/").status == 200
    with psycopg.connect(
        host=POSTGRES[0], port=POSTGRES[1], user="postgres", dbname=server.database
    ) as locker:
        locker.execute("LOCK TABLE wagtailcore_page IN ACCESS EXCLUSIVE MODE")
        response, took = timed_get(server, "/charte/")
        assert response.status == 503, response.status
        assert response.header("Retry-After") == "30"
        assert 1.5 < took < 10, took
    assert server.get("/charte/").status == 200
