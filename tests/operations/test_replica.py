"""The streaming read replica (nec_cms.db_router, docs/operations.md « Réplique PostgreSQL »).

First, the router's decisions, on any database: which requests read the replica, that
writes and migrations never do, how a failing replica is set aside and a GET it failed is
answered again, and that nobody gets a cookie for it.

Then, for real (marked `postgres`): a primary cluster and its replica made with
pg_basebackup (tests/replica.py), and gunicorn with the production settings reading both.
Both clusters log every statement, which tells who served what: anonymous pages and search
from the replica, the admin and staff from the primary, a publish shown at once even when
the replica lags, and the replica stopped under traffic.
"""

import http.client
import json
import subprocess
import sys
import threading
import time
from contextlib import contextmanager, suppress
from urllib.parse import urlencode

import psycopg
import pytest
from django.conf import settings
from django.core.signals import request_finished
from django.db import OperationalError, close_old_connections, connections
from django.http import HttpResponse, StreamingHttpResponse
from django.test import RequestFactory, override_settings
from wagtail.models import Page

from nec_cms import db_router
from nec_cms.db_router import ReplicaMiddleware, ReplicaRouter, mark_down
from tests.caching.conftest import PurgeListener
from tests.replica import primary_and_replica, wait_for_replay
from tests.server import BASE_DIR, Response, SiteServer, production_env

# The clusters and their server are for one module, on one pytest-xdist worker.
pytestmark = pytest.mark.xdist_group("replica")

DATABASE = "nec_replica"
ADMIN_PATH = "gestion-essai/"
RETRY_SECONDS = 3  # NEC_DB_REPLICA_RETRY_SECONDS of the server (30 in production)
CHARTER = "/charte/"
ANONYMOUS_PAGES = ["/", CHARTER, "/editions/", "/en/", "/recherche/?q=inclusion"]


@pytest.fixture(autouse=True)
def replica_up():
    """Each test starts with the replica believed up in this process."""
    db_router._down_until = 0.0
    yield
    db_router._down_until = 0.0


# --- The router's decisions ------------------------------------------------------------------


class FakeReplica:
    """Stands for the replica's connection where there is none (tests on SQLite): holds the
    execute wrappers the middleware installs, and can fail a query through them."""

    def __init__(self):
        self.execute_wrappers = []
        self.refusing = False

    def ensure_connection(self):
        if self.refusing:
            raise OperationalError("connection refused")

    @contextmanager
    def execute_wrapper(self, wrapper):
        self.execute_wrappers.append(wrapper)
        try:
            yield
        finally:
            self.execute_wrappers.pop()

    def fail_a_query(self):
        def executor(sql, params, many, context):
            raise OperationalError("server closed the connection unexpectedly")

        (wrapper,) = self.execute_wrappers
        wrapper(executor, "SELECT 1", None, False, {})


@pytest.fixture
def replica_connection(monkeypatch):
    replica = FakeReplica()
    monkeypatch.setattr(
        db_router, "connections", {"default": connections["default"], "replica": replica}
    )
    return replica


def routed(request, view=None):
    """(where the view's reads went, the response) for `request` through ReplicaMiddleware;
    the request is then finished, as the server does once the response is sent."""
    reads = []

    def get_response(request):
        reads.append(ReplicaRouter().db_for_read(Page))
        return view(request) if view else HttpResponse("ok")

    response = ReplicaMiddleware(get_response)(request)
    # As the test client does: the database connections are the test's, not the request's.
    request_finished.disconnect(close_old_connections)
    try:
        request_finished.send(sender=None)
    finally:
        request_finished.connect(close_old_connections)
    return reads, response


factory = RequestFactory()


