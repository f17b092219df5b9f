"""Snippets are edited per language: translators change the English themes and menus
(through the translation editor), never the French source; editors and moderators keep
their rights. Everything goes through the real admin views and permission checks."""

import pytest
from django.contrib.admin.utils import quote
from django.urls import reverse
from wagtail.models import Locale
from wagtail.test.utils.form_data import nested_form_data, streamfield

from nec_cms.models import Navigation
from ressources.models import Theme
from tests.factories import home_page

pytestmark = pytest.mark.django_db

THEMES = "wagtailsnippets_ressources_theme"
NAVIGATIONS = "wagtailsnippets_nec_cms_navigation"


def theme(language):
    french = Theme.objects.get(slug="inclusion-numerique", locale__language_code="fr")
    return french.get_translation(Locale.objects.get(language_code=language))


def navigation(language):
    return Navigation.objects.get(locale__language_code=language)


def navigation_form(text):
    return nested_form_data(
        {
            "main_menu": streamfield([("item", {"page": home_page().pk, "label": ""})]),
            "footer_links": streamfield([]),
            "footer_text": text,
        }
    )


def assert_refused(response, client):
    """Refused with a French explanation, whatever the method."""
    assert response.status_code == 302
    html = client.get(response["Location"]).content.decode()
    assert "source des traductions" in html, html[:2000]


def test_translators_cannot_open_or_change_a_french_theme(translator_client):
    french = theme("fr")
    url = reverse(f"{THEMES}:edit", args=[quote(french.pk)])
    assert_refused(translator_client.get(url), translator_client)
    response = translator_client.post(
        url, {"name": "Thème renommé", "slug": french.slug, "description": ""}
    )
    assert_refused(response, translator_client)
    french.refresh_from_db()
    assert french.name == "Inclusion numérique"


def test_translators_cannot_change_the_french_menus(translator_client):
    french = navigation("fr")
    url = reverse(f"{NAVIGATIONS}:edit", args=[quote(french.pk)])
    response = translator_client.post(url, navigation_form("Pied de page modifié"))
    assert_refused(response, translator_client)
    french.refresh_from_db()
    assert french.footer_text != "Pied de page modifié"


def test_translators_work_on_english_snippets_in_the_translation_editor(translator_client):
    for name, instance in [(THEMES, theme("en")), (NAVIGATIONS, navigation("en"))]:
        response = translator_client.get(reverse(f"{name}:edit", args=[quote(instance.pk)]))
        assert response.status_code == 200
        assert "js-translation-editor" in response.content.decode()


def test_listings_offer_no_edit_link_to_french_snippets(translator_client):
    french, english = theme("fr"), theme("en")
    french_list = translator_client.get(reverse(f"{THEMES}:list"), {"locale": "fr"})
    assert french_list.status_code == 200
    html = french_list.content.decode()
    assert reverse(f"{THEMES}:edit", args=[quote(french.pk)]) not in html
    assert reverse(f"{THEMES}:delete", args=[quote(french.pk)]) not in html
    assert "Inclusion numérique" in html  # still listed, to be translated
    english_list = translator_client.get(reverse(f"{THEMES}:list"), {"locale": "en"})
    assert reverse(f"{THEMES}:edit", args=[quote(english.pk)]) in english_list.content.decode()


def test_translators_cannot_create_french_snippets(translator_client):
    response = translator_client.get(reverse(f"{THEMES}:add"), {"locale": "fr"})
    assert response.status_code == 302
    assert not Theme.objects.filter(name="Nouveau thème").exists()


def test_moderators_still_edit_the_french_menus(moderator_client):
    french = navigation("fr")
    response = moderator_client.post(
        reverse(f"{NAVIGATIONS}:edit", args=[quote(french.pk)]),
        navigation_form("Un site de l’ANCT."),
    )
    assert response.status_code == 302
    french.refresh_from_db()
    assert french.footer_text == "Un site de l’ANCT."


def test_administrators_still_edit_french_themes(admin_client):
    french = theme("fr")
    response = admin_client.post(
        reverse(f"{THEMES}:edit", args=[quote(french.pk)]),
        {"name": "Inclusion numérique pour tous", "slug": french.slug, "description": ""},
    )
    assert response.status_code == 302
    french.refresh_from_db()
    assert french.name == "Inclusion numérique pour tous"
