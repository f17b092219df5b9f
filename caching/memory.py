"""Values that a process computes once per content version, and reuses until visitors'
pages change.

Only what a benchmark showed too slow to compute on each request lives here:

- the library's facet index (ressources/facet_index.py) reads every resource of a library:
  137 ms at 1 000 resources, 315 ms at 10 000, about 2 s at 100 000 on PostgreSQL
  (bench/search.py);
- what the shell looks up around every page (the Site for the host, whether any page has a
  view restriction, menus, key pages, key figures, the other languages of a page): with
  them computed per request, a page that Varnish has not cached cost 15.7 ms of CPU, twelve
  queries, 0.02× whitenoise's static file (bench/load.sh); remembered here, it costs
  1.8 ms and two queries, 0.19×. Such pages are every first visit after a publish and every
  search with new words.

The content version is the id of the latest `Purge` row: it is written in the same
transaction as any change visitors can see (caching.purge), so a remembered value never
outlives the commit of the change that made it stale. It is read once per request (one
indexed query), and never trusted across requests.
"""

import threading
from collections import OrderedDict
from contextvars import ContextVar

from django.db import connection
from django.utils import translation
from wagtail.models import Locale, Site

from caching.models import Purge
from caching.purge import changed_in_this_transaction
from operations.security import is_admin_path

_request_version = ContextVar("nec_content_version", default=None)
# Written out rather than built by the ORM on every request: building and compiling the
# queryset cost about 120 µs of CPU, 7 % of an uncached page.
LATEST_PURGE_SQL = f"SELECT id FROM {Purge._meta.db_table} ORDER BY id DESC LIMIT 1"  # noqa: S608


def content_version():
    """The content version: read once per request (ContentVersionMiddleware), at each call
    outside a request."""
    held = _request_version.get()
    if held is not None and "version" in held:
        return held["version"]
    with connection.cursor() as cursor:
        cursor.execute(LATEST_PURGE_SQL)
        row = cursor.fetchone()
    version = row[0] if row else 0
    if held is not None:
        held["version"] = version
    return version


class Memory:
    """At most `max_entries` values, the least recently used dropped first."""

    def __init__(self, max_entries):
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


facet_indexes = Memory(max_entries=32)
shell = Memory(max_entries=4096)


def language_locale_id():
    """The id of the Locale of the request's language (Wagtail queries it at each call)."""
    return shell.get(("locale", translation.get_language()), lambda: Locale.get_active().pk)


def clear_all():
    facet_indexes.clear()
    shell.clear()


class ContentVersionMiddleware:
    """Each request reads the content version afresh, at most once, and finds the Wagtail
    Site of its host remembered (Wagtail looks it up on every request otherwise)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        token = _request_version.set({})
        try:
            path = request.path_info
            if not path.startswith(NO_SITE_PREFIXES) and not is_admin_path(path):
                remember_site(request)
            return self.get_response(request)
        finally:
            _request_version.reset(token)


# Paths that need no Site, and must not touch the database for one (robots.txt when the
# database is down, the health check, files, the admin which finds its own).
NO_SITE_PREFIXES = ("/robots.txt", "/healthz", "/static/", "/media/", "/documents/")


def remember_site(request):
    """Give Wagtail the Site of this host (and port) as remembered; Site.find_for_request
    reads it from the request."""
    key = (request._get_raw_host(), request.get_port())
    request._wagtail_site = shell.get(("site", *key), lambda: Site._find_for_request(request))
