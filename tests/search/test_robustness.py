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


# Every parameter a list reads, with what broke PostgreSQL (NUL is refused in any text)
# and other bytes no visitor means, on both languages' lists.
LISTS = ("/ressources/", "/en/resources/", "/recherche/", "/en/search/")
LIST_PARAMETERS = ("q", "theme", "type", "audience", "licence", "edition", "language", "sort")
HOSTILE_VALUES = (
    "%00",
    "abc%00def",
    "%00%00guide",
    "%01%1b%7f",
    "%E2%80%AE%E2%80%8B",
    "%ED%A0%80",  # a lone surrogate, UTF-8 encoded
    "%ff%fe",
    "%27%3B--",
    "x" * 3000,
    "%F0%9F%99%82",
)


@pytest.mark.parametrize("value", HOSTILE_VALUES, ids=range(len(HOSTILE_VALUES)))
@pytest.mark.parametrize("parameter", LIST_PARAMETERS)
@pytest.mark.parametrize("list_url", LISTS)
def test_every_list_parameter_takes_hostile_values(client, list_url, parameter, value):
    response = client.get(f"{list_url}?{parameter}={value}&{parameter}=guide")
    assert response.status_code == 200, response.content[:300]


@pytest.mark.parametrize("value", ["%00", "1%00", "%001", "%E2%80%AE2"])
@pytest.mark.parametrize("list_url", LISTS)
def test_a_page_number_with_control_characters_is_read_without_them(client, list_url, value):
    assert client.get(f"{list_url}?page={value}").status_code == 200
