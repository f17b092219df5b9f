"""The translation editor in French, as a translator sees it once its JavaScript has run:
texts that wagtail-localize's bundle writes itself (heading, « More actions »), its
JavaScript catalogue (« Publier en anglais ») and the dates of the segments."""

import re
import subprocess
import sys

import pytest

from tests.server import BASE_DIR

pytestmark = pytest.mark.browser

PASSWORD = "traduire-en-francais-42"
MAKE_TRANSLATOR = f"""
import django
django.setup()
from django.contrib.auth import get_user_model
from home.models import CharterPage
from tests.factories import make_user
if not get_user_model().objects.filter(username="traductrice").exists():
    make_user("traductrice", ["Traducteurs"], password="{PASSWORD}")
print(CharterPage.objects.get(locale__language_code="en").pk)
"""
ENGLISH_MONTHS = (
    r"\b(January|February|March|April|May|June|July|August|September|October|November|December)\b"
)


@pytest.fixture(scope="module")
def english_charter_id(site_server):
    result = subprocess.run(  # noqa: S603
        [sys.executable, "-c", MAKE_TRANSLATOR],
        cwd=BASE_DIR,
        env=site_server.env,
        capture_output=True,
        text=True,
        timeout=120,
        check=True,
    )
    return int(result.stdout.split()[-1])


def test_the_translation_editor_speaks_french(site_server, new_context, english_charter_id):
    page = new_context(bypass_csp=False).new_page()  # the admin's real CSP
    page.goto(site_server.url("/admin/login/"))
    page.fill("#id_username", "traductrice")
    page.fill("#id_password", PASSWORD)
    with page.expect_navigation():
        page.click("button[type=submit]")
    page.goto(site_server.url(f"/admin/pages/{english_charter_id}/edit/"))
    editor = page.locator(".js-translation-editor")
    page.get_by_text("Traduction français → anglais").first.wait_for()

    text = editor.inner_text()
    assert "to anglais translation" not in text
    assert re.search(r"Publier en anglais", text)
    assert editor.locator(".w-sr-only", has_text="More actions").count() == 0
    assert editor.locator(".w-sr-only", has_text="Plus d’actions").count() > 0
    assert re.search(r"Traduit manuellement le \d{1,2} \w+ \d{4}", text)
    assert not re.search(ENGLISH_MONTHS, text)
