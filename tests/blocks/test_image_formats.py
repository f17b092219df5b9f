"""Light images: the image block offers AVIF first when Pillow can encode it, WebP otherwise."""

import re

import pytest
from wagtail.images import get_image_model
from wagtail.images.tests.utils import get_test_image_file

from blocks import ImageBlock, media

pytestmark = pytest.mark.django_db


@pytest.fixture
def photo(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    # Renditions are cached by image id (file hash empty here), and ids come back after each
    # rolled-back test: start from an empty rendition cache.
    get_image_model().get_rendition_model().cache_backend.clear()
    return get_image_model().objects.create(
        title="Atelier", file=get_test_image_file("atelier.png", size=(1600, 1000))
    )


def render(photo):
    block = ImageBlock()
    raw = {"image": photo.pk, "alt_text": "Atelier à Lyon", "decorative": False,
           "caption": "", "credit": ""}  # fmt: skip
    return block.render(block.to_python(raw))


def test_avif_sources_come_before_the_webp_image(photo, monkeypatch):
    monkeypatch.setattr(media, "avif_supported", lambda: True)
    html = render(photo)
    picture = re.search(r"<picture>(.*?)</picture>", html, re.S).group(1)
    source = re.search(r"<source[^>]*>", picture).group(0)
    assert 'type="image/avif"' in source
    assert re.findall(r"\.avif (\d+)w", source) == ["480", "800", "1200"]
    assert 'sizes="(min-width: 50rem) 50rem, 100vw"' in source
    img = re.search(r"<img[^>]*>", picture).group(0)
    assert picture.index("<source") < picture.index("<img")
    assert re.findall(r"\.webp (\d+)w", img) == ["480", "800", "1200"]
    assert 'width="480"' in img and 'height="300"' in img
    assert 'loading="lazy"' in img and 'alt="Atelier à Lyon"' in img
    avif = photo.renditions.get(filter_spec="format-avif|width-800")
    assert avif.file.name.endswith(".avif")
    with avif.file.open("rb") as handle:
        assert handle.read(12)[4:12] == b"ftypavif"  # a real AVIF file


def test_webp_only_when_pillow_cannot_encode_avif(photo, monkeypatch):
    monkeypatch.setattr(media, "avif_supported", lambda: False)
    html = render(photo)
    assert "<picture" not in html and "avif" not in html
    assert re.findall(r"\.webp (\d+)w", html) == ["480", "800", "1200"]


def test_avif_support_follows_pillow():
    from PIL import features

    media.avif_supported.cache_clear()
    assert media.avif_supported() is bool(features.check("avif"))
