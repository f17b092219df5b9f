"""The browser checks themselves: each one catches the problem it is meant to catch on a
deliberately broken page (so a green suite means something), and passes a sound one."""

import pytest

from tests.browser import checks
from tests.browser.conftest import missing

pytestmark = pytest.mark.browser

SOUND_PAGE = """<!doctype html><html lang="fr"><head><title>Page saine</title>
<style>:focus-visible { outline: 3px solid #b3005e; } main:focus { outline: none; }
.skip { position: absolute; left: -999rem; } .skip:focus { left: .5rem; }</style></head>
<body><a class="skip" href="#contenu">Aller au contenu</a>
<main id="contenu" tabindex="-1"><h1>Titre</h1><p>Un <a href="/a">lien explicite</a>.</p>
<button type="button">Envoyer</button></main></body></html>"""


@pytest.fixture
def load(new_context):
    """A fresh page showing ``html`` (fresh: focus navigation starts from the top)."""
    context = new_context()

    def load(html, **viewport):
        page = context.new_page()
        if viewport:
            page.set_viewport_size(viewport)
        page.set_content(html)
        return page

    return load


def test_sound_page_passes_every_check(load):
    missing("axe")
    assert checks.axe_violations(load(SOUND_PAGE)) == []
    assert checks.skip_link_problems(load(SOUND_PAGE)) == []
    assert checks.focus_problems(load(SOUND_PAGE)) == []
    assert checks.overflow(load(SOUND_PAGE, width=320, height=640), 320) == []
    assert checks.clipped_text(load(SOUND_PAGE)) == []


def test_axe_reports_an_image_without_alt_text(load):
    missing("axe")
    page = load(SOUND_PAGE.replace("<h1>Titre</h1>", '<h1>Titre</h1><img src="x.png">'))
    assert [violation["id"] for violation in checks.axe_violations(page)] == ["image-alt"]


def test_skip_link_must_come_first_and_lead_to_main(load):
    page = load(SOUND_PAGE.replace('href="#contenu"', 'href="#ailleurs"'))
    assert "not the skip link" in checks.skip_link_problems(page)[0]
    page = load(SOUND_PAGE.replace('id="contenu" tabindex="-1"', 'id="contenu"'))
    assert checks.skip_link_problems(page) == [
        "activating the skip link does not move focus to the main content"
    ]


def test_skip_link_check_reports_a_link_wrapped_word_by_word(load):
    page = load(
        SOUND_PAGE.replace(
            ".skip:focus { left: .5rem; }", ".skip:focus { left: .5rem; width: 3rem; }"
        )
    )
    assert checks.skip_link_problems(page) == ["the skip link wraps over 3 lines"]


def test_focus_check_reports_a_removed_focus_ring(load):
    page = load(SOUND_PAGE.replace("</style>", "button:focus { outline: none; }</style>"))
    problems = checks.focus_problems(page)
    assert len(problems) == 1 and problems[0].startswith("<button> Envoyer: no visible focus")


def test_focus_check_reports_a_focus_ring_lost_in_its_background(load):
    # The site's pink ring on the footer's navy: 2.25:1.
    page = load(SOUND_PAGE.replace("<main", '<footer style="background:#1d1b5e"><main', 1))
    problems = checks.focus_problems(page)
    assert problems and all("focus ring 2.2" in problem for problem in problems), problems


def test_contrast_ratio_follows_wcag():
    assert round(checks.contrast_ratio("rgb(0, 0, 0)", "rgb(255, 255, 255)"), 1) == 21.0
    assert round(checks.contrast_ratio("rgb(179, 0, 94)", "rgb(29, 27, 94)"), 2) == 2.25


def test_focus_check_reports_a_link_kept_out_of_the_tab_order(load):
    page = load(SOUND_PAGE.replace('<a href="/a">', '<a href="/a" tabindex="-1">'))
    assert checks.focus_problems(page) == ["<a> lien explicite: not reachable with Tab"]


def test_reflow_check_reports_what_overflows_320_px(load):
    page = load(SOUND_PAGE.replace("<p>", '<p class="large" style="width:500px">'), width=320,
                height=640)  # fmt: skip
    too_wide = checks.overflow(page, 320)
    assert too_wide and too_wide[0].startswith('<p class="large"> right=')


def test_clipped_text_check_reports_text_cut_by_overflow_hidden(load):
    page = load(
        SOUND_PAGE.replace(
            "<p>", '<p class="cut" style="height:1.2em; overflow:hidden">Une ligne.<br>Une autre.'
        )
    )
    clipped = checks.clipped_text(page)
    assert len(clipped) == 1 and clipped[0].startswith('<p class="cut">')
