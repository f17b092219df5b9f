"""The site behind a real Varnish (deploy/varnish/), as in production: what it serves from
its cache, what it never stores, how publishing purges it, and what happens when either
Varnish or the app is down.

Needs varnishd (Debian: apt-get install varnish); without it these tests skip, and with
NEC_REQUIRE_ALL=1 (CI) a skip is a failure. One stack for the module, on one xdist worker.
"""

import gzip
import random
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from tests.caching.conftest import unreachable_url
from tests.caching.stack import (
    ADMIN_PATH,
    HTTPS,
    Stack,
    Varnish,
    clone_test_database,
    drop_clone,
    skip_without_varnish,
    varnish_workdir,
)

# django_db: pytest-django creates the test database (copied for the stack) only for a
# session that has tests marked so.
pytestmark = [pytest.mark.varnish, pytest.mark.xdist_group("varnish"), pytest.mark.django_db]

CHARTER = "/charte/"
EDITION = "/editions/2022-lens/"
STATIC = "/static/css/nec.css"


@pytest.fixture(scope="module")
def stack(django_db_setup, django_db_blocker):
    skip_without_varnish()
    with varnish_workdir() as workdir:
        with django_db_blocker.unblock():
            database_url = clone_test_database(workdir)
        stack = Stack(workdir, database_url)
        try:
            stack.start()
            yield stack
        finally:
            stack.stop()
            with django_db_blocker.unblock():
                drop_clone(database_url)


@pytest.fixture
def varnish(stack):
    """Each test starts from an empty cache (PURGE, as the app sends it)."""
    assert stack.varnish.request("/", method="PURGE").status == 200
    return stack.varnish


def cache_status(response):
    return response.header("X-Cache")


def test_a_second_visit_is_served_by_varnish(stack, varnish):
    first = varnish.request(CHARTER)
    assert first.status == 200
    assert cache_status(first) == "miss"
    second = varnish.request(CHARTER)
    assert second.status == 200
    assert cache_status(second) == "hit"
    assert second.body == first.body
    assert stack.app_requests(CHARTER, at_least=1) == 1, "gunicorn answered once"
    assert second.header("Cache-Control") == "public, max-age=60", (
        "only Varnish is purged: caches beyond it get the browser's lifetime, no s-maxage"
    )


def test_a_publish_is_visible_on_the_next_request(stack, varnish):
    assert "La charte de NEC" in varnish.request(CHARTER).text
    assert cache_status(varnish.request(CHARTER)) == "hit"
    varnish.request(STATIC)
    assert cache_status(varnish.request(STATIC)) == "hit"

    published = stack.task("publish", "charte", "La charte, révisée")
    assert published["pending"] == 0, "Varnish acknowledged the purge"

    after = varnish.request(CHARTER)
    assert cache_status(after) == "miss"
    assert "La charte, révisée" in after.text
    home = varnish.request("/")
    assert cache_status(home) == "miss", "every page is purged: menus, listings, sitemap"
    assert cache_status(varnish.request(STATIC)) == "hit", "static files are not purged"


@pytest.mark.parametrize(
    ("path", "kind"),
    [
        (CHARTER, "text/html"),
        ("/sitemap.xml", "application/xml"),
        ("/ressources/flux/atom/", "application/atom+xml"),
    ],
)
def test_pages_and_feeds_go_out_compressed_to_those_who_accept_it(varnish, path, kind):
    """Varnish compresses what the app sends once, when it fetches it, and keeps one copy:
    browsers get it compressed, a client that does not accept gzip gets it plain."""
    zipped = varnish.request(path, headers={"Accept-Encoding": "gzip, deflate, br"})
    assert zipped.status == 200 and kind in zipped.header("Content-Type")
    assert zipped.header("Content-Encoding") == "gzip"
    plain = varnish.request(path)
    assert plain.header("Content-Encoding") is None
    assert cache_status(plain) == "hit", "the same stored copy, unzipped on the way out"
    assert gzip.decompress(zipped.body) == plain.body
    assert len(zipped.body) < len(plain.body)


