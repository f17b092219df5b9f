"""The page cache serves anonymous visitors fast, and never serves anything stale, private or
broken: a publish shows at once, editors and previews bypass it, a dead cache is no error."""

import os
import uuid

import pytest
from django.core.cache import caches
from django.db import connection
from django.test import override_settings
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from wagtail.models import Locale

from editions.models import EditionPage
from home.models import CharterPage
from nec_cms import page_cache
from tests.factories import home_page, make_edition, make_user

pytestmark = pytest.mark.django_db

REDIS_URL = os.environ.get("NEC_TEST_REDIS_URL", "redis://127.0.0.1:6379/15")


@pytest.fixture(autouse=True)
def cache_on():
    with override_settings(NEC_PAGE_CACHE_SECONDS=300):
        page_cache.purge("test start")
        yield
        page_cache.purge("test end")


def get(client, url, **extra):
    response = client.get(url, **extra)
    assert not response.cookies, "an anonymous visitor never gets a cookie"
    return response


def test_the_second_visit_is_served_from_the_cache_without_a_query(client):
    first = get(client, "/editions/")
    assert first["X-Cache"] == "MISS"
    with CaptureQueriesContext(connection) as queries:
        second = get(client, "/editions/")
    assert second["X-Cache"] == "HIT"
    assert len(queries) == 0
    assert second.status_code == 200
    assert second.content == first.content
    for header in ("Content-Security-Policy", "Permissions-Policy", "X-Frame-Options", "Vary"):
        assert second[header] == first[header], header


def test_a_published_change_shows_at_once(client):
    charter = CharterPage.objects.get(locale__language_code="fr")
    get(client, charter.url)
    assert get(client, charter.url)["X-Cache"] == "HIT"

    charter.title = "La charte, revue et corrigée"
    charter.save_revision().publish()
    response = get(client, charter.url)
    assert response["X-Cache"] == "MISS"
    assert "La charte, revue et corrigée" in response.content.decode()


def test_a_new_edition_shows_at_once_on_the_pages_that_list_it(client):
    for url in ("/", "/editions/", "/plan-du-site/", "/sitemap.xml"):
        get(client, url)
        assert get(client, url)["X-Cache"] == "HIT", url
    make_edition(2031, "Ailleurs", figures=[("attendees", 1000)])
    assert "Édition 2031 — Ailleurs" in get(client, "/editions/").content.decode()
    assert "/editions/2031-ailleurs/" in get(client, "/sitemap.xml").content.decode()
    assert "<strong>7</strong> éditions nationales" in get(client, "/").content.decode()


def test_unpublish_move_and_delete_show_at_once(client):
    edition = EditionPage.objects.get(slug="2022-lens", locale__language_code="fr")
    get(client, "/editions/2022-lens/")
    edition.unpublish()
    assert get(client, "/editions/2022-lens/").status_code == 404

    other = EditionPage.objects.get(slug="2021-sud-charente", locale__language_code="fr")
    get(client, "/editions/")
    other.move(home_page(), pos="last-child")
    assert "Sud Charente" not in get(client, "/editions/").content.decode()
    assert get(client, "/2021-sud-charente/").status_code == 200

    get(client, "/2021-sud-charente/")
    other.delete()
    assert get(client, "/2021-sud-charente/").status_code == 404


def test_an_editor_never_reads_nor_fills_the_cache(client):
    anonymous = get(client, "/charte/")
    assert "wagtail-userbar" not in anonymous.content.decode()

    client.force_login(make_user("editrice", ["Éditeurs"]))
    editor_view = client.get("/charte/")
    assert "X-Cache" not in editor_view
    assert "wagtail-userbar" in editor_view.content.decode()
    client.logout()

    # The editor's page (with the userbar) did not poison the cache, in either order.
    page_cache.purge("reorder")
    client.force_login(make_user("editeur", ["Éditeurs"]))
    client.get("/editions/")
    client.logout()
    visitor = get(client, "/editions/")
    assert visitor["X-Cache"] == "MISS"
    assert "wagtail-userbar" not in visitor.content.decode()


def test_a_preview_is_never_cached_and_never_leaks(client):
    charter = CharterPage.objects.get(locale__language_code="fr")
    get(client, charter.url)
    client.force_login(make_user("relectrice", superuser=True))
    charter.title = "Brouillon secret"
    revision = charter.save_revision()  # a draft, not published
    # Wagtail renders previews by running the page's own URL through the middleware: the
    # editor must see the draft, not the cached live page.
    for _ in range(2):
        preview = client.get(
            reverse("wagtailadmin_pages:revisions_view", args=(charter.pk, revision.pk))
        )
        assert "X-Cache" not in preview
        assert "Brouillon secret" in preview.content.decode()
    client.logout()
    public = get(client, charter.url)
    assert public["X-Cache"] == "HIT"
    assert "Brouillon secret" not in public.content.decode()


