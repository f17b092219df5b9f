"""Whole-page cache for anonymous visitors.

Why our own middleware rather than Django's cache middleware or wagtail-cache: the language
of a page comes from its URL (French at /, English under /en/), so the URL alone is the
key, not the Accept-Language header; a visitor who carries a session cookie (an editor)
never reads nor writes the cache; a purge must not flush other data sharing the same Redis;
and a cache failure must degrade to uncached serving.

How it works:
- Only GET/HEAD requests without session or messages cookie, outside the admin, the
  documents and /healthz, are looked up; only 200 responses to a GET, without Set-Cookie
  nor `Cache-Control: private/no-cache/no-store`, for an anonymous user, are stored.
- Purging is one write: a new "generation" token. Each entry records the generation it was
  rendered under; an entry from an older generation is a miss. A page rendered while a
  publish happens is therefore never served after it.
- The whole cache is purged when a page is published, unpublished, moved, deleted or saved
  live, and when a snippet, a site setting, a site, a locale, an image, a document or a
  page view restriction changes. Listings (editions index, home, site map, sitemap.xml)
  show other pages, so purging everything is the simple strategy that is always right.
- Entries expire after NEC_PAGE_CACHE_SECONDS anyway (time-dependent content such as
  "upcoming events"); 0 turns the cache off.
"""

import hashlib
import logging
import time
import uuid

from django.conf import settings
from django.core.cache import caches
from django.db import transaction
from django.http import HttpResponse
from django.utils.cache import cc_delim_re

from nec_cms import generation as generations
from nec_cms import memo
from nec_cms.generation import GENERATION_KEY

logger = logging.getLogger(__name__)

NEVER_CACHED_CONTROL = {"private", "no-cache", "no-store"}


def page_cache():
    return caches[settings.NEC_PAGE_CACHE_ALIAS]


def purge(reason=""):
    """Invalidate every cached page at once (a new generation). Never raises."""
    generation = uuid.uuid4().hex
    try:
        cache = page_cache()
        cache.set(GENERATION_KEY, generation, timeout=None)
        if cache.get(GENERATION_KEY) != generation:
            raise RuntimeError("the new generation could not be written")
        generations.announce(cache, generation)
    except Exception as error:  # noqa: BLE001 - a purge must never break a publish
        logger.error("Page cache purge failed (%s): %s", reason, error)
    else:
        logger.debug("Page cache purged (%s).", reason)


def _purge_on_commit():
    purge("transaction committed")


def purge_on_change(reason):
    """Purge now, and once more when the transaction commits: a page that another process
    rendered in between still showed the old content, and must not outlive the commit."""
    purge(reason)
    connection = transaction.get_connection()
    if connection.in_atomic_block and not any(
        entry[1] is _purge_on_commit for entry in connection.run_on_commit
    ):
        transaction.on_commit(_purge_on_commit)


def excluded_prefixes():
    return (
        "/" + settings.NEC_ADMIN_PATH,
        "/documents/",
        settings.MEDIA_URL,
        settings.STATIC_URL,
        "/healthz",
    )


def is_cacheable_request(request):
    if request.method not in ("GET", "HEAD"):
        return False
    if request.path_info.startswith(excluded_prefixes()):
        return False
    cookies = request.COOKIES
    if settings.SESSION_COOKIE_NAME in cookies or "messages" in cookies:
        return False
    return "HTTP_AUTHORIZATION" not in request.META


def is_cacheable_response(request, response):
    if request.method != "GET" or response.status_code != 200 or response.streaming:
        return False
    if response.cookies or getattr(request, "is_preview", False):
        return False
    cache_control = {
        part.split("=")[0].strip().lower()
        for part in cc_delim_re.split(response.get("Cache-Control", ""))
    }
    if cache_control & NEVER_CACHED_CONTROL:
        return False
    user = getattr(request, "user", None)
    return not (user is not None and user.is_authenticated)


def cache_key(request):
    # The path carries the language (no prefix: French, /en/: English), so scheme, host, path
    # and query string are the whole key. The host is taken as sent: an entry only exists
    # for a host that passed ALLOWED_HOSTS when the page was rendered.
    raw = "|".join(
        (
            request.scheme,
            request.META.get("HTTP_HOST") or request.META.get("SERVER_NAME", ""),
            request.path_info,
            request.META.get("QUERY_STRING", ""),
        )
    )
    return "nec:page:" + hashlib.blake2b(raw.encode("utf-8", "surrogateescape")).hexdigest()


