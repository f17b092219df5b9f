"""The French admin speaks French on the translators' path: language names, the translation
editor (server-side texts, its JavaScript catalogue, the dates of its segments), the link
dialog. Upstream strings without a good French translation are overridden by
nec_cms/locale_overrides (see docs/upstream-translations.md)."""

import html
import json
import re

import pytest
from django.urls import reverse
from django.utils import translation
from wagtail.models import Locale

from home.models import CharterPage

pytestmark = pytest.mark.django_db

ENGLISH_MONTHS = (
    "January|February|March|April|May|June|July|August|September|October|November|December"
)
FRENCH_MONTHS = (
    "janvier|février|mars|avril|mai|juin|juillet|août|septembre|octobre|novembre|décembre"
)


def editor_props(response):
    match = re.search(
        r'class="js-translation-editor" data-props="([^"]*)"', response.content.decode()
    )
    return json.loads(html.unescape(match.group(1)))


def test_language_names_are_french_in_french_and_english_in_english():
    english, french = Locale.objects.get(language_code="en"), Locale.get_default()
    with translation.override("fr"):
        assert (french.get_display_name(), english.get_display_name()) == ("français", "anglais")
    with translation.override("en"):
        assert (french.get_display_name(), english.get_display_name()) == ("French", "English")


def test_the_translation_editor_names_the_languages_in_french(translator_client):
    english_charter = CharterPage.objects.get(locale__language_code="en")
    response = translator_client.get(reverse("wagtailadmin_pages:edit", args=[english_charter.pk]))
    page = response.content.decode()
    assert "Traduction de La charte de NEC en anglais" in page
    assert "English" not in re.sub(r'data-props="[^"]*"', "", page)
    props = editor_props(response)
    assert (props["sourceLocale"]["displayName"], props["locale"]["displayName"]) == (
        "français",
        "anglais",
    )


def test_segment_dates_are_french(translator_client):
    english_charter = CharterPage.objects.get(locale__language_code="en")
    props = editor_props(
        translator_client.get(reverse("wagtailadmin_pages:edit", args=[english_charter.pk]))
    )
    comments = [string["comment"] for string in props["initialStringTranslations"]]
    assert comments
    for comment in comments:
        assert re.fullmatch(
            rf"Traduit manuellement le \d{{1,2}} ({FRENCH_MONTHS}) \d{{4}}", comment
        )
        assert not re.search(ENGLISH_MONTHS, comment)


def test_the_editor_buttons_read_french(translator_client):
    catalogue = translator_client.get(reverse("wagtail_localize:javascript_catalog"))
    assert catalogue.status_code == 200
    assert '"Publish in ": "Publier en "' in catalogue.content.decode()


@pytest.mark.parametrize(
    "url_name",
    [
        "wagtailadmin_choose_page_external_link",
        "wagtailadmin_choose_page_email_link",
        "wagtailadmin_choose_page_phone_link",
        "wagtailadmin_choose_page_anchor_link",
    ],
)
def test_the_link_dialog_labels_are_french(translator_client, url_name):
    response = translator_client.get(reverse(url_name))
    dialog = json.loads(response.content)["html"]
    assert "Texte du lien" in dialog
    for english in ("Link text", "Email address", "Phone number", "Subject", "Body"):
        assert english not in dialog, english
