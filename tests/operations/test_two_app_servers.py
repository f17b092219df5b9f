"""Two app servers behind one Varnish, as production grows to: two gunicorns (production
settings) sharing PostgreSQL, Redis and object storage (moto's S3 server), Varnish balancing
them with its round-robin director and probing /healthz. Every part is a real process on
loopback; faults are injected by stopping them.

- an image uploaded through one server is served by the other;
- a publish through one server purges what both serve;
- an administrator's session works whichever server answers;
- one server stopped in the middle of visitors' traffic: visitors and editors go on;
- Redis stopped in the middle of traffic: pages are computed without it, nothing lost.

Needs varnishd, redis-server and moto's server; with NEC_REQUIRE_ALL=1 (CI) nothing skips.
"""

import email.utils
import http.client
import json
import shutil
import subprocess
import sys
import threading
import uuid
from pathlib import Path
from urllib.parse import quote

import pytest

from tests.caching.stack import (
    ADMIN_PATH,
    HOST,
    HTTPS,
    Varnish,
    clone_test_database,
    drop_clone,
    skip_without_varnish,
    varnish_workdir,
    wait_for_port,
)
from tests.server import BASE_DIR, Response, SiteServer, free_port, stop_process

# Its own Varnish and servers: it may run beside tests/caching/test_varnish.py.
pytestmark = [pytest.mark.varnish, pytest.mark.xdist_group("two-servers"), pytest.mark.django_db]

CHARTER = "/charte/"
WORDS = ["médiation", "inclusion", "tiers-lieux", "données", "communs", "aidants", "sobriété"]


class RedisServer:
    """A redis-server of the test's own (the machine's may serve others): stopped and
    started again on the same port."""

    def __init__(self, workdir):
        self.workdir = Path(workdir)
        self.port = free_port()
        self.process = None

    @property
    def url(self):
        return f"redis://127.0.0.1:{self.port}/0"

    def start(self):
        binary = shutil.which("redis-server")
        if binary is None:
            pytest.skip("These tests need redis-server: apt-get install redis-server.")
        self.process = subprocess.Popen(  # noqa: S603
            [binary, "--port", str(self.port), "--bind", "127.0.0.1", "--save", "",
             "--appendonly", "no", "--dir", str(self.workdir)],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )  # fmt: skip
        wait_for_port(self.port)

    def stop(self):
        if self.process is not None:
            stop_process(self.process)
            self.process = None


class Cluster:
    def __init__(self, workdir, database_url, store, redis):
        self.workdir = Path(workdir)
        self.store = store
        self.redis = redis
        self.bucket = store.new_bucket("cluster")
        ports = [free_port(), free_port()]
        self.varnish = Varnish(self.workdir, *ports)
        shared = {
            "DJANGO_SETTINGS_MODULE": "tests.caching.stack_settings",
            "DATABASE_URL": database_url,
            "SECRET_KEY": "cluster-" + uuid.uuid4().hex * 2,
            "ALLOWED_HOSTS": f"{HOST},127.0.0.1",
            "NEC_ADMIN_PATH": ADMIN_PATH,
            "NEC_VARNISH_URLS": self.varnish.url,
            "NEC_PAGE_CACHE_SECONDS": "300",
            **store.env(self.bucket),
        }
        self.apps = []
        for number, port in enumerate(ports, start=1):
            folder = self.workdir / f"app{number}"
            (folder / "static").mkdir(parents=True)
            app = SiteServer(folder, env={**shared, "STATIC_ROOT": str(folder / "static")},
                             ready_path="/healthz")  # fmt: skip
            app.env["REDIS_URL"] = redis.url  # shared by both, as in production
            app.port = port
            self.apps.append(app)

    def start(self):
        self.prepared = self.task("prepare")
        for app in self.apps:
            app.start()
        self.varnish.start()
        for number in (1, 2):
            self.varnish.wait_for_app(number=number)

    def stop(self):
        self.varnish.stop()
        for app in self.apps:
            app.stop()

    def task(self, *args):
        output = self.apps[0].run("-m", "tests.operations.cluster_tasks", *args, timeout=120)
        return json.loads(output.strip().splitlines()[-1])

    def answered(self, number, text):
        """How many requests app server `number` logged that contain `text`."""
        return self.apps[number - 1].log_path.read_text(errors="replace").count(text)


@pytest.fixture(scope="module")
def cluster(django_db_setup, django_db_blocker, object_store):
    skip_without_varnish()
    with varnish_workdir() as workdir:
        redis = RedisServer(workdir)
        redis.start()
        with django_db_blocker.unblock():
            database_url = clone_test_database(workdir)
        cluster = Cluster(workdir, database_url, object_store, redis)
        try:
            cluster.start()
            yield cluster
        finally:
            cluster.stop()
            redis.stop()
            with django_db_blocker.unblock():
                drop_clone(database_url)


