"""Menus, language links and key figures are cached between requests and dropped on
publish, so a page the page cache cannot serve still renders cheaply and never stale."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from home.models import CharterPage
from tests.factories import make_edition

pytestmark = pytest.mark.django_db


@pytest.fixture
def fragments_on(settings):
    settings.NEC_FRAGMENT_CACHE_SECONDS = 300
    from nec_cms.page_cache import page_cache, purge

    purge("test start")
    yield
    page_cache().clear()


def queries(client, url):
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(url, HTTP_HOST="testserver")
    assert response.status_code == 200
    return len(ctx.captured_queries), response.content.decode()


def test_fragments_save_queries_on_the_next_request(client, fragments_on):
    first, _html = queries(client, "/")
    second, html = queries(client, "/")
    assert second <= first - 4  # navigation (2), language links (1), key figures (2)
    assert "<strong>5\xa0850</strong>" in html
    assert '<a href="/charte/">La charte de NEC</a>' in html


def test_publishing_drops_the_fragments(client, fragments_on):
    queries(client, "/")
    charter = CharterPage.objects.get(locale__language_code="fr")
    charter.title = "Notre charte"
    charter.save_revision().publish()
    make_edition(2024, "Ailleurs", figures=[("attendees", 1000)])
    _count, html = queries(client, "/")
    assert '<a href="/charte/">Notre charte</a>' in html
    assert "<strong>6\xa0850</strong>" in html


def test_current_page_is_marked_whatever_the_cache(client, fragments_on):
    queries(client, "/")
    _count, html = queries(client, "/charte/")
    assert '<a href="/charte/" aria-current="page">La charte de NEC</a>' in html
    _count, html = queries(client, "/")
    assert 'aria-current="page">La charte' not in html


def test_the_site_is_looked_up_once_per_process_and_forgotten_when_sites_change(client):
    from wagtail.models import Site

    from nec_cms import memo

    memo.forget_all()
    client.get("/")
    first, _html = queries(client, "/")
    site = Site.objects.get(is_default_site=True)
    site.site_name = "NEC"
    site.save()  # a new generation: the remembered sites are not used any more
    after_change, _html = queries(client, "/")
    assert after_change > first  # the Site (and Wagtail's site paths) are read again
    again, _html = queries(client, "/")
    assert again == first
