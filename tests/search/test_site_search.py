"""Site search at /recherche/: every page type of the visitor's language, labelled,
paginated, with editors' promotions and counted queries."""

import re

import pytest
from wagtail.contrib.search_promotions.models import Query, SearchPromotion

from tests.factories import library_page, make_resource
from tests.html import fillable_controls, listed_titles, unlabelled_controls

pytestmark = pytest.mark.django_db


def test_every_page_type_is_found_and_labelled(client):
    make_resource("Bordeaux, ville de médiation", excerpt="Une ressource.")
    html = client.get("/recherche/", {"q": "Bordeaux"}).content.decode()
    titles = listed_titles(html)
    assert "Édition 2023 — Bordeaux" in titles
    assert "Bordeaux, ville de médiation" in titles
    assert '<p class="result-type">Édition</p>' in html
    assert '<p class="result-type">Ressource</p>' in html


def test_charter_and_legal_pages_are_searchable(client):
    assert "La charte de NEC" in listed_titles(
        client.get("/recherche/", {"q": "panel hommes"}).content.decode()
    )
    assert "Déclaration d’accessibilité" in listed_titles(
        client.get("/recherche/", {"q": "défenseur des droits"}).content.decode()
    )


def test_results_are_paginated(client):
    for number in range(23):
        make_resource(f"Atelier numéro {number}", slug=f"atelier-{number}")
    first = client.get("/recherche/", {"q": "atelier"}).content.decode()
    assert len(listed_titles(first)) == 10
    assert "23 résultats" in first
    third = client.get("/recherche/", {"q": "atelier", "page": 3}).content.decode()
    assert len(listed_titles(third)) == 3
    assert client.get("/recherche/", {"q": "atelier", "page": "x"}).status_code == 400


def test_empty_query_and_no_result_give_suggestions(client):
    html = client.get("/recherche/").content.decode()
    assert "Saisissez un ou plusieurs mots" in html
    html = client.get("/recherche/", {"q": "xylophone"}).content.decode()
    assert "Aucun résultat" in html
    assert 'href="/ressources/"' in html


def test_editors_can_promote_a_result_and_queries_are_counted(client):
    charter = library_page().get_parent().get_children().get(slug="charte")
    query = Query.get("parité")
    SearchPromotion.objects.create(query=query, page=charter, description="Notre engagement n°2.")
    html = client.get("/recherche/", {"q": "parité"}).content.decode()
    assert "Recommandé par l’équipe" in html
    assert "Notre engagement n°2." in html
    client.get("/recherche/", {"q": "Parité"})
    assert Query.get("parité").hits == 2


def test_search_box_is_in_the_header_of_every_page(client):
    for url in ("/", "/editions/", "/charte/", "/ressources/", "/plan-du-site/"):
        html = client.get(url).content.decode()
        assert re.search(r'<form id="recherche"[^>]*action="/recherche/"', html), url
        assert 'data-suggest-url="/recherche/suggestions/"' in html


def test_search_and_facets_stay_in_the_visitors_language(client):
    from ressources.models import ResourceIndexPage

    english_library = ResourceIndexPage.objects.get(locale__language_code="en")
    make_resource("Unique anglais médiation", parent=english_library, themes=["digital-inclusion"])

    french = client.get("/recherche/", {"q": "Bordeaux"}).content.decode()
    assert "2023 edition — Bordeaux" not in french
    assert "Édition 2023 — Bordeaux" in french
    assert "Unique anglais" not in client.get("/ressources/?q=anglais").content.decode()
    assert "Unique anglais" not in client.get("/recherche/?q=anglais").content.decode()
    english_results = client.get("/en/search/", {"q": "Bordeaux"}).content.decode()
    assert "2023 edition — Bordeaux" in english_results
    assert "Édition 2023 — Bordeaux" not in english_results
    english_library_html = client.get("/en/resources/").content.decode()
    assert "Unique anglais médiation" in english_library_html
    assert re.search(r"> Digital inclusion \(1\)</label>", english_library_html)  # facet in English
    assert "Inclusion numérique" not in english_library_html


