"""Forced colours (Windows high contrast and the like), emulated in Chromium: what only a
background colour showed must stay distinguishable once the system's colours replace the
site's — the active suggestion, the chart's bars and legend, the current page of a list."""

import pytest

pytestmark = pytest.mark.browser

COLOURS = """(selector) => Array.from(document.querySelectorAll(selector)).map((el) => {
    const style = getComputedStyle(el);
    return {fill: style.fill, stroke: style.stroke, background: style.backgroundColor,
            border: `${style.borderTopStyle} ${style.borderTopColor}`, color: style.color};
})"""


@pytest.fixture
def forced(new_context):
    def open_page(url):
        page = new_context().new_page()
        page.emulate_media(forced_colors="active", color_scheme="dark")
        page.goto(url)
        assert page.evaluate("matchMedia('(forced-colors: active)').matches")
        return page

    return open_page


def test_the_chart_keeps_its_bars_axes_and_legend(forced, site_server):
    page = forced(site_server.url("/editions/"))
    backdrop = page.evaluate(COLOURS, ".chart svg")[0]["background"]
    present = page.evaluate(COLOURS, ".chart .bar-present")
    online = page.evaluate(COLOURS, ".chart .bar-online")
    axis = page.evaluate(COLOURS, ".chart .axis")[0]
    assert present and online
    assert present[0]["fill"] not in (backdrop, "none")
    assert online[0]["fill"] not in (backdrop, "none", present[0]["fill"])
    assert axis["stroke"] not in (backdrop, "none")
    swatches = page.evaluate(COLOURS, ".legend span")
    assert swatches[0]["background"] == present[0]["fill"]
    assert swatches[1]["background"] == online[0]["fill"]


def test_the_current_page_of_a_list_stands_out(forced, site_server):
    page = forced(site_server.url("/ressources/"))
    current = page.evaluate(COLOURS, '.pagination a[aria-current="page"]')
    others = page.evaluate(COLOURS, '.pagination a:not([aria-current="page"])')
    assert current and others, "the library needs more than one page of resources"
    assert current[0]["border"] != others[0]["border"]
    assert not current[0]["border"].startswith("none")


def test_the_active_suggestion_stands_out(forced, site_server):
    page = forced(site_server.url("/"))
    box = page.locator("#header-q")
    box.click()
    box.press_sequentially("edit", delay=30)
    options = page.locator("#" + box.get_attribute("aria-controls") + " [role=option]")
    options.nth(1).wait_for()
    box.press("ArrowDown")
    active = page.evaluate(COLOURS, '[role=option][aria-selected="true"]')
    idle = page.evaluate(COLOURS, '[role=option]:not([aria-selected="true"])')
    assert active and idle
    assert active[0]["background"] != idle[0]["background"]
    assert active[0]["color"] != idle[0]["color"]


def test_the_region_map_keeps_its_shades_and_legend(forced, site_server):
    page = forced(site_server.url("/nec-locaux/"))
    swatches = [page.evaluate(COLOURS, f".region-map .legend .shade-{n}") for n in range(4)]
    assert all(swatches), "the map's legend has a swatch per shade"
    backgrounds = [swatch[0]["background"] for swatch in swatches]
    assert len(set(backgrounds)) == 4, f"the shades are no longer told apart: {backgrounds}"
    shaded = 0
    for shade, background in enumerate(backgrounds):
        for region in page.evaluate(COLOURS, f".region-map path.shade-{shade}"):
            assert region["fill"] == background
            shaded += 1
    assert shaded >= 18, "every region of the map is shaded"
    labels = page.evaluate(COLOURS, ".region-map text")
    assert labels, "the example local NECs put counts on the map"
    assert all(label["fill"] != label["stroke"] for label in labels)
