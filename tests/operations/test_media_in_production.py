"""Uploaded files with the production settings, under gunicorn, as Varnish will ask for them:
images and their renditions answer with their type and cache headers, documents only
through Wagtail's view (a private one stays private), nothing else under /media/. And a
page published in production is measured by the task worker, not by the request."""

import pytest

from tests.server import SiteServer, production_env

HOST = "localhost"

SETUP_SCRIPT = r"""
import io, json
import django
django.setup()
from django.contrib.auth import get_user_model
from django.contrib.sessions.backends.db import SessionStore
from django.core.files.base import ContentFile
from django.core.files.images import ImageFile
from PIL import Image as PILImage
from wagtail.documents.models import Document
from wagtail.images.models import Image
from wagtail.models import Collection, CollectionViewRestriction

buffer = io.BytesIO()
PILImage.effect_noise((320, 240), 64).convert("RGB").save(buffer, "PNG")
image = Image(title="Plénière")
upload = ImageFile(io.BytesIO(buffer.getvalue()), name="pleniere.png")
image.file.save("pleniere.png", upload, save=False)
image.save()
rendition = image.get_rendition("fill-160x120|format-webp")

root = Collection.get_first_root_node()
private = root.add_child(name="Documents internes")
CollectionViewRestriction.objects.create(
    collection=private, restriction_type=CollectionViewRestriction.LOGIN
)
public_doc = Document(title="Programme", collection=root)
public_doc.file.save("programme.pdf", ContentFile(b"%PDF-1.4 programme public\n"), save=False)
public_doc.save()
private_doc = Document(title="Budget", collection=private)
private_doc.file.save("budget.pdf", ContentFile(b"%PDF-1.4 budget interne\n"), save=False)
private_doc.save()

staff = get_user_model().objects.create_superuser("moderation", "moderation@example.org", "x")
session = SessionStore()
session["_auth_user_id"] = str(staff.pk)
session["_auth_user_backend"] = "django.contrib.auth.backends.ModelBackend"
session["_auth_user_hash"] = staff.get_session_auth_hash()
session.save()

print(json.dumps({
    "image": image.file.url,
    "rendition": rendition.url,
    "public_doc": public_doc.url,
    "private_doc": private_doc.url,
    "private_doc_file": "/media/" + private_doc.file.name,
    "session": session.session_key,
}))
"""

PUBLISH_SCRIPT = r"""
import json
import django
django.setup()
from django.conf import settings
from django_tasks_db.models import DBTaskResult
from home.models import CharterPage
from quality.models import PageMeasurement

PageMeasurement.objects.all().delete()
charter = CharterPage.objects.get(locale__language_code="fr")
charter.save_revision().publish()
print(json.dumps({
    "page": charter.pk,
    "backend": settings.TASKS["background"]["BACKEND"],
    "queued": [
        [task.task_path, task.args_kwargs["args"]]
        for task in DBTaskResult.objects.filter(status="READY")
    ],
    "measured": list(PageMeasurement.objects.values_list("page_id", flat=True)),
}))
"""

MEASURED_SCRIPT = r"""
import json
import django
django.setup()
from quality.models import PageMeasurement
print(json.dumps(list(PageMeasurement.objects.values("page_id", "url", "ecoindex_grade"))))
"""


# One server for the module: its tests share its database and files, so they run on one
# pytest-xdist worker.
pytestmark = pytest.mark.xdist_group("production-media")


class ProductionSite(SiteServer):
    """The shared server (tests/server.py) with the production settings, asked as Varnish
    asks: the site's host, HTTPS said by the proxy."""

    def __init__(self, workdir):
        super().__init__(workdir, env=production_env(workdir, host=HOST), ready_path="/healthz")

    def request(self, method, path, headers=None):
        return super().request(
            method, path, {"Host": HOST, "X-Forwarded-Proto": "https", **(headers or {})}
        )

    def prepare(self):
        """The production database and files, with the images and documents to serve."""
        self.run("manage.py", "migrate", "--noinput", "--verbosity", "0")
        self.run("manage.py", "collectstatic", "--noinput", "--verbosity", "0")
        self.run("manage.py", "load_nec_content", "--verbosity", "0")
        self.files = self.script(SETUP_SCRIPT)
        # A file that is not an image, dropped among the originals: never served.
        (self.workdir / "media" / "original_images" / "page.html").write_text("<script></script>")


