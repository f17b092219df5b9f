"""The site as production runs it, for the journeys: gunicorn with the production settings
on a fresh PostgreSQL database with the seed content, static files collected by whitenoise,
mail sent over SMTP to a local mailbox, and one account per role.

Everything listens on 127.0.0.1 only and is stopped at the end of the session.
"""

import os
import secrets
import subprocess
import sys
import time
from email import message_from_bytes, policy
from pathlib import Path

from tests.browser.server import BASE_DIR, SiteServer, free_port

PASSWORD = "journee-" + secrets.token_hex(8)
ROLES = {
    # username: (first name, group)
    "edith": ("Édith", "Éditeurs"),
    "maurice": ("Maurice", "Modérateurs"),
    "tristan": ("Tristan", "Traducteurs"),
}


def postgres_url():
    """A throwaway PostgreSQL database next to the one the tests use, or None."""
    base = os.environ.get("NEC_JOURNEYS_DATABASE_SERVER", "postgres://postgres@127.0.0.1:5432")
    return f"{base}/nec_journeys_{os.getpid()}"


class Mailbox:
    """An SMTP server on loopback that keeps every message it receives."""

    def __init__(self):
        from aiosmtpd.controller import Controller

        self.messages = []
        self.port = free_port()
        self.controller = Controller(self, hostname="127.0.0.1", port=self.port)

    async def handle_DATA(self, server, session, envelope):  # noqa: N802 - aiosmtpd's name
        message = message_from_bytes(envelope.content, policy=policy.default)
        self.messages.append((list(envelope.rcpt_tos), message))
        return "250 OK"

    def start(self):
        self.controller.start()

    def stop(self):
        self.controller.stop()

    def to(self, address):
        return [message for recipients, message in self.messages if address in recipients]

    def wait_for(self, address, containing, timeout=15):
        """The first message to `address` whose subject or body contains `containing`."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            for message in self.to(address):
                text = message["subject"] + "\n" + message.get_body(("plain",)).get_content()
                if containing in text:
                    return message
            time.sleep(0.2)
        subjects = [str(message["subject"]) for message in self.to(address)]
        raise AssertionError(f"no mail to {address} containing {containing!r}: {subjects}")


class ProductionSite(SiteServer):
    """The server of tests/browser/server.py, with the production settings."""

    settings_module = "nec_cms.settings.production"
    workers = 2

    def __init__(self, workdir, mailbox):
        super().__init__(workdir)
        self.database_url = postgres_url()
        self.env.update(
            {
                "DJANGO_SETTINGS_MODULE": self.settings_module,
                "DATABASE_URL": self.database_url,
                "SECRET_KEY": secrets.token_urlsafe(48),
                "ALLOWED_HOSTS": "127.0.0.1,localhost",
                # Loopback speaks plain HTTP; everything else is as in production.
                "SECURE_SSL_REDIRECT": "0",
                "SECURE_HSTS_SECONDS": "0",
                "STATIC_ROOT": str(self.workdir / "static"),
                "EMAIL_HOST": "127.0.0.1",
                "EMAIL_PORT": str(mailbox.port),
                "DEFAULT_FROM_EMAIL": '"Numérique en Commun[s]" <ne-pas-repondre@example.org>',
                "NEC_JOURNEY_PASSWORD": PASSWORD,
            }
        )
        self.env.pop("NEC_BROWSER_STATIC_ROOT", None)

    def prepare(self):
        self.port = free_port()
        self.env["WAGTAILADMIN_BASE_URL"] = self.base_url
        self._run([sys.executable, "-m", "tests.journeys.prepare", "create-database"])
        self._run([sys.executable, "-m", "tests.journeys.prepare", "setup"])

    def start(self):
        """gunicorn, and the worker that runs background tasks (docs/operations.md)."""
        super().start()
        self.worker_log = open(self.workdir / "worker.log", "w")  # noqa: SIM115
        self.worker = subprocess.Popen(  # noqa: S603 - our own interpreter and manage.py
            [
                sys.executable,
                "manage.py",
                "db_worker",
                "--backend",
                "background",
                "--interval",
                "0.5",
            ],
            cwd=BASE_DIR,
            env=self.env,
            stdout=self.worker_log,
            stderr=subprocess.STDOUT,
        )

    def stop(self):
        worker = getattr(self, "worker", None)
        if worker is not None and worker.poll() is None:
            worker.terminate()
            try:
                worker.wait(timeout=15)
            except subprocess.TimeoutExpired:
                worker.kill()
                worker.wait()
            self.worker_log.close()
        super().stop()

    def drop(self):
        self._run([sys.executable, "-m", "tests.journeys.prepare", "drop-database"])

    def _run(self, command):
        result = subprocess.run(  # noqa: S603 - our own interpreter and module
            command, cwd=BASE_DIR, env=self.env, capture_output=True, text=True, timeout=900
        )
        if result.returncode != 0:
            raise RuntimeError(
                f"{' '.join(command[2:])} failed:\n{result.stdout[-4000:]}{result.stderr[-4000:]}"
            )
        return result

    def manage(self, *args):
        """Run a management command against the site's database (setup and checks only)."""
        return self._run([sys.executable, "manage.py", *args]).stdout


def media_path(workdir):
    return Path(workdir) / "media"