def test_an_editors_request_is_never_cached(stack, varnish):
    session = {"Cookie": f"sessionid={stack.prepared['session']}; _ga=GA1.2.3"}
    for _ in range(2):
        mine = varnish.request(CHARTER, headers=session)
        assert mine.status == 200
        assert cache_status(mine) == "pass"
        assert mine.header("Cache-Control") == "private, no-store"
        assert "w-userbar" in mine.text, "the editor sees the userbar"
    visitor = varnish.request(CHARTER)
    assert cache_status(visitor) == "miss", "the editor's pages were not stored"
    assert "w-userbar" not in visitor.text

    for _ in range(2):
        admin = varnish.request(f"/{ADMIN_PATH}login/")
        assert admin.status == 200
        assert cache_status(admin) == "pass", "the admin path (NEC_ADMIN_PATH) is passed"
        assert any("csrftoken=" in value for value in admin.header_values("Set-Cookie"))


def test_a_response_that_sets_a_cookie_is_never_stored(stack, varnish):
    protected = stack.prepared["protected"]
    tokens = []
    for _ in range(2):
        response = varnish.request(protected)
        assert response.status == 200
        assert 'name="csrfmiddlewaretoken"' in response.text, "a password form"
        assert cache_status(response) == "miss"
        cookies = response.header_values("Set-Cookie")
        assert any(value.startswith("csrftoken=") for value in cookies)
        tokens.append(cookies)
    assert tokens[0] != tokens[1], "each visitor gets their own token"
    assert stack.app_requests(protected, at_least=2) == 2


def test_cookies_and_languages_that_cannot_change_a_page_share_it(varnish):
    varnish.request("/")
    visitor = varnish.request(
        "/",
        headers={"Cookie": "_ga=GA1.2.3; _pk_id.1=abc", "Accept-Language": "en-GB,en;q=0.9"},
    )
    assert cache_status(visitor) == "hit", "analytics cookies and Accept-Language are ignored"
    assert "cookie" in (visitor.header("Vary") or "").lower(), "browsers still vary on it"
    with_csrf = varnish.request("/", headers={"Cookie": "csrftoken=abc; _ga=GA1.2.3"})
    assert cache_status(with_csrf) == "hit", "a visitor who once saw a form shares pages too"
    assert "accept-language" not in (visitor.header("Vary") or "").lower()
    assert '<html lang="fr"' in visitor.text, "the language is in the URL"
    english = varnish.request("/en/")
    assert english.status == 200
    assert '<html lang="en"' in english.text


def test_the_cache_key_ignores_ports_and_tracking_parameters(varnish):
    path = "/editions/?annee=2022&vue=liste"
    assert cache_status(varnish.request(path)) == "miss"
    objects_before = varnish.counter("MAIN.n_object")
    rng = random.Random(2026)  # noqa: S311 - varied, repeatable requests
    tracking = ["utm_source", "utm_medium", "utm_campaign", "fbclid", "gclid", "msclkid"]
    tracking += ["mc_cid", "mc_eid", "_ga"]
    statuses = []
    for number in range(100):
        parameters = ["annee=2022", "vue=liste"]
        parameters += [f"{name}={rng.randrange(10**6)}" for name in rng.sample(tracking, 3)]
        rng.shuffle(parameters)
        host = rng.choice(["localhost", "LOCALHOST", "localhost:80", "localhost:8080"])
        host = f"localhost:{rng.randrange(1024, 65535)}" if number % 3 == 0 else host
        response = varnish.request("/editions/?" + "&".join(parameters), host=host)
        statuses.append((response.status, cache_status(response)))
    assert statuses == [(200, "hit")] * 100
    assert varnish.counter("MAIN.n_object") <= objects_before, "no new cache entry"
    other = varnish.request("/editions/?annee=2023&vue=liste")
    assert cache_status(other) == "miss", "a parameter that matters still makes its own page"


def test_purge_is_allowed_from_loopback_and_the_configured_network_only(varnish):
    assert varnish.request_from("203.0.113.7", "PURGE", "/") == 405
    assert varnish.request_from("198.51.100.20", "PURGE", "/") == 200