@pytest.mark.parametrize(
    ("request_", "reads"),
    [
        (factory.get("/"), "replica"),
        (factory.head(CHARTER), "replica"),
        (factory.get("/recherche/", {"q": "inclusion"}), "replica"),
        (factory.get("/ressources/", {"q": "inclusion"}), "replica"),
        # A visitor who once opened a form with a CSRF token is still anonymous.
        (factory.get(CHARTER, HTTP_COOKIE="csrftoken=abc"), "replica"),
        (factory.get(CHARTER, HTTP_COOKIE=f"{settings.SESSION_COOKIE_NAME}=abc"), "default"),
        (factory.get(f"/{settings.NEC_ADMIN_PATH}"), "default"),
        (factory.get(f"/{settings.NEC_ADMIN_PATH}pages/3/edit/"), "default"),
        (factory.post("/propositions/12/", {"organisation": "Hub"}), "default"),
        (factory.get("/healthz"), "default"),
    ],
    ids=[
        "anonymous page",
        "HEAD",
        "site search",
        "library search",
        "CSRF cookie only",
        "session cookie (staff)",
        "admin",
        "admin page",
        "anonymous POST",
        "health probe",
    ],
)
def test_only_anonymous_public_reads_go_to_the_replica(replica_connection, request_, reads):
    assert routed(request_)[0] == [reads]


def test_writes_migrations_and_work_outside_requests_use_the_primary(replica_connection):
    router = ReplicaRouter()
    assert router.db_for_read(Page) == "default", "outside a request"
    assert router.allow_migrate("default", "wagtailcore") is True
    assert router.allow_migrate("replica", "wagtailcore") is False
    assert router.allow_relation(Page(), Page()) is True

    def view(request):
        assert router.db_for_write(Page) == "default"
        return HttpResponse("ok")

    assert routed(factory.get(CHARTER), view)[0] == ["replica"]
    assert router.db_for_read(Page) == "default", "the request is over"


@override_settings(NEC_DB_REPLICA_RETRY_SECONDS=0.3)
def test_a_replica_that_refuses_is_set_aside_then_tried_again(replica_connection):
    replica_connection.refusing = True
    assert routed(factory.get(CHARTER))[0] == ["default"]
    replica_connection.refusing = False
    assert routed(factory.get(CHARTER))[0] == ["default"], "left alone for a while"
    time.sleep(0.35)
    assert routed(factory.get(CHARTER))[0] == ["replica"]
    mark_down("behind")
    assert routed(factory.get(CHARTER))[0] == ["default"]


def test_a_public_get_the_replica_failed_is_answered_again_from_the_primary(replica_connection):
    def view(request):
        if db_router.reads_replica():
            try:
                replica_connection.fail_a_query()
            except OperationalError:
                return HttpResponse("indisponible", status=503)  # nec_cms.views.server_error
        return HttpResponse("ok")

    reads, response = routed(factory.get(CHARTER), view)
    assert reads == ["replica", "default"]
    assert response.status_code == 200 and response.content == b"ok"
    assert not db_router.replica_believed_up(), "set aside for the next requests"
    assert routed(factory.get(CHARTER))[0] == ["default"]


def test_only_a_replica_failure_is_answered_again(replica_connection):
    """Neither an error of the page itself, nor a response already streaming."""
    reads, response = routed(factory.get(CHARTER), lambda request: HttpResponse(status=500))
    assert (reads, response.status_code) == (["replica"], 500)
    assert db_router.replica_believed_up()

    def streaming(request):
        with suppress(OperationalError):
            replica_connection.fail_a_query()
        response = StreamingHttpResponse(iter([b"a"]))
        response.status_code = 503
        return response

    reads, response = routed(factory.get("/donnees/ressources.csv"), streaming)
    assert (reads, response.status_code) == (["replica"], 503)


