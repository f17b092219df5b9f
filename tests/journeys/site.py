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

from django_otp.oath import totp

from tests.server import BASE_DIR, SiteServer, free_port, production_env, stop_process

PASSWORD = "journee-" + secrets.token_hex(8)
# The key of the authenticator app of those whose role requires a second factor (Maurice):
# prepare.py gives them that device, and Person.log_in types the code it shows.
TOTP_KEY = secrets.token_hex(20)
TOTP_STEP = 30  # seconds, django-otp's default
ROLES = {
    # username: (first name, group)
    "edith": ("Édith", "Éditeurs"),
    "maurice": ("Maurice", "Modérateurs"),
    "tristan": ("Tristan", "Traducteurs"),
}


_last_step = -1


def totp_code():
    """The code the app shows now. A code serves once (django-otp refuses a time step it has
    already accepted): a second login within the same 30 seconds waits for the next one."""
    global _last_step
    step = int(time.time()) // TOTP_STEP
    if step <= _last_step:
        time.sleep((_last_step + 1) * TOTP_STEP - time.time() + 0.5)
        step = _last_step + 1
    _last_step = step
    return f"{totp(bytes.fromhex(TOTP_KEY), step=TOTP_STEP):06d}"


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
                NEC_JOURNEY_TOTP_KEY=TOTP_KEY,
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
