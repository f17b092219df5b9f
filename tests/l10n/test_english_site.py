"""The site in English under /en/, with reciprocal hreflang links and a language switcher."""

import re

import pytest
from django.test import override_settings
from wagtail.models import Locale

from editions.models import EditionPage
from home.models import ContentPage, HomePage
from tests.factories import home_page
from tests.html import key_figures

pytestmark = pytest.mark.django_db

ENGLISH_PAGES = {
    "/en/": "Our approach",
    "/en/charter/": "The NEC charter",
    "/en/editions/": "The editions",
    "/en/editions/2023-bordeaux/": "2023 edition — Bordeaux",
    "/en/resources/": "Resources",
    "/en/legal-notice/": "Legal notice",
    "/en/personal-data/": "Personal data",
    "/en/accessibility/": "Accessibility statement",
    "/en/site-map/": "Site map",
}


def alternates(html):
    return dict(re.findall(r'<link rel="alternate" hreflang="([\w-]+)" href="([^"]+)">', html))


@pytest.mark.parametrize(("url", "title"), ENGLISH_PAGES.items())
def test_english_pages_answer_in_english(client, url, title):
    response = client.get(url)
    assert response.status_code == 200
    html = response.content.decode()
    assert '<html lang="en"' in html
    assert f"<h1>{title}</h1>" in html


def test_english_seed_is_good_english_with_exact_figures(client):
    html = client.get("/en/editions/2022-lens/").content.decode()
    assert "Bollaert stadium" in html
    assert "1,800" in html  # English number format
    assert "6,000" in html
    charter = client.get("/en/charter/").content.decode()
    assert "No all-male panel may be organised." in charter
    assert charter.count("Rely on frugal and responsible digital ecosystems") == 1


def test_english_pages_are_wagtail_localize_translations():
    from wagtail_localize.models import Translation, TranslationSource

    french_home = home_page()
    english_home = HomePage.objects.get(locale__language_code="en")
    assert english_home.translation_key == french_home.translation_key
    source = TranslationSource.objects.get_for_instance(french_home)
    translation = Translation.objects.get(source=source, target_locale=english_home.locale)
    total, done = translation.get_progress()
    assert total > 0 and done == total  # every seed segment has its English text


@pytest.mark.parametrize(
    "url",
    [
        "/",
        "/charte/",
        "/editions/2023-bordeaux/",
        "/ressources/",
        "/en/",
        "/en/charter/",
        "/en/editions/2023-bordeaux/",
    ],
)
def test_hreflang_links_are_reciprocal_and_point_to_live_pages(client, url):
    links = alternates(client.get(url).content.decode())
    assert set(links) == {"fr", "en", "x-default"}
    assert links["x-default"] == links["fr"]
    for code, absolute in links.items():
        path = absolute.removeprefix("http://testserver")
        other = client.get(path)
        assert other.status_code == 200, path
        back = alternates(other.content.decode())
        assert back["fr"] == links["fr"] and back["en"] == links["en"], code


def test_switcher_leads_to_the_same_page_in_the_other_language(client):
    html = client.get("/charte/").content.decode()
    switch = re.search(r'<a href="([^"]+)" hreflang="en"><span lang="en">English</span></a>', html)
    assert switch.group(1) == "/en/charter/"
    html = client.get("/en/charter/").content.decode()
    assert re.search(r'<a href="/charte/" hreflang="fr"><span lang="fr">Français</span></a>', html)
    assert 'aria-current="true"' in html


def test_switcher_on_an_untranslated_page_leads_to_the_other_home(client):
    page = ContentPage(title="Seulement en français", slug="seulement-en-francais")
    home_page().add_child(instance=page)
    page.save_revision().publish()
    html = client.get("/seulement-en-francais/").content.decode()
    switch = re.search(r'<a href="([^"]+)" hreflang="en">(.*?)</a>', html)
    assert switch.group(1) == "/en/"
    # Only the language's name is in English: the explanation is read in French (RGAA 8.8).
    assert switch.group(2) == (
        '<span lang="en">English</span><span class="visually-hidden"> '
        "(page d’accueil, cette page n’est pas traduite)</span>"
    )
    assert 'hreflang="en" href' not in html  # no alternate for a version that does not exist


def test_menus_and_footer_are_in_the_visitors_language(client):
    english = client.get("/en/").content.decode()
    assert '<a href="/en/charter/">The NEC charter</a>' in english
    assert "Accessibility: fully compliant" in english
    assert "initiative of the Société Numérique programme" in english
    french = client.get("/").content.decode()
    assert '<a href="/charte/">La charte de NEC</a>' in french
    assert "Accessibilité : totalement conforme" in french


def test_numbers_follow_the_active_language(client):
    assert "5\xa0850" in client.get("/").content.decode()
    assert "5,850" in client.get("/en/").content.decode()


def test_english_key_figures_count_english_editions(client):
    assert EditionPage.objects.filter(locale__language_code="en").count() == 6
    html = client.get("/en/").content.decode()
    assert key_figures(html)[0] == ("6", "national editions")


@pytest.mark.parametrize(("url", "lang"), [("/de/", "de")])
def test_a_third_language_is_a_settings_change(client, settings, url, lang):
    languages = [*settings.LANGUAGES, ("de", "Deutsch")]
    with override_settings(LANGUAGES=languages, WAGTAIL_CONTENT_LANGUAGES=languages):
        german = Locale.objects.create(language_code="de")
        home = home_page()
        translated = home.copy_for_translation(german)
        translated.title = "Unser Ansatz"
        translated.save_revision().publish()
        response = client.get(url)
        assert response.status_code == 200
        html = response.content.decode()
        assert f'<html lang="{lang}"' in html
        assert "<h1>Unser Ansatz</h1>" in html
        assert 'hreflang="de"' in html