class Staff:
    """An administrator's browser, logged in (both factors), speaking to the port given (one app
    server, or Varnish): its session and CSRF cookies, the Origin a browser sends."""

    def __init__(self, cluster, port):
        self.port = port
        self.cookies = {"sessionid": cluster.prepared["session"]}

    def request(self, method, path, body=b"", headers=None):
        connection = http.client.HTTPConnection("127.0.0.1", self.port, timeout=60)
        cookie = "; ".join(f"{name}={value}" for name, value in self.cookies.items())
        headers = {"Host": HOST, **HTTPS, "Cookie": cookie, "Origin": f"https://{HOST}",
                   "Referer": f"https://{HOST}/{ADMIN_PATH}", **(headers or {})}  # fmt: skip
        try:
            connection.request(method, path, body=body, headers=headers)
            answer = connection.getresponse()
            response = Response(answer.status, answer.getheaders(), answer.read())
        finally:
            connection.close()
        for value in response.header_values("Set-Cookie"):
            name, _, rest = value.partition("=")
            self.cookies[name.strip()] = rest.split(";", 1)[0]
        return response

    def csrf(self):
        if "csrftoken" not in self.cookies:
            assert self.request("GET", f"/{ADMIN_PATH}").status == 200
        return self.cookies["csrftoken"]

    def post_form(self, path, fields):
        body = "&".join(
            f"{name}={value}"
            for name, value in {"csrfmiddlewaretoken": self.csrf(), **fields}.items()
        ).encode()
        return self.request(
            "POST", path, body, {"Content-Type": "application/x-www-form-urlencoded"}
        )

    def upload_image(self, name, data):
        boundary = uuid.uuid4().hex
        field = f"--{boundary}\r\nContent-Disposition: form-data; "
        body = (
            (
                f'{field}name="csrfmiddlewaretoken"\r\n\r\n{self.csrf()}\r\n'
                f'{field}name="files[]"; filename="{name}"\r\nContent-Type: image/png\r\n\r\n'
            ).encode()
            + data
            + f"\r\n--{boundary}--\r\n".encode()
        )
        headers = {
            "Content-Type": f"multipart/form-data; boundary={boundary}",
            "X-Requested-With": "XMLHttpRequest",
        }
        return self.request("POST", f"/{ADMIN_PATH}images/multiple/add/", body, headers)

    def publish(self, page_id):
        """Publish the latest revision of a page (the explorer's bulk action)."""
        return self.post_form(f"/{ADMIN_PATH}bulk/wagtailcore/page/publish/?id={page_id}", {})


def png(colour):
    import io

    from PIL import Image

    buffer = io.BytesIO()
    Image.new("RGB", (400, 300), colour).save(buffer, "PNG")
    return buffer.getvalue()


def test_an_image_uploaded_through_one_server_is_served_by_the_other(cluster):
    first, second = cluster.apps
    data = png("teal")
    uploaded = Staff(cluster, first.port).upload_image("pleniere.png", data)
    assert uploaded.status == 200, uploaded.text[:500]
    image_id = json.loads(uploaded.body)["image_id"]

    made = cluster.task("image", str(image_id))  # the rendition made by another process
    assert made["file"] in cluster.store.keys(cluster.bucket)
    original = second.get(made["url"], headers={"Host": HOST, **HTTPS})
    assert original.status == 200
    assert original.body == data
    rendition = first.get(made["rendition"], headers={"Host": HOST, **HTTPS})
    assert (rendition.status, rendition.header("Content-Type")) == (200, "image/webp")
    through_varnish = cluster.varnish.request(made["rendition"])
    assert through_varnish.body == rendition.body
    for app in cluster.apps:
        assert not any(Path(app.env["MEDIA_ROOT"]).rglob("*.*")), "nothing on local disk"


def test_a_publish_through_one_server_purges_what_both_serve(cluster):
    first, second = cluster.apps
    varnish = cluster.varnish
    title = f"La charte, version {uuid.uuid4().hex[:6]}"
    assert varnish.request(CHARTER).status == 200
    assert varnish.request(CHARTER).header("X-Cache") == "hit"
    assert title not in second.get(CHARTER, headers={"Host": HOST, **HTTPS}).text

    draft = cluster.task("draft", "charte", title)
    assert varnish.request(CHARTER).header("X-Cache") == "hit", "a draft purges nothing"
    published = Staff(cluster, first.port).publish(draft["page"])
    assert published.status == 302, published.text[:500]

    fresh = varnish.request(CHARTER)
    assert fresh.header("X-Cache") == "miss"
    assert title in fresh.text
    for app in cluster.apps:
        assert title in app.get(CHARTER, headers={"Host": HOST, **HTTPS}).text
    assert cluster.task("state", "charte")["title"] == title