def test_each_search_landmark_has_its_own_name_and_the_fields_one_wording(client):
    html = client.get("/recherche/", {"q": "charte"}).content.decode()
    forms = re.findall(r'<form [^>]*role="search"[^>]*>', html)
    names = [re.search(r'aria-label="([^"]+)"', form) for form in forms]
    assert len(forms) == 2 and all(names), forms
    assert len({name.group(1) for name in names}) == 2
    labels = re.findall(r'<label for="(?:header-q|search-page-q)"[^>]*>([^<]+)</label>', html)
    assert labels == ["Rechercher sur le site", "Rechercher sur le site"]


def test_each_page_of_results_has_its_own_title_with_the_count(client):
    for number in range(12):
        make_resource(f"Zorglub numéro {number}", slug=f"zorglub-{number}")

    def title(**params):
        html = client.get("/recherche/", {"q": "zorglub", **params}).content.decode()
        return re.search(r"<title>(.*?)</title>", html, re.S).group(1)

    assert title().startswith("Recherche : zorglub (12 résultats) — ")
    assert title(page=2).startswith("Recherche : zorglub (12 résultats, page 2 sur 2) — ")
    assert title(page="x").startswith("Erreur : Recherche : zorglub — ")


@pytest.mark.parametrize("url", ["/recherche/?q=médiation", "/en/search/?q=mediation"])
def test_every_field_of_the_search_page_has_an_explicit_label(client, url):
    """RGAA 11.1.1: the search page's field and the header's each have one <label for>."""
    response = client.get(url)
    assert response.status_code == 200
    html = response.content.decode()
    assert [name for _tag, name, _value in fillable_controls(html)] == ["q", "q"]
    assert unlabelled_controls(html) == []


def test_a_restricted_section_hides_every_page_under_it(client):
    """The site search reads its search documents alone: a view restriction on a section
    must still hide the pages below it, not only the restricted page."""
    from wagtail.models import PageViewRestriction

    make_resource("Tutoriel de cartographie partagée")
    assert "Tutoriel de cartographie partagée" in listed_titles(
        client.get("/recherche/", {"q": "cartographie"}).content.decode()
    )
    PageViewRestriction.objects.create(page=library_page(), restriction_type="login")
    html = client.get("/recherche/", {"q": "cartographie"}).content.decode()
    assert "Tutoriel de cartographie partagée" not in listed_titles(html)
    assert "Aucun résultat" in html


def test_search_matches_carry_their_page_language_and_first_publication():
    from search.models import SearchDocument, SearchMatch
    from tests.factories import translate_page

    resource = make_resource("Guide des tiers-lieux")
    english = translate_page(resource, title="Third places guide")
    for page in (resource, english):
        page.refresh_from_db()
        match = SearchMatch.objects.get(page=page)
        assert match.locale_id == page.locale_id
        assert match.published_at == page.first_published_at
    assert resource.locale_id != english.locale_id
    resource.unpublish()
    assert not SearchMatch.objects.filter(page=resource).exists()
    assert not SearchDocument.objects.filter(page=resource).exists()
    assert SearchMatch.objects.filter(page=english).exists()


def test_rebuilding_the_index_drops_what_is_no_longer_live_and_indexes_the_rest(client):
    import io

    from django.core.management import call_command
    from wagtail.models import Page

    from search.models import SearchDocument, SearchMatch

    resource = make_resource("Guide de la cartographie partagée")
    gone = make_resource("Ressource retirée en douce")
    Page.objects.filter(pk=gone.pk).update(live=False)  # behind the signals' back
    SearchMatch.objects.filter(page=resource).delete()
    SearchDocument.objects.filter(page=resource).delete()
    call_command("rebuild_search_documents", stdout=io.StringIO())
    for model in (SearchDocument, SearchMatch):
        assert model.objects.filter(page=resource).exists(), model
        assert not model.objects.filter(page=gone).exists(), model
    assert "Guide de la cartographie partagée" in listed_titles(
        client.get("/recherche/", {"q": "cartographie"}).content.decode()
    )
