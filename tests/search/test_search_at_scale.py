"""What keeps search fast on large catalogues without changing what visitors get: the
site search ranks only its most recent matches, and PostgreSQL's search indexes take
each published page at once."""

from datetime import timedelta

import pytest
from django.db import connection
from django.utils import timezone
from wagtail.models import Page

from tests.factories import make_resource
from tests.html import listed_titles

pytestmark = pytest.mark.django_db


def test_site_search_ranks_its_most_recent_matches_then_lists_the_others_by_date(
    client, monkeypatch
):
    monkeypatch.setattr("search.views.RANK_WINDOW", 2)
    now = timezone.now()
    pages = {
        # Oldest first; only the two most recent matches are ranked.
        "Zorglub, le guide complet": make_resource("Zorglub, le guide complet"),
        "Deuxième fiche": make_resource("Deuxième fiche", excerpt="Parle de zorglub."),
        "Zorglub en atelier": make_resource("Zorglub en atelier"),
        "Dernière fiche": make_resource("Dernière fiche", excerpt="Cite zorglub."),
    }
    for age, page in enumerate(reversed(pages.values())):
        Page.objects.filter(pk=page.pk).update(first_published_at=now - timedelta(days=age))

    titles = listed_titles(client.get("/recherche/", {"q": "zorglub"}).content.decode())

    # The title match among the two most recent comes first; beyond them, date order even
    # for a title match.
    assert titles == [
        "Zorglub en atelier",
        "Dernière fiche",
        "Deuxième fiche",
        "Zorglub, le guide complet",
    ]


def test_site_search_counts_every_match_beyond_the_ranked_ones(client, monkeypatch):
    monkeypatch.setattr("search.views.RANK_WINDOW", 3)
    for number in range(12):
        make_resource(f"Atelier zorglub {number}", slug=f"zorglub-{number}")
    first = client.get("/recherche/", {"q": "zorglub"}).content.decode()
    second = client.get("/recherche/", {"q": "zorglub", "page": 2}).content.decode()
    assert "12 résultats" in first
    shown = listed_titles(first) + listed_titles(second)
    assert sorted(shown) == sorted(f"Atelier zorglub {number}" for number in range(12))


@pytest.mark.postgres
def test_search_indexes_take_each_page_at_once_rather_than_through_a_pending_list():
    names = ("search_match_vector_gin", "search_document_title_trgm", "search_term_trgm")
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT relname, reloptions FROM pg_class WHERE relname = ANY(%s)", [list(names)]
        )
        options = dict(cursor.fetchall())
    assert set(options) == set(names)
    for name in names:
        assert "fastupdate=off" in (options[name] or []), name
