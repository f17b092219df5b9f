"""Per-process memory of lookups that would otherwise run on every request (which Site
answers a host, whether any page has a view restriction, a library's facet index…), valid
until the next purge of the page cache: every publish, move, unpublish and every change to
sites, locales, snippets or view restrictions makes a new generation, so a remembered value
never outlives what it reflects.

When the generation cannot be read (the cache is down), nothing is remembered: the lookup
runs, as it would without this module.
"""

import threading
from collections import OrderedDict

from nec_cms.fragments import current_generation


class Memo:
    """At most `max_entries` values, the least recently used dropped first."""

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
        """The value remembered under `name` for `generation`, else None."""
        with self.lock:
            entry = self.entries.get(name)
            if generation is None or entry is None or entry[0] != generation:
                return None
            self.entries.move_to_end(name)
            return entry[1]

    def remember(self, name, generation, value):
        with self.lock:
            self.entries[name] = (generation, value)
            self.entries.move_to_end(name)
            while len(self.entries) > self.max_entries:
                self.entries.popitem(last=False)

    def forget_all(self):
        with self.lock:
            self.entries.clear()


_default = Memo(max_entries=256)
remembered = _default.remembered
lookup = _default.lookup
remember = _default.remember
_instances = [_default]


def new_memo(max_entries):
    memo = Memo(max_entries)
    _instances.append(memo)
    return memo


def forget_all(**kwargs):
    for memo in _instances:
        memo.forget_all()
