"""The journeys: each role's story told by clicking through the real admin in Chromium,
against the site as production runs it (tests/journeys/site.py).

They need PostgreSQL, Chromium and the Playwright and aiosmtpd packages; without them they
skip with a message saying what is missing (with NEC_REQUIRE_ALL=1, as in CI, a skip is a
failure). Only logging in is done by typing a URL: everything else is reached by clicks.

Screenshots of each step are saved to var/journeys/; with NEC_GUIDE_SCREENSHOTS=1 those
that illustrate the editor guide are saved into docs/guide/images/ instead.
"""

import os
from pathlib import Path
from urllib.parse import urlsplit

import psycopg
import pytest

from tests.browser.conftest import missing
from tests.journeys.site import PASSWORD, ProductionSite, totp_code
from tests.mailbox import Mailbox
from tests.server import BASE_DIR

GUIDE_IMAGES = BASE_DIR / "docs" / "guide" / "images"
SHOTS = BASE_DIR / "var" / "journeys"


def pytest_collection_modifyitems(items):
    for item in items:
        if Path(str(item.fspath)).parent == Path(__file__).parent:
            item.add_marker(pytest.mark.browser)


@pytest.hookimpl(tryfirst=True, hookwrapper=True)
def pytest_runtest_makereport(item, call):
    """Keep each phase's report on the test, for fixtures that act on failures."""
    outcome = yield
    report = outcome.get_result()
    setattr(item, f"rep_{report.when}", report)


@pytest.fixture(scope="session", autouse=True)
def fresh_screenshots():
    """Screenshots of this run only."""
    for old in SHOTS.glob("*.png"):
        old.unlink()


@pytest.fixture(scope="session")
def mailbox():
    try:
        import aiosmtpd  # noqa: F401
    except ImportError:
        pytest.skip("The journeys need aiosmtpd (make .venv/.dev-installed).")
    with Mailbox() as box:
        yield box


@pytest.fixture(scope="session")
def site(tmp_path_factory, mailbox):
    missing("playwright", "chromium")
    server = ProductionSite(tmp_path_factory.mktemp("journeys"), mailbox)
    try:
        with psycopg.connect(server.database_url.rsplit("/", 1)[0] + "/postgres"):
            pass
    except psycopg.OperationalError as error:
        pytest.skip(f"The journeys need PostgreSQL ({error}).")
    try:
        with server.serving():
            yield server
    finally:
        server.drop()


class Person:
    """One person at their browser: a context of their own (cookies, history)."""

    def __init__(self, site, context, name):
        self.site = site
        self.context = context
        self.name = name
        self.page = context.new_page()

    def log_in(self):
        page = self.page
        page.goto(self.site.url("/admin/login/"))
        page.get_by_label("Nom d’utilisateur").fill(self.name)
        page.get_by_label("Mot de passe").fill(PASSWORD)
        page.get_by_role("button", name="S’identifier").or_(
            page.get_by_role("button", name="S'identifier")
        ).click()
        # Moderators pass the second factor: the code their app shows (tests/journeys/site.py).
        verification = "/admin/double-authentification/verifier/"
        page.wait_for_url(lambda url: urlsplit(url).path in ("/admin/", verification))
        if urlsplit(page.url).path == verification:
            page.get_by_label("Code à 6 chiffres").fill(totp_code())
            page.get_by_role("button", name="Vérifier").click()
        page.wait_for_url(self.site.url("/admin/"))
        return page

    def shot(self, name, guide=False):
        """A screenshot of the current page; `guide` ones illustrate docs/guide/."""
        folder = GUIDE_IMAGES if guide and os.environ.get("NEC_GUIDE_SCREENSHOTS") else SHOTS
        folder.mkdir(parents=True, exist_ok=True)
        self.page.screenshot(path=str(folder / f"{name}.png"))


@pytest.fixture(scope="module")
def people(site, browser):
    """Édith (editor), Maurice (moderator), Tristan (translator) and a visitor, each in their
    own browser context; the staff are logged in."""
    contexts = []

    def person(name, log_in=True):
        context = browser.new_context(viewport={"width": 1280, "height": 860}, locale="fr-FR")
        context.set_default_timeout(20_000)
        contexts.append(context)
        someone = Person(site, context, name)
        if log_in:
            someone.log_in()
        return someone

    yield {
        "editor": person("edith"),
        "moderator": person("maurice"),
        "translator": person("tristan"),
        "visitor": person("visiteur", log_in=False),
    }
    for context in contexts:
        context.close()
