"""The library at /ressources/: facets, filters from the URL, pagination, empty state."""

import html as html_module
import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from ressources.library import PAGE_SIZE
from ressources.models import ResourceIndexPage, ResourcePage, ResourceType, Theme
from tests.factories import edition_index, make_resource, translate_page
from tests.html import fillable_controls, listed_titles, unlabelled_controls

pytestmark = pytest.mark.django_db

NBSP = "\xa0"


@pytest.fixture
def catalogue():
    """A small catalogue with known themes, types, licences and languages."""
    lens = edition_index().get_children().get(slug="2022-lens")
    return [
        make_resource(
            "Guide des données ouvertes",
            themes=["donnees-territoires"],
            types=["guide"],
            audiences=["collectivites"],
            licence="etalab-2.0",
        ),
        make_resource(
            "Fiche inclusion et médiation",
            themes=["inclusion-numerique", "mediation-competences"],
            types=["fiche-pratique"],
            audiences=["mediateurs-numeriques"],
        ),
        make_resource(
            "Vidéo sur la sobriété",
            themes=["ecologie-soutenabilite"],
            types=["video"],
            edition=lens.specific,
        ),
        make_resource(
            "Guide de la médiation",
            themes=["mediation-competences"],
            types=["guide"],
            language="en",
            licence="cc-by-4.0",
        ),
        make_resource(
            "Étude des communs",
            themes=["communs-souverainete", "donnees-territoires"],
            types=["etude", "guide"],
        ),
    ]


def facet_counts(html, param):
    """{value: count} for one facet as shown to the visitor."""
    pattern = rf'name="{param}" value="([^"]+)"[^>]*>[^<]*\(([\d{NBSP}]+)\)</label>'
    return {value: int(count.replace(NBSP, "")) for value, count in re.findall(pattern, html)}


def test_library_lists_resources_newest_first_with_cards(client, catalogue):
    html = client.get("/ressources/").content.decode()
    titles = listed_titles(html)
    assert set(titles) == {resource.title for resource in catalogue}
    assert "5 ressources" in html
    meta = re.search(r'<p class="meta">(.*?)</p>', html, re.S).group(1)
    assert re.search(r"· Licence (CC BY|Etalab|ODbL)", " ".join(meta.split()))
    assert 'role="status"' in html
    # Cards are built from plain values: each links where Wagtail serves the resource.
    links = {
        html_module.unescape(title): url
        for url, title in re.findall(r'<h3><a href="([^"]+)">([^<]+)</a></h3>', html)
    }
    for resource in catalogue:
        assert links[resource.title] == resource.get_url() == resource.url
        assert client.get(links[resource.title]).status_code == 200
    translation = translate_page(catalogue[0], title="A translated resource")
    english = client.get("/en/resources/").content.decode()
    assert f'<h3><a href="{translation.url}">A translated resource</a></h3>' in english
    assert translation.url.startswith("/en/resources/")


def test_theme_counts_equal_what_the_database_says(client, catalogue):
    html = client.get("/ressources/").content.decode()
    shown = facet_counts(html, "theme")
    expected = {
        theme.slug: ResourcePage.objects.live().filter(themes=theme).count()
        for theme in Theme.objects.filter(locale__language_code="fr")
    }
    assert shown == {slug: n for slug, n in expected.items() if n}
    assert shown["donnees-territoires"] == 2


def test_facet_counts_under_a_filter_match_the_orm(client, catalogue):
    html = client.get("/ressources/?type=guide").content.decode()
    guides = ResourcePage.objects.live().filter(resource_types__slug="guide")
    for theme in Theme.objects.filter(locale__language_code="fr"):
        expected = guides.filter(themes=theme).count()
        assert facet_counts(html, "theme").get(theme.slug, 0) == expected, theme.slug
    # Disjunctive: the type facet still counts the other types, ignoring its own filter.
    assert facet_counts(html, "type")["video"] == 1
    assert facet_counts(html, "licence") == {"cc-by-4.0": 1, "cc-by-sa-4.0": 1, "etalab-2.0": 1}