def test_an_administrators_session_works_whichever_server_answers(cluster):
    staff = Staff(cluster, cluster.varnish.port)
    before = [cluster.answered(number, f"GET /{ADMIN_PATH}pages/") for number in (1, 2)]
    for _ in range(6):
        page = staff.request("GET", f"/{ADMIN_PATH}pages/")
        assert page.status == 200, page.status
        assert page.header("X-Cache") == "pass"
    after = [cluster.answered(number, f"GET /{ADMIN_PATH}pages/") for number in (1, 2)]
    assert after[0] > before[0] and after[1] > before[1], "both servers answered the admin"

    # A form fetched from one server is accepted by the other (one secret key, one session).
    draft = cluster.task("draft", "charte", "La charte de NEC")
    assert staff.publish(draft["page"]).status == 302
    assert staff.publish(draft["page"]).status == 302


def visitors(cluster, count, during=None, at=None):
    """`count` anonymous visits through Varnish to pages it has not stored (searches with
    varied words), one after another; `during()` is called once `at` have been made. The
    status of each, in order."""
    statuses = []
    for number in range(count):
        if during is not None and number == at:
            threading.Thread(target=during).start()
        word = WORDS[number % len(WORDS)]
        response = cluster.varnish.request(f"/ressources/?q={quote(word)}&v={uuid.uuid4().hex}")
        statuses.append(response.status)
    return statuses


def test_one_server_stopped_in_the_middle_of_traffic(cluster):
    _first, second = cluster.apps
    try:
        statuses = visitors(cluster, 120, during=second.stop, at=30)
        failed = [status for status in statuses if status != 200]
        assert len(failed) <= 1, f"{len(failed)} errors of {len(statuses)}: {failed}"
        cluster.varnish.wait_for_app(healthy=False, number=2)

        # Editors go on: the admin and a publish, through Varnish, on the one server left.
        staff = Staff(cluster, cluster.varnish.port)
        assert all(staff.request("GET", f"/{ADMIN_PATH}").status == 200 for _ in range(4))
        draft = cluster.task("draft", "charte", "La charte, un seul serveur")
        assert staff.publish(draft["page"]).status == 302
        assert "La charte, un seul serveur" in cluster.varnish.request(CHARTER).text
        assert all(status == 200 for status in visitors(cluster, 20))
    finally:
        second.start()
        cluster.varnish.wait_for_app(number=2)
    assert cluster.task("state", "charte")["title"] == "La charte, un seul serveur"


def test_redis_stopped_in_the_middle_of_traffic(cluster):
    first, _second = cluster.apps
    try:
        statuses = visitors(cluster, 90, during=cluster.redis.stop, at=20)
        assert statuses.count(200) == len(statuses), statuses
        # Redis away: an editor publishes, visitors see it, images are still served.
        staff = Staff(cluster, cluster.varnish.port)
        draft = cluster.task("draft", "charte", "La charte, sans Redis")
        assert staff.publish(draft["page"]).status == 302
        assert "La charte, sans Redis" in cluster.varnish.request(CHARTER).text
        uploaded = Staff(cluster, first.port).upload_image("atelier.png", png("orange"))
        made = cluster.task("image", str(json.loads(uploaded.body)["image_id"]))
        assert first.get(made["rendition"], headers={"Host": HOST, **HTTPS}).status == 200
    finally:
        cluster.redis.start()
    assert all(status == 200 for status in visitors(cluster, 20))
    assert cluster.task("state", "charte")["title"] == "La charte, sans Redis"


def test_visitors_get_no_cookie_and_dates_are_http_dates(cluster):
    """Two servers answer the same way: no cookie for visitors, Last-Modified well formed."""
    for _ in range(4):
        page = cluster.varnish.request(f"/?v={uuid.uuid4().hex}")
        assert page.status == 200
        assert page.header("Set-Cookie") is None
    made = cluster.task("image", str(_any_image(cluster)))
    image = cluster.varnish.request(made["url"])
    assert email.utils.parsedate_to_datetime(image.header("Last-Modified"))


def _any_image(cluster):
    uploaded = Staff(cluster, cluster.apps[1].port).upload_image("salle.png", png("gray"))
    assert uploaded.status == 200
    return json.loads(uploaded.body)["image_id"]


def test_both_servers_and_the_proxy_are_configured_from_the_repository():
    """The VCL written for two servers lists both, behind one round-robin director."""
    written = subprocess.run(  # noqa: S603
        [sys.executable, str(BASE_DIR / "deploy" / "varnish" / "configure.py")],
        env={"NEC_APP_SERVERS": "10.0.0.11:8000,10.0.0.12:8000"},
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    assert '.host = "10.0.0.11";' in written and '.host = "10.0.0.12";' in written
    assert "nec_apps.add_backend(nec_app1);" in written
    assert "nec_apps.add_backend(nec_app2);" in written