@pytest.mark.django_db
def test_nobody_gets_a_cookie_from_the_replica_routing(client, replica_connection, monkeypatch):
    """Anonymous visitors get no cookie, before or after posting the call for organisers'
    form: its answer comes from the POST itself, on the primary (no marker cookie)."""
    from agenda.models import OrganiserFormPage
    from tests.agenda.test_proposals import ANSWERS

    monkeypatch.setitem(db_router.connections, "replica", connections["default"])
    middleware = list(settings.MIDDLEWARE)
    middleware.insert(
        middleware.index("caching.memory.ContentVersionMiddleware"),
        "nec_cms.db_router.ReplicaMiddleware",
    )
    page = OrganiserFormPage.objects.get(locale__language_code="fr")
    with override_settings(MIDDLEWARE=middleware):
        first = client.get(page.url)
        posted = client.post(f"/propositions/{page.pk}/", ANSWERS)
        after = client.get(CHARTER)
    assert [first.status_code, posted.status_code, after.status_code] == [200, 200, 200]
    assert "Merci, votre proposition est envoyée" in posted.content.decode()
    assert not first.cookies and not posted.cookies and not after.cookies


def settings_with(**environment):
    """The settings a process with this environment gets: (databases, routers, middleware),
    or the error that stops it."""
    result = subprocess.run(  # noqa: S603 - our own interpreter and settings
        [
            sys.executable,
            "-c",
            "import json; from django.conf import settings; print(json.dumps(["
            "settings.DATABASES, settings.DATABASE_ROUTERS, settings.MIDDLEWARE], default=str))",
        ],
        cwd=BASE_DIR,
        env={
            "DJANGO_SETTINGS_MODULE": "nec_cms.settings.test",
            "PATH": "/usr/bin:/bin",
            **environment,
        },
        capture_output=True,
        text=True,
        timeout=60,
    )
    if result.returncode != 0:
        return result.stderr.strip().splitlines()[-1]
    return json.loads(result.stdout)


def test_without_a_replica_url_nothing_changes():
    databases, routers, middleware = settings_with(DATABASE_URL="sqlite:///unused.sqlite3")
    assert list(databases) == ["default"]
    assert routers == []
    assert "nec_cms.db_router.ReplicaMiddleware" not in middleware
    # This very test session: no replica either, unless DATABASE_REPLICA_URL is set.
    assert ("replica" in settings.DATABASES) == bool(settings.DATABASE_ROUTERS)


def test_a_replica_url_adds_the_replica_its_router_and_middleware():
    databases, routers, middleware = settings_with(
        DATABASE_URL="postgres://nec@db.example:5432/nec",
        DATABASE_REPLICA_URL="postgres://nec@replica.example:5433/nec",
    )
    replica = databases["replica"]
    assert (replica["HOST"], replica["PORT"], replica["NAME"]) == ("replica.example", 5433, "nec")
    assert replica["OPTIONS"] == {**databases["default"]["OPTIONS"], "connect_timeout": 2}
    assert replica["TEST"]["MIRROR"] == "default"
    assert routers == ["nec_cms.db_router.ReplicaRouter"]
    position = middleware.index("nec_cms.db_router.ReplicaMiddleware")
    assert middleware[position + 1] == "caching.memory.ContentVersionMiddleware"
    assert position > middleware.index("whitenoise.middleware.WhiteNoiseMiddleware")

    refused = settings_with(
        DATABASE_URL="sqlite:///unused.sqlite3",
        DATABASE_REPLICA_URL="postgres://nec@replica.example:5433/nec",
    )
    assert refused == (
        "django.core.exceptions.ImproperlyConfigured: "
        "DATABASE_REPLICA_URL needs PostgreSQL, as DATABASE_URL."
    )


# --- For real: a primary, its streaming replica, gunicorn -----------------------------------