def test_a_password_protected_page_is_never_cached(client):
    from wagtail.models import PageViewRestriction

    charter = CharterPage.objects.get(locale__language_code="fr")
    assert "n°1" in get(client, charter.url).content.decode()
    PageViewRestriction.objects.create(
        page=charter, restriction_type=PageViewRestriction.PASSWORD, password="secret-nec"
    )
    for _ in range(2):
        response = client.get(charter.url)
        assert response["X-Cache"] == "MISS"
        assert "n°1" not in response.content.decode()
        assert 'type="password"' in response.content.decode()


def test_the_language_comes_from_the_url_not_from_the_browser(client):
    french = get(client, "/", HTTP_ACCEPT_LANGUAGE="en")
    assert '<html lang="fr"' in french.content.decode()
    assert "Accept-Language" in french["Vary"]
    assert "Cookie" in french["Vary"]
    again = get(client, "/", HTTP_ACCEPT_LANGUAGE="en-GB,en;q=0.9")
    assert again["X-Cache"] == "HIT"
    assert '<html lang="fr"' in again.content.decode()

    english_locale, _ = Locale.objects.get_or_create(language_code="en")
    home = home_page()
    if not home.get_translations().filter(locale=english_locale).exists():
        english = home.copy_for_translation(english_locale)
        english.save_revision().publish()
    english = get(client, "/en/", HTTP_ACCEPT_LANGUAGE="fr")
    assert english.status_code == 200
    assert english["X-Cache"] == "MISS", "/en/ is another entry than /"
    assert '<html lang="en"' in english.content.decode()
    assert get(client, "/en/")["X-Cache"] == "HIT"
    assert '<html lang="fr"' in get(client, "/").content.decode()


def test_query_strings_are_distinct_entries(client):
    get(client, "/editions/")
    assert get(client, "/editions/?page=2")["X-Cache"] == "MISS"
    assert get(client, "/editions/?page=2")["X-Cache"] == "HIT"


def test_what_is_never_cached(client):
    for _ in range(2):
        assert "X-Cache" not in client.get("/healthz")
        assert client.get("/page-qui-n-existe-pas/")["X-Cache"] == "MISS"
        assert "X-Cache" not in client.post("/charte/")
        assert "X-Cache" not in client.get(reverse("wagtailadmin_login"))


def test_a_navigation_change_shows_at_once(client):
    from home.models import Navigation

    get(client, "/charte/")
    navigation = Navigation.objects.get(locale__language_code="fr")
    navigation.footer_text = "Pied de page modifié à l’instant"
    navigation.save()
    assert "Pied de page modifié à l’instant" in get(client, "/charte/").content.decode()


class BrokenCache:
    """A cache backend whose every call fails."""

    def __getattr__(self, name):
        def fail(*args, **kwargs):
            raise ConnectionError("cache down")

        return fail


def test_a_broken_cache_degrades_to_uncached_serving(client, monkeypatch):
    monkeypatch.setattr(page_cache, "page_cache", BrokenCache)
    for _ in range(2):
        response = get(client, "/editions/")
        assert response.status_code == 200
        assert "Édition 2022 — Lens" in response.content.decode()
    page_cache.purge("publish while the cache is down")  # logs, never raises


def test_redis_down_degrades_to_uncached_serving(client):
    dead = {
        "BACKEND": "nec_cms.cache.ResilientRedisCache",
        "LOCATION": "redis://127.0.0.1:1/0",  # nothing listens there
        "OPTIONS": {"socket_connect_timeout": 0.2, "socket_timeout": 0.2},
    }
    with override_settings(CACHES={"default": dead, "pages": dead}):
        for _ in range(2):
            response = get(client, "/charte/")
            assert response.status_code == 200
            assert response["X-Cache"] == "MISS"


@pytest.fixture
def redis_pages():
    """The page cache on a real Redis, with a key prefix of its own."""
    import redis

    try:
        redis.Redis.from_url(REDIS_URL, socket_connect_timeout=1).ping()
    except redis.exceptions.RedisError as error:
        pytest.skip(f"Redis is not reachable at {REDIS_URL} ({error}); CI starts it.")
    prefix = f"test-{uuid.uuid4().hex[:8]}"
    config = {
        "BACKEND": "nec_cms.cache.ResilientRedisCache",
        "LOCATION": REDIS_URL,
        "KEY_PREFIX": prefix,
        "TIMEOUT": 60,
    }
    other = {**config, "KEY_PREFIX": f"{prefix}-other"}
    with override_settings(CACHES={"default": other, "pages": config}):
        yield caches["pages"]
        client = redis.Redis.from_url(REDIS_URL)
        for key in client.scan_iter(f"{prefix}*"):
            client.delete(key)


