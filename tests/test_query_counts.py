"""SQL queries per page are pinned, and do not grow with the number of editions."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests.factories import make_edition

pytestmark = pytest.mark.django_db

# Pinned counts for an anonymous visitor (cold caches); update deliberately, never silently.
PINNED = {
    "/": 12,
    "/editions/": 13,
    "/editions/2022-lens/": 13,
    "/charte/": 11,
    "/plan-du-site/": 14,
}


def count_queries(client, url):
    client.get(url)  # warm Wagtail's per-process site root cache
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(url)
    assert response.status_code == 200
    return len(ctx.captured_queries)


@pytest.mark.parametrize("url", PINNED)
def test_query_count_is_pinned(client, url):
    assert count_queries(client, url) == PINNED[url]


@pytest.mark.parametrize("url", ["/", "/editions/", "/editions/2022-lens/", "/plan-du-site/"])
def test_query_count_does_not_grow_with_editions(client, url):
    before = count_queries(client, url)
    for year in range(2030, 2036):
        make_edition(year, f"Ville {year}", figures=[("attendees", year), ("speakers", 10)])
    assert count_queries(client, url) == before


@pytest.mark.parametrize(
    ("french", "english"),
    [
        ("/", "/en/"),
        ("/charte/", "/en/charter/"),
        ("/editions/2022-lens/", "/en/editions/2022-lens/"),
    ],
)
def test_english_pages_cost_one_query_more_than_french_ones(client, french, english):
    # Routing /en/… looks up the English version of the site's root page.
    assert count_queries(client, english) == count_queries(client, french) + 1
