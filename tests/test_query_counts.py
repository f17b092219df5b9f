"""SQL queries per page are pinned, and do not grow with the number of editions.

Two states count: the first visit after a change (nothing remembered: caching.memory
computes the menus, key pages, key figures and language links), and the visits after it,
until the next change."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.models import Site

from caching.memory import clear_all
from tests.factories import make_edition

pytestmark = pytest.mark.django_db

# Pinned counts for an anonymous visitor; update deliberately, never silently.
# url: (first visit after a change, later visits). Later visits find the breadcrumbs
# remembered with the rest of the shell.
PINNED = {
    # The home page reads the next local NECs and events: one query each.
    "/": (14, 4),
    "/editions/": (13, 6),
    # An edition with a programme looks up whether it is live and shows a session (its
    # link); the share of women on stage only then (editions.views, edition_tags).
    "/editions/2022-lens/": (14, 6),
    "/charte/": (11, 4),
    "/plan-du-site/": (14, 7),
    # Routing /en/… also looks up the English version of the site's root page, and its
    # specific page.
    "/en/": (15, 6),
    "/en/charter/": (12, 6),
    "/en/editions/2022-lens/": (15, 8),
}


def count_queries(client, url):
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(url)
    assert response.status_code == 200
    return len(ctx.captured_queries)


def first_and_later(client, url):
    # Wagtail keeps the sites' root paths in Django's cache, warm in a running site; other
    # tests may leave it cold (or empty it), which would add its queries to any page.
    Site.get_site_root_paths()
    clear_all()
    return count_queries(client, url), count_queries(client, url)


@pytest.mark.parametrize("url", PINNED)
def test_query_count_is_pinned(client, url):
    assert first_and_later(client, url) == PINNED[url]


@pytest.mark.parametrize("url", ["/", "/editions/", "/editions/2022-lens/", "/plan-du-site/"])
def test_query_count_does_not_grow_with_editions(client, url):
    # Inside a transaction that changed content, nothing is remembered: every visit
    # computes everything, as a first visit does.
    make_edition(2029, "Ville 2029", figures=[("attendees", 2029)])
    before = count_queries(client, url)
    for year in range(2030, 2036):
        make_edition(year, f"Ville {year}", figures=[("attendees", year), ("speakers", 10)])
    assert count_queries(client, url) == before
