"""The site as production runs it, for the journeys: gunicorn with the production settings
on a fresh PostgreSQL database with the seed content, static files collected by whitenoise,
mail sent over SMTP to a local mailbox, and one account per role.

Everything listens on 127.0.0.1 only and is stopped at the end of the session.
"""

import os
import secrets
import subprocess
import sys

from tests.server import BASE_DIR, SiteServer, free_port, production_env, stop_process

PASSWORD = "journee-" + secrets.token_hex(8)
ROLES = {
    # username: (first name, group)
    "edith": ("Édith", "Éditeurs"),
    "maurice": ("Maurice", "Modérateurs"),
    "tristan": ("Tristan", "Traducteurs"),
}


def postgres_url():
    """A throwaway PostgreSQL database on the server the tests use (this process's own)."""
    base = os.environ.get("NEC_JOURNEYS_DATABASE_SERVER", "postgres://postgres@127.0.0.1:5432")
    return f"{base}/nec_journeys_{os.getpid()}"


class ProductionSite(SiteServer):
    """The shared server (tests/server.py) with the production settings, on PostgreSQL,
    sending mail to `mailbox`, with two workers as production has."""

    workers = 2

    def __init__(self, workdir, mailbox):
        self.database_url = postgres_url()
        super().__init__(
            workdir,
            env=production_env(
                workdir,
                DATABASE_URL=self.database_url,
                # Loopback speaks plain HTTP; everything else is as in production.
                SECURE_SSL_REDIRECT="0",
                SECURE_HSTS_SECONDS="0",
                EMAIL_HOST="127.0.0.1",
                EMAIL_PORT=str(mailbox.port),
                DEFAULT_FROM_EMAIL='"Numérique en Commun[s]" <ne-pas-repondre@example.org>',
                NEC_JOURNEY_PASSWORD=PASSWORD,
            ),
        )

    def prepare(self):
        self.port = free_port()
        self.env["WAGTAILADMIN_BASE_URL"] = self.base_url
        self.run("-m", "tests.journeys.prepare", "create-database")
        self.run("-m", "tests.journeys.prepare", "setup", timeout=900)

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
        if worker is not None:
            stop_process(worker)
            self.worker_log.close()
            self.worker = None
        super().stop()

    def drop(self):
        self.run("-m", "tests.journeys.prepare", "drop-database")