class ReplicaWatch(PurgeListener):
    """Varnish's PURGE endpoint, which also notes whether the replica already held the
    title `expected` when each purge arrived."""

    def __init__(self, replica):
        self.replica = replica
        self.expected = None
        self.replica_held = []
        super().__init__()

    def handler(self):
        listener = self
        base = super().handler()

        class Handler(base):
            def do_PURGE(self):  # noqa: N802 - the HTTP method's name
                try:
                    title = listener.replica.execute(
                        "SELECT title FROM wagtailcore_page WHERE slug = 'charte'",
                        database=DATABASE,
                    )
                except psycopg.OperationalError:
                    title = None  # the replica is down
                listener.replica_held.append(title == [(listener.expected,)])
                super().do_PURGE()

        return Handler


# Run in the server's environment: publishes the charter under a new title as an editor's
# click would (the purge follows the commit), timing the purge's wait for the replica.
PUBLISH = """
import json, time
import django
django.setup()
from wagtail.models import Page
from caching import purge
waits = []
wait = purge.wait_for_replica
def timed():
    started = time.monotonic()
    caught_up = wait()
    waits.append({{"seconds": round(time.monotonic() - started, 3), "caught_up": caught_up}})
    return caught_up
purge.wait_for_replica = timed
page = Page.objects.get(slug="charte", locale__language_code="fr").specific
page.title = {title!r}
page.save_revision().publish()
print(json.dumps({{"waits": waits, "pending": purge.pending_purges().count()}}))
"""


class ReplicatedSite:
    def __init__(self, workdir, primary, replica):
        self.primary = primary
        self.replica = replica
        self.purges = ReplicaWatch(replica)
        self.server = SiteServer(
            workdir,
            env=production_env(
                workdir,
                # Production's settings, static files from the finders (no collectstatic).
                DJANGO_SETTINGS_MODULE="tests.caching.stack_settings",
                DATABASE_URL=primary.url(DATABASE),
                DATABASE_REPLICA_URL=replica.url(DATABASE),
                NEC_DB_REPLICA_RETRY_SECONDS=str(RETRY_SECONDS),
                NEC_ADMIN_PATH=ADMIN_PATH,
                NEC_VARNISH_URLS=self.purges.url,
                SECURE_SSL_REDIRECT="0",
                # The proposal's mail to moderators goes nowhere.
                EMAIL_BACKEND="django.core.mail.backends.locmem.EmailBackend",
            ),
            ready_path="/healthz",
        )
        self.server.workers = 2

    def prepare(self):
        self.primary.execute(f'CREATE DATABASE "{DATABASE}"')
        self.server.run("manage.py", "migrate", "--noinput", "--verbosity", "0")
        self.server.run("manage.py", "load_nec_content", "--verbosity", "0")
        # An editor's session (tests/caching/stack_tasks.py), as a browser carries it.
        tasks = self.server.run("-m", "tests.caching.stack_tasks", "prepare")
        self.session = json.loads(tasks.strip().splitlines()[-1])["session"]

    def served(self, method, path, headers=None, body=None):
        """(response, the statements each cluster ran for it: primary's, replica's)."""
        marks = self.primary.log_mark(), self.replica.log_mark()
        if body is None:
            response = self.server.request(method, path, headers)
        else:
            response = post(self.server, path, body)
        return (
            response,
            self.primary.statements_since(marks[0], DATABASE),
            self.replica.statements_since(marks[1], DATABASE),
        )

    def publish(self, title):
        self.purges.expected = title
        self.purges.replica_held.clear()
        return self.server.script(PUBLISH.format(title=title))


def post(server, path, fields):
    connection = http.client.HTTPConnection("127.0.0.1", server.port, timeout=30)
    try:
        connection.request(
            "POST",
            path,
            body=urlencode(fields),
            headers={"Content-Type": "application/x-www-form-urlencoded"},
        )
        response = connection.getresponse()
        return Response(response.status, response.getheaders(), response.read())
    finally:
        connection.close()