def test_the_page_cache_works_on_redis(client, redis_pages):
    caches["default"].set("survives-a-purge", "oui")
    get(client, "/charte/")
    assert get(client, "/charte/")["X-Cache"] == "HIT"
    charter = CharterPage.objects.get(locale__language_code="fr")
    charter.title = "Charte publiée via Redis"
    charter.save_revision().publish()
    response = get(client, "/charte/")
    assert response["X-Cache"] == "MISS"
    assert "Charte publiée via Redis" in response.content.decode()
    assert caches["default"].get("survives-a-purge") == "oui", "a purge flushes nothing else"


def test_a_cache_hit_on_redis_does_not_ask_redis_for_the_generation(client, redis_pages):
    get(client, "/charte/")
    get(client, "/charte/")  # subscribed, the generation known in memory
    reads = []
    original = redis_pages.get

    def counting_get(key, *args, **kwargs):
        reads.append(key)
        return original(key, *args, **kwargs)

    redis_pages.get = counting_get
    try:
        for _ in range(5):
            assert get(client, "/charte/")["X-Cache"] == "HIT"
    finally:
        del redis_pages.get
    assert reads == [], "a hit is served from the worker's memory"


def test_a_purge_by_another_worker_is_seen_at_once_through_redis(client, redis_pages):
    from nec_cms import generation

    get(client, "/charte/")
    assert get(client, "/charte/")["X-Cache"] == "HIT"
    # Another worker (its own connection) purges: this one learns it from its subscription
    # before serving the next request, without waiting for its memory to expire.
    other_worker = generation.redis_client(redis_pages)
    new = uuid.uuid4().hex
    stored = redis_pages._cache._serializer.dumps(new)  # as Django's Redis cache stores it
    other_worker.set(redis_pages.make_key(generation.GENERATION_KEY), stored)
    other_worker.publish(redis_pages.make_key(generation.CHANNEL_KEY), new)
    assert get(client, "/charte/")["X-Cache"] == "MISS"
    assert get(client, "/charte/")["X-Cache"] == "HIT"


def test_a_lost_subscription_falls_back_to_reading_redis(client, redis_pages):
    from nec_cms import generation

    get(client, "/charte/")
    assert get(client, "/charte/")["X-Cache"] == "HIT"
    generation._subscription.pubsub.connection.disconnect()  # Redis restarted, say
    assert get(client, "/charte/")["X-Cache"] == "HIT"  # read from Redis directly
    page_cache.purge("publish while the subscription is down")
    assert get(client, "/charte/")["X-Cache"] == "MISS"


def test_a_purge_is_repeated_when_the_transaction_commits(
    client, django_capture_on_commit_callbacks
):
    charter = CharterPage.objects.get(locale__language_code="fr")
    with django_capture_on_commit_callbacks() as callbacks:
        charter.title = "Charte republiée"
        charter.save_revision().publish()
    # A page another worker rendered before the commit showed the old charter: the purge at
    # commit time makes it a miss.
    assert [callback.__name__ for callback in callbacks] == ["_purge_on_commit"]
    get(client, charter.url)
    assert get(client, charter.url)["X-Cache"] == "HIT"
    callbacks[0]()
    assert get(client, charter.url)["X-Cache"] == "MISS"


@override_settings(NEC_PAGE_CACHE_SECONDS=0)
def test_the_home_page_is_never_served_from_a_stale_remembered_site(client):
    from home.models import HomePage

    assert "Intro renouvelée" not in client.get("/").content.decode()
    assert "Intro renouvelée" not in client.get("/").content.decode()  # the Site remembered
    home = HomePage.objects.get(locale__language_code="fr")
    home.intro = "<p>Intro renouvelée</p>"
    home.save_revision().publish()
    assert "Intro renouvelée" in client.get("/").content.decode()


def test_a_view_restriction_applies_at_once_and_lifting_it_too(client):
    from wagtail.models import PageViewRestriction

    charter = CharterPage.objects.get(locale__language_code="fr")
    with CaptureQueriesContext(connection) as before:
        get(client, f"{charter.url}?v={uuid.uuid4().hex}")  # a miss: the page is rendered
    restriction = PageViewRestriction.objects.create(
        page=charter.get_parent(), restriction_type=PageViewRestriction.LOGIN
    )
    assert client.get(charter.url).status_code == 302  # to the login page
    restriction.delete()
    assert get(client, charter.url).status_code == 200
    assert not any("pageviewrestriction" in q["sql"] for q in before.captured_queries), (
        "without any restriction on the site, none is looked up"
    )
