"""A real Varnish (deploy/varnish/) in front of a real gunicorn (production settings), on a
copy of the test session's database, for tests/caching/test_varnish.py.

The copy is the session's test database, already migrated and seeded: SQLite's backup API
or PostgreSQL's CREATE DATABASE … TEMPLATE, about a second either way. Editors' actions run
in another process (tests/caching/stack_tasks.py) against the same copy, so that their
post-commit purges reach Varnish over HTTP as they do in production.
"""

import http.client
import json
import os
import re
import shutil
import signal
import socket
import sqlite3
import subprocess
import sys
import tempfile
import time
from contextlib import closing, contextmanager
from pathlib import Path
from urllib.parse import quote

import pytest

from tests.server import BASE_DIR, Response, SiteServer, free_port

CONFIGURE = BASE_DIR / "deploy" / "varnish" / "configure.py"
ADMIN_PATH = "gestion-essai/"
HOST = "localhost"  # the seed's Site, in ALLOWED_HOSTS
PURGERS = "198.51.100.0/24"  # another network allowed to purge, reached through PROXY
PROBE_INTERVAL = "0.5"  # seconds: the app is found down within about 2 s
HTTPS = {"X-Forwarded-Proto": "https"}  # what the TLS proxy in front of Varnish adds


def tool(name):
    """Debian puts varnishd in /usr/sbin, which is not on every user's PATH."""
    return shutil.which(name) or shutil.which(name, path="/usr/sbin:/usr/bin")


def skip_without_varnish():
    """Skip, saying what to install, when a Varnish tool is missing."""
    missing = [name for name in ("varnishd", "varnishstat", "varnishadm") if tool(name) is None]
    if missing:
        pytest.skip(
            f"Varnish tests need {', '.join(missing)}: apt-get install varnish "
            "(varnishd may live in /usr/sbin)."
        )


@contextmanager
def varnish_workdir():
    """A folder that Varnish's unprivileged user can reach (pytest's tmp_path is 0700)."""
    workdir = Path(tempfile.mkdtemp(prefix="nec-varnish-"))
    workdir.chmod(0o755)
    try:
        yield workdir
    finally:
        shutil.rmtree(workdir, ignore_errors=True)


# --- The database ----------------------------------------------------------------------------


def clone_test_database(workdir):
    """A copy of the session's test database for processes of their own; its DATABASE_URL."""
    from django.db import connection

    if connection.vendor == "sqlite":
        path = Path(workdir) / "site.sqlite3"
        connection.ensure_connection()
        with closing(sqlite3.connect(path)) as target:
            connection.connection.backup(target)
        return f"sqlite:///{path}"
    settings = connection.settings_dict
    name = f"{settings['NAME']}_stack"
    connection.close()  # a template database may have no other session
    with connection._nodb_cursor() as cursor:
        cursor.execute(f'DROP DATABASE IF EXISTS "{name}"')
        cursor.execute(f'CREATE DATABASE "{name}" TEMPLATE "{settings["NAME"]}"')
    credentials = quote(settings["USER"] or "", safe="")
    if settings["PASSWORD"]:
        credentials += ":" + quote(settings["PASSWORD"], safe="")
    host = settings["HOST"] or "localhost"
    return f"postgres://{credentials}@{host}:{settings['PORT'] or 5432}/{name}"


def drop_clone(database_url):
    from django.db import connection

    if database_url.startswith("postgres://"):
        name = database_url.rsplit("/", 1)[1]
        with connection._nodb_cursor() as cursor:
            cursor.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


# --- Varnish ---------------------------------------------------------------------------------