def test_a_purge_that_failed_is_retried_until_the_stale_page_goes(stack, varnish):
    assert "Lens" in varnish.request(EDITION).text
    assert cache_status(varnish.request(EDITION)) == "hit"

    # The publishing process cannot reach Varnish: the change is committed, its purge kept.
    published = stack.task(
        "publish", "2022-lens", "Lens 2022 : le bilan", env={"NEC_VARNISH_URLS": unreachable_url()}
    )
    assert published["pending"] == 1
    stale = varnish.request(EDITION)
    assert cache_status(stale) == "hit"
    assert "Lens 2022 : le bilan" not in stale.text, "stale until the purge goes through"

    # The minute's retry (manage.py purge_frontend_cache) reaches Varnish.
    retried = stack.manage("purge_frontend_cache")
    assert retried.returncode == 0, retried.stdout + retried.stderr
    assert "Aucune purge en attente." in retried.stdout
    fresh = varnish.request(EDITION)
    assert cache_status(fresh) == "miss"
    assert "Lens 2022 : le bilan" in fresh.text


def test_with_varnish_down_the_app_still_answers_and_purges_wait(stack, varnish):
    varnish.stop()
    try:
        direct = stack.app.get(CHARTER, headers={"Host": "localhost", **HTTPS})
        assert direct.status == 200
        published = stack.task("publish", "charte", "La charte de NEC")
        assert published["pending"] == 1
        refused = stack.manage("purge_frontend_cache")
        assert refused.returncode != 0
        assert "Purge toujours en attente" in refused.stderr
    finally:
        varnish.start()
    retried = stack.manage("purge_frontend_cache")
    assert retried.returncode == 0, retried.stdout + retried.stderr
    assert "La charte de NEC" in varnish.request(CHARTER).text


def test_varnish_keeps_serving_pages_while_the_app_is_down(stack, varnish):
    """Grace: a page past its lifetime is still served while /healthz fails."""
    stack.restart_app(NEC_PAGE_CACHE_SECONDS="1")
    try:
        first = varnish.request(CHARTER)
        assert (first.status, cache_status(first)) == (200, "miss")
        time.sleep(1.5)  # now past its lifetime
        stack.app.stop()
        varnish.wait_for_app(healthy=False)

        stale = varnish.request(CHARTER)
        assert stale.status == 200
        assert cache_status(stale) == "hit-stale"
        assert int(stale.header("Age")) >= 1
        assert "La charte" in stale.text
        never_seen = varnish.request("/plan-du-site/")
        assert never_seen.status == 503
        assert "Site momentanément indisponible" in never_seen.text
    finally:
        stack.restart_app(NEC_PAGE_CACHE_SECONDS="300")


class ErringApp:
    """An app server that says `public` while setting a cookie, or answers 500: Varnish's
    own rules must still keep those out of the cache."""

    RESPONSES = {
        "/healthz": [],
        "/public": [("Cache-Control", "public, max-age=60, s-maxage=300")],
        "/public-with-cookie": [
            ("Cache-Control", "public, max-age=60, s-maxage=300"),
            ("Set-Cookie", "choix=oui; Path=/"),
        ],
        "/private": [("Cache-Control", "private")],
        "/no-store": [("Cache-Control", "public, no-store")],
        "/error": [("Cache-Control", "public, s-maxage=300")],
    }

    def __init__(self):
        self.requests = []
        app = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def do_GET(self):  # noqa: N802 - the HTTP method's name
                app.requests.append(self.path)
                body = b"bonjour\n"
                self.send_response(500 if self.path == "/error" else 200)
                for name, value in app.RESPONSES.get(self.path, []):
                    self.send_header(name, value)
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

            def log_message(self, *args):
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.port = self.server.server_address[1]
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    def close(self):
        self.server.shutdown()
        self.server.server_close()


def test_varnish_never_stores_what_is_personal_even_if_the_app_errs():
    skip_without_varnish()
    app = ErringApp()
    with varnish_workdir() as workdir:
        varnish = Varnish(workdir, app.port)
        varnish.start()
        try:
            varnish.wait_for_app()
            for path in ErringApp.RESPONSES:
                if path != "/healthz":
                    varnish.request(path)
                    statuses = [cache_status(varnish.request(path)) for _ in range(2)]
                    stored = path == "/public"
                    assert statuses == (["hit", "hit"] if stored else ["miss", "miss"]), path
                    assert app.requests.count(path) == (1 if stored else 3), path
        finally:
            varnish.stop()
            app.close()