def page_reads(statements):
    """The statements that read the page tree, as rendering any page does."""
    return [sql for sql in statements if 'FROM "wagtailcore_page"' in sql]


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    with primary_and_replica() as (primary, replica):
        replicated = ReplicatedSite(tmp_path_factory.mktemp("replica"), primary, replica)
        try:
            replicated.prepare()
            replicated.server.start()
            wait_for_replay(primary, replica)
            yield replicated
        finally:
            replicated.server.stop()
            replicated.purges.down()


@pytest.fixture
def replicated(site):
    """The site with its replica running and caught up, and set aside nowhere any more."""
    if not (site.replica.datadir / "postmaster.pid").exists():
        site.replica.start()
    wait_for_replay(site.primary, site.replica)
    deadline = time.monotonic() + RETRY_SECONDS + 10
    while not page_reads(site.served("GET", CHARTER)[2]):
        assert time.monotonic() < deadline, "the replica never served again"
        time.sleep(0.3)
    return site


@pytest.mark.postgres
def test_anonymous_pages_and_search_are_read_from_the_replica(replicated):
    for path in [*ANONYMOUS_PAGES, "/ressources/?q=inclusion"]:
        for _ in range(2):  # each of the two workers, most likely
            response, on_primary, on_replica = replicated.served("GET", path)
            assert response.status == 200, path
            assert response.header("Set-Cookie") is None, path
            assert page_reads(on_replica), f"{path}: the pages are read from the replica"
            assert not page_reads(on_primary), f"{path}: {page_reads(on_primary)}"
    for path in ("/recherche/?q=inclusion", "/ressources/?q=inclusion"):
        response, on_primary, on_replica = replicated.served("GET", path)
        assert response.status == 200
        matching = [sql for sql in on_replica if "search_searchmatch" in sql and "@@" in sql]
        assert matching and "inclusion" in matching[0], f"{path}: the search ran on the replica"
        on_primary_search = [
            sql for sql in on_primary if "search_search" in sql or "pg_class" in sql
        ]
        assert not on_primary_search, f"{path}: ranked or estimated on the primary"
        assert [sql for sql in on_replica if "ts_rank" in sql], f"{path}: ranked on the replica"


@pytest.mark.postgres
def test_the_admin_staff_and_posts_read_the_primary(replicated):
    staff = {"Cookie": f"sessionid={replicated.session}"}
    for path in (CHARTER, f"/{ADMIN_PATH}", "/"):
        response, on_primary, on_replica = replicated.served("GET", path, staff)
        assert response.status in (200, 302), path
        assert on_replica == [], f"{path}: staff never read the replica"
        assert on_primary
    response, on_primary, on_replica = replicated.served("GET", CHARTER, staff)
    assert "w-userbar" in response.text and page_reads(on_primary)

    response, on_primary, on_replica = replicated.served("GET", f"/{ADMIN_PATH}login/")
    assert response.status == 200 and on_replica == []

    from tests.agenda.test_proposals import ANSWERS

    (form_id,) = replicated.primary.execute(
        "SELECT page_ptr_id FROM agenda_organiserformpage f JOIN wagtailcore_page p "
        "ON p.id = f.page_ptr_id JOIN wagtailcore_locale l ON l.id = p.locale_id "
        "WHERE l.language_code = 'fr'",
        database=DATABASE,
    )[0]
    response, on_primary, on_replica = replicated.served(
        "POST", f"/propositions/{form_id}/", body=ANSWERS
    )
    assert response.status == 200 and "Merci, votre proposition est envoyée" in response.text
    assert response.header("Set-Cookie") is None, "no marker cookie: nothing to read back"
    assert on_replica == [] and any("INSERT INTO" in sql for sql in on_primary)


