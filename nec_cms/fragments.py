"""Cached fragments of pages: menus, language links, key figures.

A page the page cache cannot serve (first visit, a query string, a logged-in editor…) still
reuses these, which cost most of its rendering time. They live in the page cache and are
dropped with it on every publish, move or unpublish (same generation), so they are never
staler than cached pages. NEC_FRAGMENT_CACHE_SECONDS=0 turns them off (the test settings do,
so query counts stay meaningful).
"""

import logging

from django.conf import settings

from nec_cms.page_cache import GENERATION_KEY, page_cache

logger = logging.getLogger(__name__)
_MISSING = object()


def current_generation(request):
    """The page cache generation, read once per request; None if the cache is unreachable."""
    generation = getattr(request, "_nec_generation", _MISSING)
    if generation is _MISSING:
        try:
            generation = page_cache().get(GENERATION_KEY) or "0"
        except Exception as error:  # noqa: BLE001 - no cache, no fragments: render them
            logger.warning("Fragment cache unavailable: %s", error)
            generation = None
        if request is not None:
            request._nec_generation = generation
    return generation


def cached_fragment(request, name, compute):
    """`compute()`, cached under `name` until the next purge (or the timeout)."""
    timeout = getattr(settings, "NEC_FRAGMENT_CACHE_SECONDS", 0)
    if timeout <= 0 or request is None:
        return compute()
    generation = current_generation(request)
    if generation is None:
        return compute()
    host = request.get_host()
    key = f"nec:fragment:{generation}:{host}:{name}"
    try:
        value = page_cache().get(key)
    except Exception:  # noqa: BLE001
        return compute()
    if value is None:
        value = compute()
        try:
            page_cache().set(key, value, timeout)
        except Exception as error:  # noqa: BLE001
            logger.warning("Fragment not cached: %s", error)
    return value
