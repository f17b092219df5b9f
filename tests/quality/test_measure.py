"""What ``quality.measure`` counts for a page: HTML, the files a browser would fetch, their
compressed size, the HTML elements."""

import gzip

import pytest
from bs4 import BeautifulSoup
from django.contrib.staticfiles import finders

from quality.measure import (
    compressed_size,
    count_elements,
    measure_html,
    pick_from_srcset,
)


def file_bytes(static_name):
    with open(finders.find(static_name), "rb") as handle:
        return handle.read()


def test_text_is_counted_gzipped_and_images_as_they_are():
    css = file_bytes("css/nec.css")
    assert compressed_size(css, "nec.css") == len(gzip.compress(css, 9, mtime=0))
    assert compressed_size(css, "nec.css") < len(css) / 2
    assert compressed_size(b"\x89PNG" + bytes(range(256)) * 40, "photo.png") == 4 + 256 * 40
    tiny = b"x"  # gzip would make it bigger: sent as is
    assert compressed_size(tiny, "a.txt") == 1


def test_srcset_candidate_is_the_narrowest_covering_an_800_px_column():
    srcset = "/a-480.avif 480w, /a-800.avif 800w, /a-1200.avif 1200w"
    assert pick_from_srcset(srcset) == "/a-800.avif"
    assert pick_from_srcset("/s.webp 320w, /m.webp 640w") == "/m.webp"
    assert pick_from_srcset("") is None


def test_elements_inside_svg_are_left_out_of_the_ecoindex_count():
    soup = BeautifulSoup(
        "<html><body><p>a</p><svg><g><rect/><rect/></g></svg></body></html>", "html.parser"
    )
    assert count_elements(soup) == (7, 4)


@pytest.mark.django_db
def test_page_with_styles_picture_and_an_external_script(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    (tmp_path / "images").mkdir()
    (tmp_path / "images" / "p-800.avif").write_bytes(b"A" * 5000)
    (tmp_path / "images" / "p-480.webp").write_bytes(b"W" * 9000)
    html = b"""<!doctype html><html lang="fr"><head><title>t</title>
    <link rel="stylesheet" href="/static/css/nec.css">
    <link rel="stylesheet" href="/static/css/nec.css">
    <link rel="icon" href="/static/img/favicon.svg">
    <link rel="canonical" href="/page/">
    <script src="https://tiers.example/tracker.js"></script></head>
    <body><main><picture>
      <source type="image/avif" srcset="/media/images/p-800.avif 800w">
      <img src="/media/images/p-480.webp" alt="Atelier" width="480" height="300">
    </picture></main></body></html>"""
    measurement = measure_html(html, "http://localhost/page/")

    urls = [resource.url for resource in measurement.resources]
    assert urls == [
        "http://localhost/static/css/nec.css",  # once, though linked twice
        "http://localhost/static/img/favicon.svg",
        "https://tiers.example/tracker.js",
        "http://localhost/media/images/p-800.avif",  # AVIF source, not the WebP fallback
    ]
    assert measurement.requests == 5
    assert measurement.missing == ["https://tiers.example/tracker.js"]
    css = file_bytes("css/nec.css")
    assert measurement.bytes_of("css") == compressed_size(css, "nec.css")
    assert measurement.bytes_of("image") == 5000
    assert measurement.html_bytes == compressed_size(html, "page.html")
    assert measurement.transfer_bytes == (
        measurement.html_bytes + measurement.bytes_of("css") + 5000
        + compressed_size(file_bytes("img/favicon.svg"), "favicon.svg")
    )  # fmt: skip
    assert measurement.ecoindex.grade == "A"


@pytest.mark.django_db
def test_files_referenced_by_a_stylesheet_are_fetched_too(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    (tmp_path / "fonts").mkdir()
    (tmp_path / "fonts" / "nec.woff2").write_bytes(b"F" * 3000)
    (tmp_path / "theme.css").write_text(
        '@font-face { src: url("fonts/nec.woff2"); }\n'
        ".x { background: url(data:image/gif;base64,R0) }"
    )
    html = b'<html><head><link rel="stylesheet" href="/media/theme.css"></head><body></body></html>'
    measurement = measure_html(html, "http://localhost/")
    assert [(r.url, r.kind, r.size) for r in measurement.resources][1:] == [
        ("http://localhost/media/fonts/nec.woff2", "other", 3000)
    ]
