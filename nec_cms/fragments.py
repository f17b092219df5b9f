"""Cached fragments of pages: menus, language links, key figures, and small lookups.

A page the page cache cannot serve (first visit, a query string, a logged-in editor…) still
reuses these, which cost most of its rendering time. They are kept under the page cache's
generation, so every publish, move or unpublish drops them: they are never staler than
cached pages. Each process keeps the ones it uses in memory (no round trip to the shared
cache), and shares them through the page cache's store. NEC_FRAGMENT_CACHE_SECONDS=0 turns
them off (the test settings do, so query counts stay meaningful).
"""

import logging
import time

from django.conf import settings

from nec_cms import memo
from nec_cms.memo import current_generation
from nec_cms.page_cache import page_cache

logger = logging.getLogger(__name__)
_MISSING = object()
_local = memo.new_memo(max_entries=512)


def cached_fragment(request, name, compute):
    """`compute()`, cached under `name` until the next purge (or the timeout)."""
    timeout = getattr(settings, "NEC_FRAGMENT_CACHE_SECONDS", 0)
    if timeout <= 0 or request is None:
        return compute()
    generation = current_generation(request)
    if generation is None:
        return compute()
    local_key = f"{request.get_host()}:{name}"
    value = _local.lookup(local_key, generation)
    if value is not None:
        return value
    key = f"nec:fragment:{generation}:{local_key}"
    try:
        value = page_cache().get(key, _MISSING)
    except Exception:  # noqa: BLE001
        return compute()
    if value is _MISSING:
        value = compute()
        try:
            page_cache().set(key, value, timeout)
        except Exception as error:  # noqa: BLE001
            logger.warning("Fragment not cached: %s", error)
    _local.remember(local_key, generation, value, expires=time.time() + timeout)
    return value