# Session-scoped: pytest-xdist may hand this module's tests to its worker in more than one
# batch, and a module-scoped server was then built twice (about 40 s each time).
@pytest.fixture(scope="session")
def site(tmp_path_factory):
    with ProductionSite(tmp_path_factory.mktemp("production-media")).serving() as site:
        yield site


def test_an_image_and_its_rendition_are_served_with_their_type_and_cache_headers(site):
    for path, content_type in ((site.files["image"], "image/png"),
                               (site.files["rendition"], "image/webp")):  # fmt: skip
        assert path.startswith("/media/")
        response = site.request("GET", path)
        assert response.status == 200, path
        assert response.header("Content-Type") == content_type
        assert response.header("X-Content-Type-Options") == "nosniff"
        assert "s-maxage=31536000" in response.header("Cache-Control")
        assert response.header("Set-Cookie") is None
        assert len(response.body) == int(response.header("Content-Length")) > 100

        again = site.request("GET", path, {"If-Modified-Since": response.header("Last-Modified")})
        assert again.status == 304 and again.body == b""
        assert site.request("HEAD", path).status == 200


@pytest.mark.parametrize(
    "path",
    [
        "/media/",
        "/media/images/",
        "/media/original_images/",
        "/media/original_images/page.html",
        "/media/images/../documents/programme.pdf",
        "/media/images/%2e%2e/documents/programme.pdf",
        "/media/original_images/pleniere-absente.png",
    ],
)
def test_nothing_but_images_is_served_from_media(site, path):
    assert site.request("GET", path).status == 404


def test_documents_are_never_served_from_media(site):
    assert site.request("GET", site.files["private_doc_file"]).status == 404
    assert site.request("GET", "/media/documents/programme.pdf").status == 404


def test_a_public_document_is_served_by_wagtail(site):
    response = site.request("GET", site.files["public_doc"])
    assert response.status == 200
    assert response.body == b"%PDF-1.4 programme public\n"
    assert response.header("Content-Type") == "application/pdf"
    assert response.header("X-Content-Type-Options") == "nosniff"


def test_a_private_document_stays_private(site):
    anonymous = site.request("GET", site.files["private_doc"])
    assert anonymous.status in (302, 403)
    if anonymous.status == 302:
        assert "login" in anonymous.header("Location")
    assert b"budget interne" not in anonymous.body
    assert "public" not in (anonymous.header("Cache-Control") or "")

    staff = site.request(
        "GET", site.files["private_doc"], {"Cookie": f"sessionid={site.files['session']}"}
    )
    assert staff.status == 200
    assert staff.body == b"%PDF-1.4 budget interne\n"
    assert staff.header("Cache-Control") == "private, no-store"


def test_a_published_page_is_measured_by_the_worker_not_by_the_request(site):
    published = site.script(PUBLISH_SCRIPT)
    assert published["backend"] == "django_tasks_db.DatabaseBackend"
    # The seed's pages were queued as they were published, and so is the charter.
    assert ["quality.tasks.measure_published_page", [published["page"]]] in published["queued"]
    assert published["measured"] == []

    site.run(
        "manage.py", "db_worker", "--batch", "--backend", "background", "--no-startup-delay",
        timeout=120,
    )  # fmt: skip
    measured = {row["page_id"]: row for row in site.script(MEASURED_SCRIPT)}
    assert published["page"] in measured
    assert measured[published["page"]]["url"] == "/charte/"
    assert measured[published["page"]]["ecoindex_grade"] == "A"
