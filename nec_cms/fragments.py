"""Cached fragments of pages: menus, language links, key figures, and small lookups.

A page the page cache cannot serve (first visit, a query string, a logged-in editor…) still
reuses these, which cost most of its rendering time. They are kept under the page cache's
generation, so every publish, move or unpublish drops them: they are never staler than
cached pages. Each process keeps the ones it uses in memory (no round trip to the shared
cache), and shares them through the page cache's store. NEC_FRAGMENT_CACHE_SECONDS=0 turns
them off (the test settings do, so query counts stay meaningful).
"""

import logging
import threading
import time

from django.conf import settings

from nec_cms import generation as generations
from nec_cms.page_cache import page_cache

logger = logging.getLogger(__name__)
_MISSING = object()
LOCAL_ENTRIES = 512

_local = {}
_lock = threading.Lock()


def current_generation(request):
    """The page cache generation, read once per request; None if the cache is unreachable."""
    generation = getattr(request, "_nec_generation", _MISSING)
    if generation is _MISSING:
        try:
            generation = generations.read(page_cache()) or "0"
        except Exception as error:  # noqa: BLE001 - no cache, no fragments: render them
            logger.warning("Fragment cache unavailable: %s", error)
            generation = None
        if request is not None:
            request._nec_generation = generation
    return generation


def cached_fragment(request, name, compute, shared=True):
    """`compute()`, cached under `name` until the next purge (or the timeout). `shared`
    False keeps the value in this process only (for values that do not pickle well)."""
    timeout = getattr(settings, "NEC_FRAGMENT_CACHE_SECONDS", 0)
    if timeout <= 0 or request is None:
        return compute()
    generation = current_generation(request)
    if generation is None:
        return compute()
    key = f"nec:fragment:{generation}:{request.get_host()}:{name}"
    now = time.monotonic()
    local = _local.get(key)
    if local is not None and local[0] > now:
        return local[1]
    value = _MISSING
    if shared:
        try:
            value = page_cache().get(key, _MISSING)
        except Exception:  # noqa: BLE001
            return compute()
    if value is _MISSING:
        value = compute()
        if shared:
            try:
                page_cache().set(key, value, timeout)
            except Exception as error:  # noqa: BLE001
                logger.warning("Fragment not cached: %s", error)
    with _lock:
        if len(_local) >= LOCAL_ENTRIES:
            _local.clear()
        _local[key] = (now + timeout, value)
    return value


def forget_local():
    """Drop what this process remembers (tests: a rolled-back transaction leaves the
    generation as it was)."""
    with _lock:
        _local.clear()
