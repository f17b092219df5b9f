"""Whatever a visitor types, the library, the site search and the suggestions answer 200
or 400 with a message — never a 500 — and echo nothing unescaped."""

import pytest

from tests.factories import make_resource

pytestmark = pytest.mark.django_db

HOSTILE = [
    '"',
    "'",
    '"numérique',
    "l'inclusion \"",
    "\x00",
    "abc\x00def",
    "\x01\x02\x1b[31m",
    "\u202e\u200b",
    "x" * 10_000,
    "é" * 5_000,
    "'; DROP TABLE wagtailcore_page; --",
    "1 OR 1=1",
    "<script>alert('x')</script>",
    '"><img src=x onerror=alert(1)>',
    "NEAR(a b)",
    "a AND OR NOT b",
    "*",
    "(((",
    ":*",
    "a & | ! b",
    "\\",
    "%",
    "_",
    "  ",
    "🙂 numérique",
]
ENDPOINTS = ["/ressources/", "/recherche/", "/recherche/suggestions/"]


@pytest.fixture(autouse=True)
def some_content():
    make_resource("Inclusion numérique au quotidien")


@pytest.mark.parametrize("endpoint", ENDPOINTS)
@pytest.mark.parametrize("query", HOSTILE, ids=range(len(HOSTILE)))
def test_hostile_queries_never_break_the_server(client, endpoint, query):
    response = client.get(endpoint, {"q": query})
    assert response.status_code == 200  # a query is never refused, only a page number
    body = response.content.decode()
    assert "<script>alert" not in body
    assert "<img src=x" not in body


# The page numbers that do not exist: a 400 with a way back to page 1 (lists only).
BAD_PAGES = ("page=0", "page=-1", "page=abc")


@pytest.mark.parametrize(
    "query_string",
    [
        *BAD_PAGES,
        "page=99999",
        "page=",
        "page=1&page=2",
        "q=a&q=b",
        "theme=a&theme=a&theme=b",
        "sort=n%27importe",
        "licence=%00",
        "edition=%27%3B--",
        "type=" + "x" * 3000,
        "q=%ff%fe",
        "language=zz&language=fr",
        "unknown=1",
        "q=%E2%80%AE",
    ],
)
@pytest.mark.parametrize("endpoint", ENDPOINTS)
def test_hostile_parameters(client, endpoint, query_string):
    response = client.get(f"{endpoint}?{query_string}")
    if endpoint.endswith("/suggestions/"):
        assert response.status_code == 200
        assert "suggestions" in response.json()
    elif query_string in BAD_PAGES:
        assert response.status_code == 400
        html = response.content.decode()
        assert "Le numéro de page demandé n’existe pas" in html
        assert 'href="?"' in html  # back to page 1, nothing else to keep
    else:
        assert response.status_code == 200
        assert "Le numéro de page demandé n’existe pas" not in response.content.decode()


def test_suggestions_are_json_and_capped(client):
    for number in range(12):
        make_resource(f"Inclusion pas à pas, épisode {number}", slug=f"inclusion-{number}")
    response = client.get("/recherche/suggestions/", {"q": "inclusion"})
    assert response.status_code == 200
    assert response["Content-Type"] == "application/json"
    data = response.json()
    assert len(data["suggestions"]) == 8
    assert all(s["title"].lower().startswith("inclusion") for s in data["suggestions"])
    assert {"title", "url", "type"} <= set(data["suggestions"][0])


def test_suggestions_find_words_inside_titles_without_accents(client):
    data = client.get("/recherche/suggestions/", {"q": "numeriq"}).json()
    assert [s["title"] for s in data["suggestions"]] == ["Inclusion numérique au quotidien"]
