"""Media on S3-compatible object storage (NEC_S3_BUCKET): uploads land in a private bucket
of a real store (moto's server on loopback), a file keeps its own name, a rendition is made
once, and visitors only ever ask this site: images through /media/, documents through
Wagtail's view, which keeps a private collection private."""

import io
import re

import pytest
from django.core.cache import caches
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.test import Client
from PIL import Image as PILImage
from wagtail.documents.models import Document
from wagtail.images.models import Image
from wagtail.models import Collection, CollectionViewRestriction

from tests.objectstore import s3_storages

pytestmark = [pytest.mark.django_db, pytest.mark.objectstore]


def png(name, colour, size=(320, 240)):
    buffer = io.BytesIO()
    PILImage.new("RGB", size, colour).save(buffer, "PNG")
    return ContentFile(buffer.getvalue(), name=name)


def published_page_with_image(title, slug, size):
    """A content page showing one image of `size`, published."""
    from home.models import ContentPage
    from tests.factories import home_page

    image = Image.objects.create(title="Plénière", file=png(f"{slug}.png", "navy", size))
    page = ContentPage(
        title=title,
        slug=slug,
        body=[("image", {"image": image, "alt_text": "La salle plénière pleine"})],
    )
    home_page().add_child(instance=page)
    page.save_revision().publish()
    return page


def store_away(object_store, bucket, settings):
    """From now on the storage points at a port where no store answers."""
    from nec_cms.settings.storage import object_storage
    from tests.server import free_port

    away = object_store.env(bucket)
    away["NEC_S3_ENDPOINT_URL"] = f"http://127.0.0.1:{free_port()}"
    away["NEC_S3_TIMEOUT"] = "0.5"
    settings.STORAGES = {**settings.STORAGES, "default": object_storage(away)}


@pytest.fixture
def bucket(object_store, settings):
    name = object_store.new_bucket()
    settings.STORAGES = s3_storages(object_store, name)
    return name


@pytest.fixture(autouse=True)
def no_remembered_renditions():
    """Wagtail keeps renditions in Django's cache: each test starts without them."""
    for alias in ("renditions", "default"):
        try:
            caches[alias].clear()
        except Exception:  # noqa: BLE001,S112 - an alias that is not configured
            continue


def test_an_upload_lands_in_the_bucket_not_on_disk(object_store, bucket, settings):
    image = Image.objects.create(title="Plénière", file=png("pleniere.png", "teal"))
    keys = object_store.keys(bucket)
    assert image.file.name in keys
    assert image.file.name.startswith("original_images/")
    assert not (settings.MEDIA_ROOT / image.file.name).exists()
    with default_storage.open(image.file.name) as stored:
        assert stored.read() == png("x.png", "teal").read()


def test_two_uploads_with_one_name_stay_two_files(object_store, bucket):
    first = Image.objects.create(title="Photo 1", file=png("photo.png", "red"))
    second = Image.objects.create(title="Photo 2", file=png("photo.png", "blue"))
    assert first.file.name != second.file.name
    with (
        default_storage.open(first.file.name) as one,
        default_storage.open(second.file.name) as two,
    ):
        assert one.read() != two.read()
    assert {first.file.name, second.file.name} <= set(object_store.keys(bucket))


def test_a_rendition_is_made_once_then_reused(object_store, bucket):
    image = Image.objects.create(title="Atelier", file=png("atelier.png", "orange"))
    rendition = image.get_rendition("fill-160x120|format-webp")
    renditions = {key: value for key, value in object_store.keys(bucket).items()
                  if key.startswith("images/")}  # fmt: skip
    assert list(renditions) == [rendition.file.name]

    # Another process (nothing in memory, nothing in the cache) asks for the same one.
    for alias in ("renditions", "default"):
        try:
            caches[alias].clear()
        except Exception:  # noqa: BLE001,S112
            continue
    again = Image.objects.get(pk=image.pk).get_rendition("fill-160x120|format-webp")
    assert again.pk == rendition.pk
    after = {key: value for key, value in object_store.keys(bucket).items()
             if key.startswith("images/")}  # fmt: skip
    assert after == renditions, "the file was neither written again nor duplicated"


def test_file_urls_are_this_sites_own(bucket):
    image = Image.objects.create(title="Salle", file=png("salle.png", "green"))
    rendition = image.get_rendition("width-200|format-webp")
    document = Document.objects.create(
        title="Programme", file=ContentFile(b"%PDF-1.4 programme", name="programme.pdf")
    )
    assert image.file.url == "/media/" + image.file.name
    assert rendition.url == "/media/" + rendition.file.name
    assert document.url.startswith("/documents/")
    assert "X-Amz" not in rendition.url