def test_filters_combine_and_can_be_removed_one_by_one(client, catalogue):
    html = client.get("/ressources/?theme=donnees-territoires&type=guide").content.decode()
    assert set(listed_titles(html)) == {"Guide des données ouvertes", "Étude des communs"}
    html = client.get(
        "/ressources/?theme=donnees-territoires&type=guide&licence=etalab-2.0"
    ).content.decode()
    assert listed_titles(html) == ["Guide des données ouvertes"]
    removal = re.search(r'<a href="([^"]+)">Retirer le filtre Licence', html).group(1)
    assert "licence" not in removal and "theme=donnees-territoires" in removal
    assert set(listed_titles(client.get("/ressources/" + removal).content.decode())) == {
        "Guide des données ouvertes",
        "Étude des communs",
    }


def test_repeated_values_in_one_facet_mean_either(client, catalogue):
    html = client.get("/ressources/?type=video&type=etude").content.decode()
    assert set(listed_titles(html)) == {"Vidéo sur la sobriété", "Étude des communs"}


def test_edition_and_language_filters(client, catalogue):
    assert listed_titles(client.get("/ressources/?edition=2022-lens").content.decode()) == [
        "Vidéo sur la sobriété"
    ]
    assert listed_titles(client.get("/ressources/?language=en").content.decode()) == [
        "Guide de la médiation"
    ]


def test_the_english_library_filters_translated_resources_by_edition(client, catalogue):
    """wagtail-localize keeps a translated resource pointing to the French edition: the
    English library still offers the edition, by its English slug and title."""
    video = catalogue[2]
    translate_page(video, title="A video on sobriety")
    translate_page(catalogue[0], title="An open data guide")
    html = client.get("/en/resources/").content.decode()
    assert facet_counts(html, "edition") == {"2022-lens": 1}
    assert "2022 edition — Lens (1)" in html
    assert listed_titles(client.get("/en/resources/?edition=2022-lens").content.decode()) == [
        "A video on sobriety"
    ]


@pytest.mark.parametrize("url", ["/ressources/", "/en/resources/"])
def test_every_field_of_the_library_has_an_explicit_label(client, catalogue, url):
    """RGAA 11.1.1: a label wrapped around its checkbox is not enough, each field needs an
    id and one <label for> naming it."""
    make_resource(
        "A guide to digital inclusion",
        parent=ResourceIndexPage.objects.get(locale__language_code="en"),
        themes=["digital-inclusion"],
        types=["guide"],
        audiences=["local-authorities"],
        edition=catalogue[2].edition,
        language="en",
    )
    html = client.get(url).content.decode()
    checkboxes = [name for tag, name, _value in fillable_controls(html) if tag == "input"]
    assert {"theme", "type", "audience", "licence", "edition", "language"} <= set(checkboxes)
    assert unlabelled_controls(html) == []


def test_unknown_filter_values_are_ignored(client, catalogue):
    response = client.get("/ressources/?theme=nexiste-pas&licence=proprietaire&edition=1999")
    assert response.status_code == 200
    assert len(listed_titles(response.content.decode())) == 5


def test_pagination_edges(client):
    for number in range(PAGE_SIZE + 3):
        make_resource(f"Ressource numéro {number:02d}", slug=f"ressource-{number:02d}")
    first = client.get("/ressources/").content.decode()
    assert len(listed_titles(first)) == PAGE_SIZE
    assert 'aria-label="Pagination"' in first
    second = client.get("/ressources/?page=2").content.decode()
    assert len(listed_titles(second)) == 3
    assert 'aria-current="page"><span class="visually-hidden">Page </span>2' in second
    last = client.get("/ressources/?page=99999")
    assert last.status_code == 200
    assert listed_titles(last.content.decode()) == listed_titles(second)
    for bad in ("0", "-1", "abc", "1.5", "１"):
        response = client.get(f"/ressources/?page={bad}")
        assert response.status_code == 400, bad
        assert "Le numéro de page demandé n’existe pas" in response.content.decode()


def test_empty_state_helps(client, catalogue):
    html = client.get("/ressources/?q=zzzzzzzzz").content.decode()
    assert "Aucune ressource ne correspond" in html
    assert "0 ressource" in html