class PageCacheMiddleware:
    """See the module docstring. Each worker also keeps the hottest entries in memory,
    still checked against the generation on every request, so that a hit costs no read of
    the shared cache."""

    def __init__(self, get_response):
        self.get_response = get_response
        self.local = memo.new_memo(max_entries=256)

    def __call__(self, request):
        timeout = settings.NEC_PAGE_CACHE_SECONDS
        if not timeout or not is_cacheable_request(request):
            return self.get_response(request)

        key = cache_key(request)
        generation, entry = self.lookup(key)
        if generation is not None:
            request._nec_generation = generation  # fragments and memos read it from here
        if entry is not None:
            return self.rebuild(entry)

        response = self.get_response(request)
        if generation is not None and is_cacheable_response(request, response):
            self.store(key, generation, response, timeout)
        response["X-Cache"] = "MISS"
        return response

    def lookup(self, key):
        """Return (current generation or None, cached entry or None)."""
        try:
            cache = page_cache()
            generation = generations.read(cache)
            if generation is None:
                cache.add(GENERATION_KEY, uuid.uuid4().hex, timeout=None)
                return cache.get(GENERATION_KEY), None
            entry = self.local.lookup(key, generation)
            if entry is not None:
                return generation, entry
            entry = cache.get(key)
            if entry is not None and entry[0] == generation:
                self.local.remember(key, generation, entry, expires=entry[1])
                return generation, entry
            return generation, None
        except Exception as error:  # noqa: BLE001 - degrade to uncached serving
            logger.warning("Page cache lookup failed: %s", error)
            return None, None

    def store(self, key, generation, response, timeout):
        headers = dict(response.items())
        entry = (generation, time.time() + timeout, response.status_code, headers, response.content)
        try:
            page_cache().set(key, entry, timeout=timeout)
        except Exception as error:  # noqa: BLE001 - degrade to uncached serving
            logger.warning("Page cache store failed: %s", error)
        else:
            self.local.remember(key, generation, entry, expires=entry[1])

    @staticmethod
    def rebuild(entry):
        _generation, _expires, status, headers, content = entry
        response = HttpResponse(content, status=status, headers=headers)
        response["X-Cache"] = "HIT"
        return response


# --- Purge on content changes -------------------------------------------------------------

# A live page saved with only these fields changed its draft, not what visitors see.
DRAFT_ONLY_FIELDS = frozenset(
    {
        "draft_title",
        "latest_revision",
        "latest_revision_created_at",
        "has_unpublished_changes",
        "locked",
        "locked_at",
        "locked_by",
    }
)


def _on_page_signal(sender, **kwargs):
    purge_on_change(getattr(sender, "__name__", str(sender)))


def _affects_visitors(sender):
    from wagtail.contrib.settings.models import BaseGenericSetting, BaseSiteSetting
    from wagtail.documents.models import AbstractDocument
    from wagtail.images.models import AbstractImage
    from wagtail.models import Locale, PageViewRestriction, Site
    from wagtail.snippets.models import get_snippet_models

    bases = (
        BaseSiteSetting,
        BaseGenericSetting,
        Site,
        Locale,
        PageViewRestriction,
        AbstractImage,
        AbstractDocument,
    )
    return issubclass(sender, bases) or sender in get_snippet_models()


def _on_model_saved(sender, instance, created=False, update_fields=None, **kwargs):
    from wagtail.models import Page

    if isinstance(instance, Page):
        if instance.live and (update_fields is None or not set(update_fields) <= DRAFT_ONLY_FIELDS):
            purge_on_change(f"live page saved: {sender.__name__}")
    elif _affects_visitors(sender):
        purge_on_change(f"{sender.__name__} saved")


def _on_model_deleted(sender, instance, **kwargs):
    from wagtail.models import Page

    if isinstance(instance, Page) or _affects_visitors(sender):
        purge_on_change(f"{sender.__name__} deleted")


def connect_signals():
    from django.db.models.signals import post_delete, post_save
    from wagtail.signals import page_published, page_unpublished, post_page_move

    for signal in (page_published, page_unpublished, post_page_move):
        signal.connect(_on_page_signal, dispatch_uid=f"nec-page-cache-{id(signal)}")
    post_save.connect(_on_model_saved, dispatch_uid="nec-page-cache-save")
    post_delete.connect(_on_model_deleted, dispatch_uid="nec-page-cache-delete")
