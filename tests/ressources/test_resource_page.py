"""A resource page: what it is, its documents, and how to reuse it (licence, attribution)."""

import re

import pytest
from django.core.files.base import ContentFile
from django.urls import reverse
from wagtail.documents.models import Document
from wagtail.models import Locale
from wagtail.test.utils.form_data import nested_form_data, streamfield

from ressources.models import ResourcePage, ResourceType, Theme
from tests.factories import (
    edition_index,
    library_page,
    make_resource,
    make_user,
    translate_page,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def programme():
    document = Document(title="Programme")
    document.file.save("programme.pdf", ContentFile(b"%PDF-1.4\n" + b"x" * 1_258_291), save=False)
    document.save()
    return document


def test_resource_page_shows_everything_a_reuser_needs(client, programme):
    lens = edition_index().get_children().get(slug="2022-lens").specific
    resource = make_resource(
        "Kit de la médiation numérique",
        excerpt="Tout pour lancer un atelier.",
        themes=["mediation-competences", "inclusion-numerique"],
        types=["boite-a-outils"],
        audiences=["mediateurs-numeriques"],
        authors="La MedNum, ANCT",
        edition=lens,
        documents=[("document", {"document": programme, "title": ""})],
    )
    response = client.get(resource.url)
    assert response.status_code == 200
    html = response.content.decode()
    assert "<h1>Kit de la médiation numérique</h1>" in html
    assert "(PDF, 1,2\xa0Mo)" in html
    assert 'href="/ressources/?theme=mediation-competences"' in html
    assert 'href="/ressources/?type=boite-a-outils"' in html
    assert 'href="/ressources/?audience=mediateurs-numeriques"' in html
    assert f'href="{lens.url}"' in html
    licence = re.search(r'<a rel="license" href="([^"]+)"[^>]*>([^<]+)</a>', html)
    assert licence.group(1) == "https://creativecommons.org/licenses/by-sa/4.0/deed.fr"
    assert "CC BY-SA 4.0" in licence.group(2)
    attribution = re.search(r'<textarea id="attribution"[^>]*>(.*?)</textarea>', html, re.S)
    text = attribution.group(1)
    assert (
        "« Kit de la médiation numérique »" in text.replace("&laquo;", "«").replace("&raquo;", "»")
        or "Kit de la médiation numérique" in text
    )
    assert "La MedNum, ANCT" in text
    assert "/ressources/kit-de-la-mediation-numerique/" in text
    assert "CC BY-SA 4.0 (https://creativecommons.org/licenses/by-sa/4.0/deed.fr)" in text


def test_other_licences_are_named_and_linked(client):
    resource = make_resource("Jeu de données des lieux", licence="odbl-1.0")
    html = client.get(resource.url).content.decode()
    # The ODbL's page is in English, and its link says so.
    assert (
        'rel="license" href="https://opendatacommons.org/licenses/odbl/1-0/" hreflang="en"' in html
    )


def test_taxonomy_links_say_where_they_lead_without_their_term(client):
    """RGAA 6.1: a link in a <dd> has no context (the <dt> does not count)."""
    resource = make_resource(
        "Kit des aidants",
        themes=["inclusion-numerique"],
        types=["guide"],
        audiences=["mediateurs-numeriques"],
    )
    html = client.get(resource.url).content.decode()
    links = dict(re.findall(r'<dd>.*?<a href="/ressources/\?(\w+)=[^"]+">(.*?)</a>', html))
    hidden = {
        param: re.search(r'<span class="visually-hidden"> : ([^<]+)</span>', text)
        for param, text in links.items()
    }
    assert set(hidden) == {"type", "theme", "audience"}
    assert hidden["type"].group(1) == "toutes les ressources de ce type"
    assert hidden["theme"].group(1) == "toutes les ressources de cette thématique"
    assert hidden["audience"].group(1) == "toutes les ressources pour ce public"


def admin_add_resource(client, **overrides):
    theme = Theme.objects.get(slug="inclusion-numerique", locale__language_code="fr")
    kind = ResourceType.objects.get(slug="guide", locale__language_code="fr")
    data = {
        "title": "Nouvelle ressource",
        "slug": "nouvelle-ressource",
        "excerpt": "Un résumé.",
        "body": streamfield([]),
        "documents": streamfield([]),
        "themes": [theme.pk],
        "resource_types": [kind.pk],
        "licence": "cc-by-sa-4.0",
        "language": "fr",
        "authors": "Équipe NEC",
        "publication_date": "2024-05-01",
        "action-publish": "publish",
    }
    data.update(overrides)
    choices = {key: data.pop(key) for key in ("themes", "resource_types")}
    url = reverse("wagtailadmin_pages:add", args=("ressources", "resourcepage", library_page().pk))
    return client.post(url, {**nested_form_data(data), **choices})


@pytest.fixture
def editor_client(client):
    client.force_login(make_user("redaction", superuser=True))
    return client


def test_editor_publishes_a_valid_resource_with_the_default_licence(editor_client):
    response = admin_add_resource(editor_client)
    assert response.status_code == 302
    resource = ResourcePage.objects.get(slug="nouvelle-ressource")
    assert resource.live and resource.licence == "cc-by-sa-4.0"


@pytest.mark.parametrize(
    ("overrides", "message"),
    [
        ({"themes": []}, "Choisissez entre 1 et 5 thématiques."),
        ({"resource_types": []}, "Choisissez au moins un type de ressource."),
        ({"title": "T" * 101}, "100 caractères au plus"),
        ({"excerpt": "E" * 301}, "300"),
    ],
)
def test_editor_gets_a_french_message_for_an_invalid_resource(editor_client, overrides, message):
    response = admin_add_resource(editor_client, **overrides)
    assert response.status_code == 200
    assert message in response.content.decode()
    assert not ResourcePage.objects.filter(slug="nouvelle-ressource").exists()


def test_more_than_five_themes_is_refused(editor_client):
    themes = list(Theme.objects.filter(locale__language_code="fr").values_list("pk", flat=True))
    assert len(themes) == 6
    response = admin_add_resource(editor_client, themes=themes)
    assert "Choisissez entre 1 et 5 thématiques." in response.content.decode()


def edition_link(html):
    """The « Produced at » link: (its attributes, its text)."""
    return re.search(r'<dd><a href="([^"]+)"([^>]*)>([^<]+)</a></dd>\s*</dl>', html).groups()


@pytest.fixture
def lens_in_both_languages():
    lens = edition_index().get_children().get(slug="2022-lens").specific
    return lens, lens.get_translation(Locale.objects.get(language_code="en"))


def test_an_english_resource_links_to_the_english_edition(client, lens_in_both_languages):
    """RGAA 8.7: wagtail-localize keeps a translated resource pointing to the French
    edition; the English page shows the edition's English title and page instead."""
    lens, english_lens = lens_in_both_languages
    resource = make_resource("Kit de la médiation", edition=lens)
    english = translate_page(resource, title="Mediation kit")
    assert english.edition == lens
    html = client.get(english.url).content.decode()
    assert edition_link(html) == (english_lens.url, "", english_lens.title)
    assert edition_link(client.get(resource.url).content.decode()) == (lens.url, "", lens.title)


def test_an_edition_in_another_language_says_so(client, lens_in_both_languages):
    """Without a live English edition, the English page links to the French one and says
    that its title and page are in French."""
    lens, english_lens = lens_in_both_languages
    english_lens.unpublish()
    resource = make_resource("Kit de la médiation", edition=lens)
    english = translate_page(resource, title="Mediation kit")
    html = client.get(english.url).content.decode()
    assert edition_link(html) == (lens.url, ' lang="fr" hreflang="fr"', lens.title)


def test_the_licence_link_leads_to_its_text_in_the_visitors_language(client):
    resource = make_resource("Guide des communs")
    english = translate_page(resource, title="Commons guide", slug="commons-guide")
    english.refresh_from_db()
    pattern = r'<a rel="license" href="([^"]+)" hreflang="(\w+)">'
    assert re.search(pattern, client.get(resource.url).content.decode()).groups() == (
        "https://creativecommons.org/licenses/by-sa/4.0/deed.fr",
        "fr",
    )
    assert re.search(pattern, client.get(english.url).content.decode()).groups() == (
        "https://creativecommons.org/licenses/by-sa/4.0/deed.en",
        "en",
    )