def test_a_page_with_an_image_points_only_at_this_site(object_store, bucket, client):
    page = published_page_with_image("Retour en images", "retour-en-images", (1400, 900))
    response = client.get(page.url)
    assert response.status_code == 200
    html = response.content.decode()
    sources = re.findall(r'<img[^>]* src="([^"]+)"', html) + [
        candidate.strip().split(" ")[0]
        for srcset in re.findall(r'srcset="([^"]+)"', html)
        for candidate in srcset.split(",")
    ]
    assert sources, "the page shows the image"
    assert all(source.startswith("/media/images/") for source in sources), sources
    assert object_store.endpoint.split("//")[1] not in html
    for source in sources:
        served = client.get(source)
        assert served.status_code == 200
        assert served["Content-Type"] in {"image/avif", "image/webp"}


def test_images_are_served_by_the_site_from_the_bucket(bucket, client):
    image = Image.objects.create(title="Atelier", file=png("atelier.png", "purple"))
    response = client.get(image.file.url)
    assert response.status_code == 200
    assert response["Content-Type"] == "image/png"
    assert b"".join(response.streaming_content) == png("x.png", "purple").read()
    assert "s-maxage=31536000" in response["Cache-Control"]
    again = client.get(image.file.url, HTTP_IF_MODIFIED_SINCE=response["Last-Modified"])
    assert again.status_code == 304
    assert client.get("/media/original_images/absente.png").status_code == 404
    assert client.get("/media/original_images/../documents/x.pdf").status_code == 404


def test_nothing_in_the_bucket_can_be_read_without_a_signature(object_store, bucket):
    image = Image.objects.create(title="Atelier", file=png("atelier.png", "gray"))
    image.get_rendition("width-100")
    Document.objects.create(
        title="Budget", file=ContentFile(b"%PDF-1.4 budget interne", name="budget.pdf")
    )
    keys = object_store.keys(bucket)
    assert len(keys) == 3
    client = object_store.client()
    for key in keys:
        assert object_store.anonymous_get(bucket, key) == 403, key
        grants = client.get_object_acl(Bucket=bucket, Key=key)["Grants"]
        assert not [grant for grant in grants if "URI" in grant["Grantee"]], (key, grants)


def test_documents_are_streamed_by_wagtail_and_a_private_one_stays_private(
    bucket, moderator_client
):
    client = Client()
    root = Collection.get_first_root_node()
    private = root.add_child(name="Documents internes")
    CollectionViewRestriction.objects.create(
        collection=private, restriction_type=CollectionViewRestriction.LOGIN
    )
    public = Document.objects.create(
        title="Programme", collection=root,
        file=ContentFile(b"%PDF-1.4 programme public", name="programme.pdf"),
    )  # fmt: skip
    secret = Document.objects.create(
        title="Budget", collection=private,
        file=ContentFile(b"%PDF-1.4 budget interne", name="budget.pdf"),
    )  # fmt: skip

    answer = client.get(public.url)
    assert answer.status_code == 200
    assert b"".join(answer.streaming_content) == b"%PDF-1.4 programme public"

    refused = client.get(secret.url)
    assert refused.status_code == 302 and "login" in refused["Location"]
    assert client.get("/media/" + secret.file.name).status_code == 404

    staff = moderator_client.get(secret.url)
    assert staff.status_code == 200
    assert b"".join(staff.streaming_content) == b"%PDF-1.4 budget interne"


def test_a_store_that_does_not_answer_gives_a_503_not_a_500(object_store, settings, client):
    stored = Image.objects.create(title="Local", file=png("local.png", "white"))
    store_away(object_store, "absent", settings)
    response = client.get("/media/" + stored.file.name)
    assert response.status_code == 503
    assert response["Retry-After"] == "30"
    assert response["Cache-Control"] == "no-store"


def test_a_page_still_renders_while_the_store_is_away(object_store, bucket, settings, client):
    """A rendition not made yet cannot be made without the original: the page is served
    with the image missing, not turned into an error."""
    page = published_page_with_image("Sans stockage", "sans-stockage", (900, 600))
    store_away(object_store, bucket, settings)
    response = client.get(page.url)
    assert response.status_code == 200
    assert "Sans stockage" in response.content.decode()


def test_a_document_answers_503_while_the_store_is_away(object_store, bucket, settings):
    document = Document.objects.create(
        title="Programme", file=ContentFile(b"%PDF-1.4 programme", name="programme.pdf")
    )
    store_away(object_store, bucket, settings)
    client = Client(raise_request_exception=False)
    response = client.get(document.url)
    assert response.status_code == 503
    assert response["Retry-After"] == "30"
