"""Production settings are safe by default: `check --deploy` has nothing to say, HTTPS is
enforced behind the proxy, and a missing secret refuses to start."""

import json
import subprocess
import sys
from pathlib import Path

import pytest
from django.conf import settings

from tests import server

ROOT = Path(settings.BASE_DIR)

HEADERS_SCRIPT = """
import json
import django
django.setup()
from django.conf import settings
from django.test import Client
from django.test.utils import setup_test_environment
setup_test_environment()
settings.ALLOWED_HOSTS.append("testserver")
client = Client()
plain = client.get("/robots.txt")
behind_proxy = client.get("/robots.txt", HTTP_X_FORWARDED_PROTO="https")
probe = client.get("/healthz")
print(json.dumps({
    "plain": [plain.status_code, plain.get("Location")],
    "https": dict(behind_proxy.items()),
    "healthz": probe.status_code,
    "cookies": [settings.SESSION_COOKIE_SECURE, settings.CSRF_COOKIE_SECURE,
                settings.SESSION_COOKIE_HTTPONLY, settings.CSRF_COOKIE_HTTPONLY],
    "admin_path": settings.NEC_ADMIN_PATH,
    "frontend_cache": settings.WAGTAILFRONTENDCACHE,
}))
"""


@pytest.fixture
def production_env(tmp_path):
    return server.production_env(
        tmp_path,
        host="numerique-en-communs.example.org",
        NEC_VARNISH_URLS="http://127.0.0.1:6081",
        NEC_ADMIN_PATH="/gestion-nec/",
    )


def run(args, env):
    return subprocess.run(  # noqa: S603 - our own interpreter and manage.py
        [sys.executable, *args], cwd=ROOT, env=env, capture_output=True, text=True, timeout=120
    )


def test_check_deploy_has_no_warning(production_env):
    result = run(["manage.py", "check", "--deploy", "--fail-level", "WARNING"], production_env)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "System check identified no issues (0 silenced)." in result.stdout


def test_https_headers_cookies_and_admin_path_in_production(production_env):
    result = run(["-c", HEADERS_SCRIPT], production_env)
    assert result.returncode == 0, result.stderr
    data = json.loads(result.stdout.strip().splitlines()[-1])
    assert data["plain"] == [301, "https://testserver/robots.txt"]
    headers = data["https"]
    assert headers["Strict-Transport-Security"] == "max-age=31536000; includeSubDomains; preload"
    assert headers["X-Content-Type-Options"] == "nosniff"
    assert headers["X-Frame-Options"] == "DENY"
    assert headers["Referrer-Policy"] == "strict-origin-when-cross-origin"
    assert headers["Cross-Origin-Opener-Policy"] == "same-origin"
    assert "camera=()" in headers["Permissions-Policy"]
    assert headers["Content-Security-Policy"].startswith("default-src 'none'; ")
    # Answered over plain HTTP, not redirected to HTTPS (301): a 503 here, since this
    # database was never migrated and a health probe says so.
    assert data["healthz"] == 503, "health probes are not redirected to HTTPS"
    assert data["cookies"] == [True, True, True, True]
    assert data["admin_path"] == "gestion-nec/"
    assert data["frontend_cache"] == {
        "varnish-1": {
            "BACKEND": "caching.backends.VarnishBackend",
            "LOCATION": "http://127.0.0.1:6081",
        }
    }, "Varnish is purged on publish"
    assert headers["Cache-Control"] == "max-age=86400, public", "robots.txt chose its own"


def test_production_refuses_to_start_without_a_real_secret(production_env):
    production_env["SECRET_KEY"] = "dev-trop-court"
    result = run(["manage.py", "check"], production_env)
    assert result.returncode != 0
    assert "SECRET_KEY must be set" in result.stderr


def test_production_refuses_a_sender_address_mail_servers_cannot_take(production_env):
    production_env["DEFAULT_FROM_EMAIL"] = "Numérique en Commun[s] <ne-pas-repondre@example.org>"
    result = run(["manage.py", "check"], production_env)
    assert result.returncode != 0
    assert "DEFAULT_FROM_EMAIL is not a valid sender" in result.stderr
    production_env["DEFAULT_FROM_EMAIL"] = '"Numérique en Commun[s]" <ne-pas-repondre@example.org>'
    assert run(["manage.py", "check"], production_env).returncode == 0


ERRORS_SCRIPT = """
import json
from unittest import mock
import django
django.setup()
from django.conf import settings
from django.test import Client
import nec_cms.views
settings.ALLOWED_HOSTS.append("testserver")
client = Client(raise_request_exception=False, HTTP_X_FORWARDED_PROTO="https")
# The site map's view fails as a bug would; the database here was never migrated, so a
# page asks a database that cannot answer.
def broken(request):
    raise ValueError("panne")
with mock.patch.object(nec_cms.views, "robots_txt", broken):
    broken = client.get("/robots.txt")
away = client.get("/charte/")
print(json.dumps([broken.status_code, away.status_code]))
"""


def test_server_errors_are_mailed_to_the_team_but_not_a_database_away(production_env):
    """The 500 page says the team is told: NEC_ADMINS get the error by mail. A 503 (the
    database away) is not mailed, once per request."""
    from tests.mailbox import Mailbox

    with Mailbox() as mailbox:
        env = {
            **production_env,
            "NEC_ADMINS": '"Équipe technique, NEC" <tech@example.org>; veille@example.org',
            "EMAIL_HOST": "127.0.0.1",
            "EMAIL_PORT": str(mailbox.port),
        }
        collected = run(["manage.py", "collectstatic", "--noinput", "--verbosity", "0"], env)
        assert collected.returncode == 0, collected.stderr[-3000:]  # the error pages' CSS
        result = run(["-c", ERRORS_SCRIPT], env)
        assert result.returncode == 0, result.stderr[-3000:]
        assert json.loads(result.stdout.strip().splitlines()[-1]) == [500, 503]
        messages = mailbox.to("tech@example.org")
        assert len(messages) == 1
        assert mailbox.to("veille@example.org") == messages
        assert "/robots.txt" in messages[0]["Subject"]
        assert "ValueError" in messages[0].get_body().get_content()


def test_an_admin_address_that_is_not_one_is_refused(production_env):
    result = run(["manage.py", "check"], {**production_env, "NEC_ADMINS": "tech.example.org"})
    assert result.returncode != 0
    assert "NEC_ADMINS" in result.stderr


def test_production_refuses_to_start_without_the_second_factor(production_env):
    result = run(["manage.py", "check"], {**production_env, "NEC_2FA_REQUIRED": "0"})
    assert result.returncode != 0
    assert "NEC_2FA_REQUIRED" in result.stderr
