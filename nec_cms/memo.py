"""Per-process memory of what would otherwise be looked up on every request (which Site
answers a host, whether any page has a view restriction, fragments, cached pages, a
library's facet index…), valid until the next purge of the page cache: every publish,
move, unpublish and every change to sites, locales, snippets or view restrictions makes a
new generation, so a remembered value never outlives what it reflects.

When the generation cannot be read (the cache is down), nothing is remembered: the lookup
runs, as it would without this module.
"""

import logging
import threading
import time
import weakref
from collections import OrderedDict

from nec_cms import generation as generations

logger = logging.getLogger(__name__)
_MISSING = object()


def current_generation(request):
    """The page cache generation, read once per request; None if the cache is unreachable."""
    from nec_cms.page_cache import page_cache  # the page cache module uses this one

    generation = getattr(request, "_nec_generation", _MISSING)
    if generation is _MISSING:
        try:
            generation = generations.read(page_cache()) or "0"
        except Exception as error:  # noqa: BLE001 - nothing remembered: everything computed
            logger.warning("Page cache generation unavailable: %s", error)
            generation = None
        if request is not None:
            request._nec_generation = generation
    return generation


class Memo:
    """At most `max_entries` values, the least recently used dropped first; a value may
    also carry a deadline (seconds since the epoch)."""

    def __init__(self, max_entries):
        self.max_entries = max_entries
        self.entries = OrderedDict()
        self.lock = threading.Lock()

    def remembered(self, name, compute, request=None):
        """`compute()`, computed once per generation in this process."""
        generation = current_generation(request)
        if generation is None:
            return compute()
        value = self.lookup(name, generation)
        if value is None:
            value = compute()
            self.remember(name, generation, value)
        return value

    def lookup(self, name, generation):
        """The value remembered under `name` for `generation` and not expired, else None."""
        with self.lock:
            entry = self.entries.get(name)
            if generation is None or entry is None or entry[0] != generation:
                return None
            if entry[2] is not None and entry[2] <= time.time():
                return None
            self.entries.move_to_end(name)
            return entry[1]

    def remember(self, name, generation, value, expires=None):
        with self.lock:
            self.entries[name] = (generation, value, expires)
            self.entries.move_to_end(name)
            while len(self.entries) > self.max_entries:
                self.entries.popitem(last=False)

    def forget_all(self):
        with self.lock:
            self.entries.clear()


_instances = weakref.WeakSet()


def new_memo(max_entries):
    memo = Memo(max_entries)
    _instances.add(memo)
    return memo


_default = new_memo(max_entries=256)
remembered = _default.remembered
lookup = _default.lookup
remember = _default.remember


def forget_all():
    """Forget everything this process remembers (tests: a rolled-back transaction leaves
    the generation as it was)."""
    for memo in list(_instances):
        memo.forget_all()
