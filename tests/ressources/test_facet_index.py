"""The library's facet index: bitsets over the resources, most recent first. Reading a page
of results from the bits, and searching through the complement of a broad query, give what
the database says."""

import random
import re

import pytest

from ressources import facet_index
from ressources.facet_index import FacetIndex
from search import engine
from tests.factories import make_resource
from tests.html import listed_titles


def index_of(size):
    ids = list(range(1000, 1000 + size))
    return FacetIndex(ids=ids, position={page_id: i for i, page_id in enumerate(ids)})


@pytest.mark.parametrize("size", [0, 1, 7, 8, 9, facet_index.CHUNK_BITS + 5])
def test_bits_and_page_ids_round_trip_at_any_offset(size):
    index = index_of(size)
    rng = random.Random(size)  # noqa: S311 - test data, not secrets
    chosen = sorted(rng.sample(index.ids, k=size // 2))
    bits = index.bitset(chosen + [1, 2, 3])  # ids outside the library are ignored
    assert bits.bit_count() == len(chosen)
    assert index.page_ids(bits) == chosen
    for offset in {0, 1, len(chosen) // 2, max(0, len(chosen) - 3), len(chosen), len(chosen) + 9}:
        assert index.page_ids(bits, offset=offset, limit=12) == chosen[offset : offset + 12]


def test_everything_and_an_empty_library():
    assert index_of(0).everything == 0
    assert index_of(0).page_ids(0, offset=5, limit=12) == []
    assert index_of(3).page_ids(index_of(3).everything) == [1000, 1001, 1002]


@pytest.mark.django_db
@pytest.mark.postgres
def test_a_broad_query_searched_through_its_complement_gives_the_same_page(client, monkeypatch):
    for number in range(15):
        make_resource(
            f"Médiation numérique, fiche {number:02d}",
            slug=f"fiche-{number:02d}",
            themes=["mediation-competences"] if number % 2 else ["inclusion-numerique"],
            types=["fiche-pratique"] if number % 3 else ["guide"],
        )
    make_resource("Les communs, un guide", slug="communs", types=["guide"])
    urls = [
        "/ressources/?q=numérique",
        "/ressources/?q=numérique&type=guide",
        "/ressources/?q=numérique&sort=date&page=2",
        "/ressources/?q=mediation+numerique&theme=inclusion-numerique",
    ]
    monkeypatch.setattr(engine, "BROAD_SHARE", 2.0)  # never negated: the ids that match
    direct = {url: client.get(url).content.decode() for url in urls}
    monkeypatch.setattr(engine, "BROAD_SHARE", 0.0)  # always negated: the ids that do not
    for url in urls:
        negated = client.get(url).content.decode()
        assert listed_titles(negated) == listed_titles(direct[url]), url
        assert re.findall(r"\((\d+)\)", negated) == re.findall(r"\((\d+)\)", direct[url]), url
        assert listed_titles(negated), url
    assert "Les communs, un guide" not in direct[urls[1]]


@pytest.mark.django_db
def test_the_index_follows_publishing(client):
    make_resource("Première ressource indexée", slug="premiere")
    assert "Première ressource indexée" in client.get("/ressources/").content.decode()
    second = make_resource("Seconde ressource indexée", slug="seconde")
    assert "Seconde ressource indexée" in client.get("/ressources/").content.decode()
    second.unpublish()
    html = client.get("/ressources/").content.decode()
    assert "Seconde ressource indexée" not in html
    assert "Première ressource indexée" in html


def test_the_index_travels_through_the_shared_cache():
    import pickle

    index = index_of(20)
    index.values = {"licence": {"cc0-1.0": index.bitset([1003, 1007])}}
    index.searchable = index.everything
    copy = pickle.loads(pickle.dumps(index))  # noqa: S301 - our own data
    assert copy.ids == index.ids
    assert copy.position == index.position
    assert copy.page_ids(copy.values["licence"]["cc0-1.0"]) == [1003, 1007]