def test_unpublished_and_private_resources_never_appear(client, catalogue):
    from wagtail.models import PageViewRestriction

    make_resource("Brouillon secret sur la médiation", publish=False)
    private = make_resource("Ressource privée sur la médiation")
    PageViewRestriction.objects.create(page=private, restriction_type="login")
    for url in ("/ressources/", "/ressources/?q=mediation", "/recherche/?q=mediation"):
        html = client.get(url).content.decode()
        assert "Brouillon secret" not in html, url
        assert "Ressource privée" not in html, url
    data = client.get("/recherche/suggestions/?q=ressource priv").json()
    assert data["suggestions"] == []


def test_query_count_is_pinned_and_independent_of_catalogue_size(client):
    def count():
        # As once the changes have committed: what is remembered per content version is
        # read once (the first visit), then the visit counted reads only what it must.
        connection.run_on_commit.clear()
        client.get("/ressources/?q=guide&theme=inclusion-numerique")
        with CaptureQueriesContext(connection) as ctx:
            response = client.get("/ressources/?q=guide&theme=inclusion-numerique")
        assert response.status_code == 200
        return len(ctx.captured_queries)

    make_resource("Guide unique")
    small = count()
    for number in range(PAGE_SIZE * 2):
        make_resource(
            f"Guide numéro {number}",
            slug=f"guide-{number}",
            themes=["inclusion-numerique", "ethique-emancipation"],
            types=["guide", "etude"],
            audiences=["elus", "associations"],
        )
    Theme.objects.create(
        name="Thème en plus", slug="theme-en-plus", locale=Theme.objects.first().locale
    )
    ResourceType.objects.create(
        name="Type en plus", slug="type-en-plus", locale=Theme.objects.first().locale
    )
    # Facet index and taxonomy terms remembered: 19 queries before the terms were (PostgreSQL).
    # The content version, routing (three), the lexicon, the match, the twelve resources and
    # their themes and types; PostgreSQL asks how broad the search is (its planner) and ranks
    # with the match, SQLite ranks apart.
    assert count() == small == 10


def test_an_empty_library_says_so_and_leads_to_the_other_language(client):
    make_resource("Une ressource en français seulement")
    html = client.get("/en/resources/").content.decode()
    assert "The library has no resource in this language yet." in html
    assert '<a href="/ressources/" hreflang="fr">See the resources in French</a>' in html
    # Nothing was searched: no « no match », no link back to this very page.
    assert "No resource matches your search" not in html
    assert "See all resources" not in html


def test_a_search_without_result_still_says_nothing_matched(client):
    make_resource("Une ressource en français seulement")
    html = client.get("/ressources/", {"q": "zzqxwv"}).content.decode()
    assert "Aucune ressource ne correspond à votre recherche." in html
    assert "Voir toutes les ressources" in html
    assert "ne contient encore aucune ressource" not in html


def page_title(html):
    return re.search(r"<title>(.*?)</title>", html, re.S).group(1)


def test_each_page_of_the_library_has_its_own_title_with_the_count(client):
    for number in range(14):
        make_resource(f"Atelier numéro {number}", slug=f"atelier-{number}")
    first = page_title(client.get("/ressources/", {"q": "atelier"}).content.decode())
    second = page_title(client.get("/ressources/", {"q": "atelier", "page": 2}).content.decode())
    assert first.startswith("« atelier » dans la bibliothèque (14 ressources)")
    assert second.startswith("« atelier » dans la bibliothèque (14 ressources, page 2 sur 2)")
    error = client.get("/ressources/", {"q": "atelier", "page": "x"})
    assert error.status_code == 400
    assert page_title(error.content.decode()).startswith("Erreur : ")


def test_a_link_skips_the_filters_to_the_results(client, catalogue):
    html = client.get("/ressources/").content.decode()
    skip = html.index('<a class="skip-filters" href="#resultats">Aller aux résultats</a>')
    assert skip < html.index('type="checkbox"')
    assert '<h2 id="resultats" class="visually-hidden" tabindex="-1">' in html