class Varnish:
    """varnishd with the VCL that deploy/varnish/configure.py writes, as in production."""

    def __init__(self, workdir, app_port, *more_app_ports):
        self.workdir = Path(workdir)
        app_ports = (app_port, *more_app_ports)
        self.port = free_port()
        self.proxy_port = free_port()  # PROXY protocol: to speak from another address
        self.instance = self.workdir / "varnishd"
        self.pidfile = self.workdir / "varnishd.pid"
        self.vcl = self.workdir / "site.vcl"
        environment = {
            **os.environ,
            "NEC_APP_SERVERS": ",".join(f"127.0.0.1:{port}" for port in app_ports),
            "NEC_ADMIN_PATH": ADMIN_PATH,
            "NEC_VARNISH_PURGERS": PURGERS,
            "NEC_HEALTHZ_HOST": HOST,
            "NEC_VARNISH_PROBE_INTERVAL": PROBE_INTERVAL,
        }
        written = subprocess.run(  # noqa: S603
            [sys.executable, str(CONFIGURE)],
            env=environment,
            capture_output=True,
            text=True,
            check=True,
        )
        self.vcl.write_text(written.stdout)

    @property
    def url(self):
        return f"http://127.0.0.1:{self.port}"

    def start(self):
        started = subprocess.run(  # noqa: S603
            [
                tool("varnishd"),
                "-a",
                f"127.0.0.1:{self.port}",
                "-a",
                f"127.0.0.1:{self.proxy_port},PROXY",
                "-f",
                str(self.vcl),
                "-n",
                str(self.instance),
                "-P",
                str(self.pidfile),
                "-s",
                "malloc,64m",
            ],
            capture_output=True,
            text=True,
            timeout=60,
        )
        if started.returncode != 0:
            raise RuntimeError(f"varnishd did not start:\n{started.stdout}{started.stderr}")
        wait_for_port(self.port)

    def stop(self):
        try:
            pid = int(self.pidfile.read_text())
        except (OSError, ValueError):
            return
        try:
            os.kill(pid, signal.SIGTERM)
        except ProcessLookupError:
            return
        deadline = time.monotonic() + 15
        while time.monotonic() < deadline:
            try:
                os.kill(pid, 0)
            except ProcessLookupError:
                return
            time.sleep(0.1)
        os.kill(pid, signal.SIGKILL)

    def counter(self, name="MAIN.n_object"):
        output = subprocess.run(  # noqa: S603
            [tool("varnishstat"), "-1", "-f", name, "-n", str(self.instance)],
            capture_output=True,
            text=True,
            check=True,
        ).stdout
        return int(output.split()[1])

    def wait_for_app(self, healthy=True, timeout=15, number=1):
        """Until the probe on /healthz has seen the app (server `number`) come (or go)."""
        deadline = time.monotonic() + timeout
        while self.app_is_healthy(number) != healthy:
            if time.monotonic() > deadline:
                raise RuntimeError(f"Varnish never saw the app {'up' if healthy else 'down'}")
            time.sleep(0.2)

    def app_is_healthy(self, number=1):
        output = subprocess.run(  # noqa: S603
            [tool("varnishadm"), "-n", str(self.instance), "backend.list"],
            capture_output=True,
            text=True,
            check=True,
        ).stdout
        line = next(
            line for line in output.splitlines() if re.search(rf"\.nec_app{number}\b", line)
        )
        return "healthy" in line

    def request(self, path, method="GET", host=HOST, headers=None):
        connection = http.client.HTTPConnection("127.0.0.1", self.port, timeout=30)
        try:
            connection.request(method, path, headers={"Host": host, **HTTPS, **(headers or {})})
            response = connection.getresponse()
            return Response(response.status, response.getheaders(), response.read())
        finally:
            connection.close()

    def request_from(self, address, method, path):
        """A request that Varnish sees coming from `address` (PROXY protocol v1)."""
        with socket.create_connection(("127.0.0.1", self.proxy_port), timeout=10) as sock:
            sock.sendall(
                f"PROXY TCP4 {address} 127.0.0.1 40000 {self.port}\r\n"
                f"{method} {path} HTTP/1.1\r\nHost: {HOST}\r\nConnection: close\r\n\r\n".encode()
            )
            data = b""
            while chunk := sock.recv(65536):
                data += chunk
        return int(data.split(b" ", 2)[1])


def wait_for_port(port, timeout=30):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=1):
                return
        except OSError:
            time.sleep(0.1)
    raise RuntimeError(f"nothing answers on port {port}")


# --- The whole --------------------------------------------------------------------------------


class Stack:
    """gunicorn (production settings, 1 worker) behind Varnish, purged by the app."""

    def __init__(self, workdir, database_url):
        self.workdir = Path(workdir)
        app_port = free_port()
        self.varnish = Varnish(self.workdir, app_port)
        self.app = SiteServer(
            self.workdir,
            env={
                "DJANGO_SETTINGS_MODULE": "tests.caching.stack_settings",
                "DATABASE_URL": database_url,
                "SECRET_KEY": "stack-" + os.urandom(24).hex(),
                "ALLOWED_HOSTS": f"{HOST},127.0.0.1",
                "NEC_ADMIN_PATH": ADMIN_PATH,
                "NEC_VARNISH_URLS": self.varnish.url,
                "NEC_PAGE_CACHE_SECONDS": "300",
                "NEC_BROWSER_CACHE_SECONDS": "60",
                "STATIC_ROOT": str(self.workdir / "static"),
            },
            ready_path="/healthz",
        )
        self.app.port = app_port

    def start(self):
        (self.workdir / "static").mkdir(exist_ok=True)
        self.prepared = self.task("prepare", env={"NEC_VARNISH_URLS": ""})
        self.app.start()
        self.varnish.start()
        self.varnish.wait_for_app()

    def restart_app(self, **env):
        """Restart gunicorn on its port with `env` changed, once Varnish sees it again."""
        self.app.stop()
        self.app.env.update(env)
        self.app.start()
        self.varnish.wait_for_app()

    def stop(self):
        self.varnish.stop()
        self.app.stop()

    def run(self, args, env=None):
        return subprocess.run(  # noqa: S603
            [sys.executable, *args],
            cwd=BASE_DIR,
            env={**self.app.env, **(env or {})},
            capture_output=True,
            text=True,
            timeout=120,
        )

    def task(self, *args, env=None):
        """Run a task of tests/caching/stack_tasks.py; its JSON answer."""
        result = self.run(["-m", "tests.caching.stack_tasks", *args], env)
        if result.returncode != 0:
            raise RuntimeError(f"task {args} failed:\n{result.stdout}{result.stderr}")
        return json.loads(result.stdout.strip().splitlines()[-1])

    def manage(self, *args, env=None):
        return self.run(["manage.py", *args], env)

    def app_requests(self, path, at_least=0, timeout=5):
        """How many times gunicorn answered `GET path`, from its access log, which it writes
        just after answering: waits until there are `at_least`."""
        deadline = time.monotonic() + timeout
        while True:
            log = self.app.log_path.read_text(errors="replace")
            count = log.count(f'"GET {path} HTTP/1.1"')
            if count >= at_least or time.monotonic() > deadline:
                return count
            time.sleep(0.05)
