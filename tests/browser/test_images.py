"""Images in a real browser: AVIF first when the server can encode it, WebP otherwise,
responsive candidates, intrinsic size set, lazy loading — and the browser really loads the
lightest format."""

import pytest

from blocks.media import avif_supported
from tests.browser import scripts
from tests.browser.pages import PAGES

pytestmark = pytest.mark.browser

BLOCKS_PAGE = next(case for case in PAGES if case.name == "blocs-de-contenu")

IMAGE_FACTS = """
() => Array.from(document.querySelectorAll("main figure.nec-image img")).map((img) => ({
    sources: Array.from(img.closest("picture")?.querySelectorAll("source") || []).map(
        (s) => ({type: s.type, srcset: s.srcset, sizes: s.sizes})),
    srcset: img.getAttribute("srcset"),
    sizes: img.getAttribute("sizes"),
    width: Number(img.getAttribute("width")),
    height: Number(img.getAttribute("height")),
    loading: img.getAttribute("loading"),
    alt: img.getAttribute("alt"),
    complete: img.complete,
    naturalWidth: img.naturalWidth,
    naturalHeight: img.naturalHeight,
    currentSrc: img.currentSrc,
}))
"""


def test_images_are_responsive_lazy_and_in_the_lightest_format(
    browser, pages, site_server, new_context
):
    path = pages.require(BLOCKS_PAGE)
    page = new_context().new_page()
    loaded_types = {}
    page.on(
        "response",
        lambda response: loaded_types.__setitem__(
            response.url, response.headers.get("content-type", "")
        ),
    )
    page.goto(site_server.url(path), wait_until="load")
    page.evaluate(scripts.SCROLL_TO_BOTTOM)
    page.wait_for_load_state("networkidle")

    images = page.evaluate(IMAGE_FACTS)
    assert images, "the page shows no image block"
    for image in images:
        assert image["alt"], "the image block lost its alt text"
        assert image["loading"] == "lazy"
        assert image["sizes"]
        assert image["srcset"].count("w,") == 2 and ".webp" in image["srcset"]
        assert image["width"] > 0 and image["height"] > 0
        assert image["complete"] and image["naturalWidth"] > 0, "the image did not load"
        # width/height give the real aspect ratio: no layout shift when the image arrives.
        assert (
            abs(image["width"] / image["height"] - image["naturalWidth"] / image["naturalHeight"])
            < 0.02
        )
        if avif_supported():
            assert [source["type"] for source in image["sources"]] == ["image/avif"]
            assert image["sources"][0]["srcset"].count(".avif") == 3
            assert image["currentSrc"].endswith(".avif"), image["currentSrc"]
            assert loaded_types[image["currentSrc"]] == "image/avif"
        else:
            assert image["currentSrc"].endswith(".webp"), image["currentSrc"]
