"""Values that a process computes once per content version, and reuses until visitors'
pages change.

Only what a benchmark showed too slow to compute on each request lives here: the library's
facet index (ressources/facet_index.py) reads every resource of a library, which took 137 ms
at 1 000 resources, 315 ms at 10 000 and about 2 s at 100 000 on PostgreSQL
(bench/search.py), while a library page served from the remembered index takes about 10 ms
of SQL. Everything else is computed per request and cached by HTTP (caching.middleware,
Varnish).

The content version is the id of the latest `Purge` row: it is written in the same
transaction as any change visitors can see (caching.purge), so a remembered value never
outlives the commit of the change that made it stale. Reading it costs one indexed query.
"""

import threading
from collections import OrderedDict

from caching.models import Purge
from caching.purge import changed_in_this_transaction

MAX_ENTRIES = 32


def content_version():
    return Purge.objects.order_by("-pk").values_list("pk", flat=True).first() or 0


class Memory:
    """At most `max_entries` values, the least recently used dropped first."""

    def __init__(self, max_entries=MAX_ENTRIES):
        self.max_entries = max_entries
        self.entries = OrderedDict()
        self.lock = threading.Lock()

    def get(self, name, compute):
        """`compute()`, computed once per content version in this process. A transaction
        that has changed content computes afresh: its version is not committed yet."""
        if changed_in_this_transaction():
            return compute()
        version = content_version()
        with self.lock:
            entry = self.entries.get(name)
            if entry is not None and entry[0] == version:
                self.entries.move_to_end(name)
                return entry[1]
        value = compute()
        with self.lock:
            self.entries[name] = (version, value)
            self.entries.move_to_end(name)
            while len(self.entries) > self.max_entries:
                self.entries.popitem(last=False)
        return value

    def clear(self):
        with self.lock:
            self.entries.clear()


facet_indexes = Memory()
