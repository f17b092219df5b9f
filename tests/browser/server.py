"""One real server for the whole browser session: a throwaway SQLite database with the seed
content, gunicorn on a free loopback port, DEBUG off, static files served by whitenoise.
The Varnish tests (tests/caching/test_varnish.py) start it too, with their own settings and
database, and stop and restart it on the same port.

pytest-django's live_server is not used: its transactional flush would wipe the seed.
"""

import http.client
import os
import socket
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import quote, urlsplit

BASE_DIR = Path(__file__).resolve().parents[2]
START_TIMEOUT = 60  # seconds for gunicorn to answer once the database is ready


@dataclass
class Response:
    status: int
    headers: list
    body: bytes

    @property
    def text(self):
        return self.body.decode("utf-8", errors="replace")


class SiteServer:
    workers = 1

    def __init__(self, workdir, env=None, ready_path="/"):
        """`env` adds to or overrides the server's environment (settings module, database…);
        the server is ready once `ready_path` answers 200."""
        self.workdir = Path(workdir)
        self.log_path = self.workdir / "server.log"
        self.process = None
        self.port = None
        self.ready_path = ready_path
        self.env = {
            **os.environ,
            "DJANGO_SETTINGS_MODULE": "tests.browser.settings",
            "DATABASE_URL": f"sqlite:///{self.workdir / 'site.sqlite3'}",
            "MEDIA_ROOT": str(self.workdir / "media"),
            "NEC_BROWSER_STATIC_ROOT": str(self.workdir / "static"),
            "DEBUG": "0",
            "PYTHONDONTWRITEBYTECODE": "1",
            **(env or {}),
        }
        self.env.pop("REDIS_URL", None)  # the server's cache stays in its own memory

    @property
    def base_url(self):
        return f"http://127.0.0.1:{self.port}"

    @property
    def netloc(self):
        return f"127.0.0.1:{self.port}"

    def url(self, path):
        return self.base_url + path

    def prepare(self):
        result = subprocess.run(  # noqa: S603
            [sys.executable, "-m", "tests.browser.prepare"],
            cwd=BASE_DIR,
            env=self.env,
            capture_output=True,
            text=True,
            timeout=600,
        )
        if result.returncode != 0:
            raise RuntimeError(
                "Preparing the browser suite's database failed:\n"
                + result.stdout[-4000:]
                + result.stderr[-4000:]
            )

    def start(self):
        """Start gunicorn, on the port it had before if it was stopped."""
        self.port = self.port or free_port()
        log = open(self.log_path, "a")  # noqa: SIM115 (closed with the process)
        self.process = subprocess.Popen(  # noqa: S603
            [
                sys.executable,
                "-m",
                "gunicorn",
                "nec_cms.wsgi",
                "--bind",
                self.netloc,
                "--workers",
                str(self.workers),
                "--threads",
                "4",
                "--timeout",
                "120",
                "--access-logfile",
                "-",
            ],
            cwd=BASE_DIR,
            env=self.env,
            stdout=log,
            stderr=subprocess.STDOUT,
        )
        self._log = log
        deadline = time.monotonic() + START_TIMEOUT
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"The server stopped at start:\n{self.log_tail()}")
            try:
                if self.get(self.ready_path).status == 200:
                    return
            except OSError:
                pass
            time.sleep(0.2)
        raise RuntimeError(f"The server did not answer in {START_TIMEOUT} s:\n{self.log_tail()}")

    def stop(self):
        if self.process is not None and self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=15)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
        if self.process is not None:
            self._log.close()
        self.process = None

    def log_tail(self, size=4000):
        try:
            return self.log_path.read_text(errors="replace")[-size:]
        except OSError:
            return ""

    def get(self, path, headers=None):
        """GET ``path`` without following redirects (the status matters)."""
        connection = http.client.HTTPConnection("127.0.0.1", self.port, timeout=30)
        try:
            connection.request("GET", quote(path, safe="/?=&%#:+,;~"), headers=headers or {})
            response = connection.getresponse()
            return Response(response.status, response.getheaders(), response.read())
        finally:
            connection.close()


def free_port():
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def same_origin(url, netloc):
    parts = urlsplit(url)
    return parts.scheme in ("data", "blob", "about") or parts.netloc == netloc