@pytest.mark.postgres
def test_a_publish_is_visible_at_once_even_when_the_replica_lags(replicated):
    published = replicated.publish("La charte, révisée")
    (wait,) = published["waits"]
    assert wait["caught_up"] and wait["seconds"] < 1, wait
    assert replicated.purges.replica_held == [True], "purged once the replica held it"
    print(f"\nlag wait, replica streaming: {wait['seconds']:.3f} s")
    response, on_primary, on_replica = replicated.served("GET", CHARTER)
    assert "La charte, révisée" in response.text and page_reads(on_replica)

    replicated.replica.execute("SELECT pg_wal_replay_pause()")
    try:
        published = replicated.publish("La charte, révisée deux fois")
        (wait,) = published["waits"]
        assert not wait["caught_up"], "the replica replays nothing"
        assert 5 <= wait["seconds"] < 6, wait
        assert published["pending"] == 0, "purged anyway"
        assert replicated.purges.replica_held == [False]
        print(f"lag wait, replay paused: {wait['seconds']:.3f} s, then purged anyway")
        for _ in range(6):  # both workers, which never heard of the publish
            response, on_primary, on_replica = replicated.served("GET", CHARTER)
            assert response.status == 200
            assert "La charte, révisée deux fois" in response.text, "served from the primary"
            assert page_reads(on_primary) and not page_reads(on_replica)
    finally:
        replicated.replica.execute("SELECT pg_wal_replay_resume()")
    wait_for_replay(replicated.primary, replicated.replica)
    response, on_primary, on_replica = replicated.served("GET", CHARTER)
    assert "La charte, révisée deux fois" in response.text and page_reads(on_replica)


@pytest.mark.postgres
def test_the_replica_stopped_under_traffic(replicated):
    """200 anonymous requests from 4 visitors at once; the replica is stopped as a crash
    would stop it (`immediate`) a quarter of the way. Requests in flight are answered
    again from the primary; the rest go there at once. Started again, the replica replays
    what was published meanwhile and serves again."""
    results = []
    lock = threading.Lock()

    def visitor(number):
        for index in range(50):
            path = ANONYMOUS_PAGES[(number + index) % len(ANONYMOUS_PAGES)]
            started = time.monotonic()
            try:
                status = replicated.server.get(path).status
            except OSError:
                status = 0
            with lock:
                results.append((started, time.monotonic(), path, status))

    visitors = [threading.Thread(target=visitor, args=(number,)) for number in range(4)]
    for thread in visitors:
        thread.start()
    deadline = time.monotonic() + 60
    while len(results) < 50:
        assert time.monotonic() < deadline, "the traffic did not start"
        time.sleep(0.01)
    stopping = time.monotonic()
    replicated.replica.stop("immediate")
    stopped = time.monotonic()
    for thread in visitors:
        thread.join(120)

    failed = [result for result in results if result[3] != 200]
    after = [result for result in results if result[0] > stopped]
    in_flight = [result for result in results if result[0] < stopped and result[1] > stopping]
    print(
        f"\n{len(results)} requests, {len(in_flight)} in flight while the replica stopped, "
        f"{len(failed)} failed, {len(after)} after it stopped"
    )
    assert len(results) == 200
    assert in_flight, "the replica stopped under traffic"
    assert failed == [], "requests in flight are answered again from the primary"
    assert after and all(status == 200 for *_, status in after)

    # Published while the replica is down: nothing lost, it replays it once started.
    published = replicated.publish("La charte, pendant la panne")
    assert published["waits"][0]["caught_up"] is False and published["pending"] == 0
    response, on_primary, on_replica = replicated.served("GET", CHARTER)
    assert "La charte, pendant la panne" in response.text and page_reads(on_primary)

    replicated.replica.start()
    wait_for_replay(replicated.primary, replicated.replica)
    deadline = time.monotonic() + RETRY_SECONDS + 15
    back = time.monotonic()
    while True:
        response, on_primary, on_replica = replicated.served("GET", CHARTER)
        assert response.status == 200 and "La charte, pendant la panne" in response.text
        if page_reads(on_replica):
            break
        assert time.monotonic() < deadline, "reads never went back to the replica"
        time.sleep(0.2)
    print(f"reads back on the replica {time.monotonic() - back:.1f} s after it started")
