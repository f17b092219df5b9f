"""French search: stemming, accents, typos, title before body — on both databases.

On PostgreSQL this exercises the `french_unaccent` configuration and trigram lexicon; on
SQLite the degraded path must give the same answers for these cases, without error.
"""

import pytest
from django.db import connection

from search.engine import plan_search
from tests.factories import make_resource
from tests.html import listed_titles

pytestmark = pytest.mark.django_db


@pytest.fixture
def resources():
    return {
        "ressources": make_resource(
            "Des ressources pour les tiers-lieux", excerpt="Un inventaire partagé."
        ),
        "mediateur": make_resource(
            "Le métier de médiateur", excerpt="Portrait d’un professionnel de terrain."
        ),
        "numerique": make_resource(
            "Stratégie numérique responsable", excerpt="Piloter une démarche sobre."
        ),
        "egalite": make_resource(
            "Égalité d’accès aux droits", excerpt="Accompagner les démarches en ligne."
        ),
        "mediation": make_resource(
            "Atelier de médiation", excerpt="Une séance d’initiation pour tous."
        ),
        "body_only": make_resource(
            "Compte rendu d’atelier",
            excerpt="Ce qui s’est dit.",
            body="On y a parlé de gouvernance des communs et de souveraineté.",
        ),
        "title": make_resource("Gouvernance des communs", excerpt="Une introduction."),
    }


def library_titles(client, query):
    response = client.get("/ressources/", {"q": query})
    assert response.status_code == 200
    return listed_titles(response.content.decode())


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("ressource", "Des ressources pour les tiers-lieux"),  # stemming: singular → plural
        ("médiateurs", "Le métier de médiateur"),  # plural → singular
        ("numerique", "Stratégie numérique responsable"),  # accents ignored
        ("egalite", "Égalité d’accès aux droits"),
        ("ÉGALITÉ", "Égalité d’accès aux droits"),
        ("numérque", "Stratégie numérique responsable"),  # typo
        ("mediaton", "Atelier de médiation"),  # typo
    ],
)
def test_french_search_finds(client, resources, query, expected):
    assert expected in library_titles(client, query)


def test_title_matches_rank_above_body_matches(client, resources):
    titles = library_titles(client, "gouvernance communs")
    assert titles.index("Gouvernance des communs") < titles.index("Compte rendu d’atelier")


def test_site_search_uses_the_same_engine(client, resources):
    html = client.get("/recherche/", {"q": "numerque"}).content.decode()
    assert "Stratégie numérique responsable" in html
    assert "Nous avons aussi cherché" in html


def test_typo_correction_suggests_a_known_word(resources):
    plan = plan_search("numérque")
    assert plan.corrections == {"numerque": "numerique"}


@pytest.mark.postgres
def test_postgresql_uses_the_french_unaccent_configuration(resources):
    with connection.cursor() as cursor:
        cursor.execute("SELECT to_tsvector('french_unaccent', 'Les médiateurs numériques')")
        (vector,) = cursor.fetchone()
        cursor.execute("SELECT extname FROM pg_extension")
        extensions = {row[0] for row in cursor.fetchall()}
    assert "'mediateur'" in vector and "'numer'" in vector
    assert {"unaccent", "pg_trgm"} <= extensions


@pytest.mark.postgres
def test_postgresql_ranks_with_weights(resources):
    from search.models import SearchDocument

    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT vector::text FROM search_searchmatch WHERE page_id = %s",
            [resources["title"].pk],
        )
        (vector,) = cursor.fetchone()
    assert "'gouvern':1A" in vector
    assert SearchDocument.objects.filter(page=resources["body_only"]).exists()


@pytest.mark.postgres
def test_ranks_read_with_the_matches_are_those_of_a_ranking_query(resources):
    """The library ranks with what the matching query returned: the same figures as
    ranking the same pages apart, and the same order once sorted."""
    from search.engine import by_relevance, match_documents, ranks

    for query in ("communs", "médiation atelier", "numérique démarche", "gouvernance"):
        plan = plan_search(query)
        page_ids, negated, relevance = match_documents(plan)
        assert not negated and relevance is not None and page_ids, query
        assert relevance == pytest.approx(ranks(page_ids, plan)), query
        assert by_relevance(page_ids, plan, relevance=relevance) == by_relevance(page_ids, plan)


def test_matches_are_those_of_the_language_asked(resources):
    from search.engine import match_documents
    from tests.factories import translate_page

    english = translate_page(resources["title"], title="Governance of the commons")
    french_ids = match_documents(plan_search("gouvernance", "fr"), resources["title"].locale_id)[0]
    english_ids = match_documents(plan_search("governance", "en"), english.locale_id)[0]
    assert resources["title"].pk in french_ids and english.pk not in french_ids
    assert english.pk in english_ids and resources["title"].pk not in english_ids
