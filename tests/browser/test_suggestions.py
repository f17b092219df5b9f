"""The search box's suggestions in a real browser: a WAI-ARIA 1.2 combobox with a
listbox popup, driven by the keyboard, under the site's real CSP (not bypassed)."""

import pytest

pytestmark = pytest.mark.browser


def test_suggestions_combobox_works_with_the_keyboard(browser, site_server, new_context):
    page = new_context(bypass_csp=False).new_page()
    page.goto(site_server.url("/"))
    box = page.locator("#header-q")
    assert box.get_attribute("role") == "combobox"
    assert box.get_attribute("aria-expanded") == "false"
    listbox_id = box.get_attribute("aria-controls")

    box.click()
    box.press_sequentially("edit", delay=30)
    listbox = page.locator(f"#{listbox_id}")
    listbox.locator("[role=option]").first.wait_for()
    assert box.get_attribute("aria-expanded") == "true"
    options = listbox.locator("[role=option]")
    assert options.count() >= 1
    assert "dition" in options.first.inner_text()  # « Les éditions », « Édition 2023 »…
    status = page.locator("form#recherche [role=status]")
    assert "suggestion" in status.inner_text()

    box.press("ArrowDown")
    first_id = options.first.get_attribute("id")
    assert box.get_attribute("aria-activedescendant") == first_id
    assert options.first.get_attribute("aria-selected") == "true"
    target = options.first.get_attribute("data-url")
    with page.expect_navigation():
        box.press("Enter")
    assert page.url == site_server.url(target)


def test_escape_closes_the_suggestions_and_the_form_still_submits(
    browser, site_server, new_context
):
    page = new_context(bypass_csp=False).new_page()
    page.goto(site_server.url("/"))
    box = page.locator("#header-q")
    box.click()
    box.press_sequentially("charte", delay=30)
    page.locator("[role=option]").first.wait_for()
    box.press("Escape")
    assert box.get_attribute("aria-expanded") == "false"
    with page.expect_navigation():
        box.press("Enter")
    assert "/recherche/?q=charte" in page.url
    assert "La charte de NEC" in page.content()
