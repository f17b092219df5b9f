"""A real gunicorn on a free loopback port, for the tests that need the site as a separate
process: the browser gates (a throwaway SQLite database with the seed content, DEBUG off,
static files served by whitenoise), the journeys and the media tests (production settings,
`production_env`), and the Varnish tests, which stop and restart it on the same port.

pytest-django's live_server is not used: its transactional flush would wipe the seed.
"""

import contextlib
import http.client
import json
import os
import secrets
import socket
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import quote, urlsplit

BASE_DIR = Path(__file__).resolve().parents[1]
START_TIMEOUT = 60  # seconds for gunicorn to answer once the database is ready


@dataclass
class Response:
    status: int
    headers: list
    body: bytes

    def header(self, name):
        """The first value of a header (case-insensitive), or None."""
        return next(iter(self.header_values(name)), None)

    def header_values(self, name):
        """Every value of a header (case-insensitive), such as each Set-Cookie."""
        return [v for k, v in self.headers if k.lower() == name.lower()]

    @property
    def text(self):
        return self.body.decode("utf-8", errors="replace")


class SiteServer:
    workers = 1
    threads = 4
    access_log = True

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
        """The browser suite's database and files (tests/browser/prepare.py)."""
        self.run("-m", "tests.browser.prepare")

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
                str(self.threads),
                "--timeout",
                "120",
                *(["--access-logfile", "-"] if self.access_log else []),
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

    @contextlib.contextmanager
    def serving(self):
        """Prepared and started; stopped however the block ends."""
        try:
            self.prepare()
            self.start()
            yield self
        finally:
            self.stop()

    def stop(self):
        if self.process is not None:
            stop_process(self.process)
            self._log.close()
        self.process = None

    def log_tail(self, size=4000):
        try:
            return self.log_path.read_text(errors="replace")[-size:]
        except OSError:
            return ""

    def request(self, method, path, headers=None):
        """One request, without following redirects (the status matters)."""
        connection = http.client.HTTPConnection("127.0.0.1", self.port, timeout=30)
        try:
            connection.request(method, quote(path, safe="/?=&%#:+,;~"), headers=headers or {})
            response = connection.getresponse()
            return Response(response.status, response.getheaders(), response.read())
        finally:
            connection.close()

    def get(self, path, headers=None):
        return self.request("GET", path, headers)

    def run(self, *args, timeout=600):
        """Run Python (`manage.py …`, `-m module`, `-c source`) in the server's environment;
        its standard output."""
        result = subprocess.run(  # noqa: S603 - our own interpreter and code
            [sys.executable, *args],
            cwd=BASE_DIR,
            env=self.env,
            capture_output=True,
            text=True,
            timeout=timeout,
        )
        if result.returncode != 0:
            raise RuntimeError(
                f"{' '.join(args)[:200]} failed:\n{result.stdout[-3000:]}{result.stderr[-3000:]}"
            )
        return result.stdout

    def script(self, source):
        """Run Python source in the server's environment; the JSON it printed last."""
        return json.loads(self.run("-c", source).strip().splitlines()[-1])


def production_env(workdir, host="127.0.0.1", **extra):
    """The environment of a process with the production settings on loopback: this
    environment less anything that would choose its settings or services, then its own
    secret key, host, database and files, then `extra`."""
    workdir = Path(workdir)
    inherited = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith(("DJANGO_", "DATABASE_URL", "REDIS_URL", "NEC_", "SECRET_KEY"))
        and not key.startswith("EMAIL_")
    }
    return {
        **inherited,
        "DJANGO_SETTINGS_MODULE": "nec_cms.settings.production",
        "SECRET_KEY": secrets.token_urlsafe(48),
        "ALLOWED_HOSTS": f"{host},localhost",
        "DATABASE_URL": f"sqlite:///{workdir / 'site.sqlite3'}",
        "MEDIA_ROOT": str(workdir / "media"),
        "STATIC_ROOT": str(workdir / "static"),
        "PYTHONDONTWRITEBYTECODE": "1",
        **extra,
    }


def stop_process(process, timeout=15):
    """Terminate a child process still running; kill it if it does not stop in time."""
    if process.poll() is None:
        process.terminate()
        try:
            process.wait(timeout=timeout)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


def free_port():
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def same_origin(url, netloc):
    parts = urlsplit(url)
    return parts.scheme in ("data", "blob", "about") or parts.netloc == netloc
