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

Values marked `shared` are also kept in Django's cache when every process shares it (Redis
in production), under their content version: the library's facet index took about 0.7 s
to build at 100 000 resources in each gunicorn worker after every change, so that a publish
every 5 s doubled the library's p99 (bench/search.py). With it shared, the change's own
transaction builds it once, after it commits (`after_each_change`), and every worker loads
it from the cache in a few milliseconds.

The content version is the id of the latest `Purge` row: it is written in the same
transaction as any change visitors can see (caching.purge), so a remembered value never
outlives the commit of the change that made it stale. It is read once per request (one
indexed query; on the primary and on the read replica when the request reads the replica,
nec_cms.db_router), and never trusted across requests.
"""

import logging
import threading
import time
from collections import OrderedDict
from contextvars import ContextVar

from django.conf import settings
from django.core.cache import caches
from django.db import connection
from django.utils import translation
from wagtail.models import Locale, Site

from caching.models import Purge
from caching.purge import after_commit, changed_in_this_transaction
from nec_cms.db_router import current_on_replica, reads_replica
from operations.security import is_admin_path

logger = logging.getLogger(__name__)
_request_version = ContextVar("nec_content_version", default=None)
# A shared value outlives its version by at most this, in case nothing replaces it.
SHARED_SECONDS = 24 * 3600
# How long a process waits for another one computing a shared value (about three times the
# facet index's build at 100 000 resources).
SHARED_WAIT_SECONDS = 3
# Written out rather than built by the ORM on every request: building and compiling the
# queryset cost about 120 µs of CPU, 7 % of an uncached page.
LATEST_PURGE_SQL = f"SELECT id FROM {Purge._meta.db_table} ORDER BY id DESC LIMIT 1"  # noqa: S608


def content_version():
    """The content version: read once per request (ContentVersionMiddleware), at each call
    outside a request."""
    held = _request_version.get()
    if held is not None and "version" in held:
        return held["version"]
    version = committed_version()
    if held is not None:
        held["version"] = version
    return version


def committed_version():
    """The content version as committed now, whatever the request read earlier."""
    with connection.cursor() as cursor:
        cursor.execute(LATEST_PURGE_SQL)
        row = cursor.fetchone()
    return row[0] if row else 0


def shared_cache():
    """Django's cache when every process shares it (Redis), else None."""
    backend = settings.CACHES["default"]["BACKEND"]
    if backend.endswith((".LocMemCache", ".DummyCache")):
        return None
    return caches["default"]


def shared_key(name, version):
    return f"nec:memory:{name}:{version}"


def shared_value(name, version, compute):
    """`compute()` as the shared cache holds it for this version. When it does not, one
    process computes and stores it while the others wait for it (up to SHARED_WAIT_SECONDS,
    then compute it themselves): every process computing the same value at once after a
    change made a publish every 5 s cost each of them 0.7 s at 100 000 resources. Without a
    shared cache, or when it fails, computed here."""
    cache = shared_cache()
    if cache is None:
        return compute()
    key = shared_key(name, version)
    try:
        value = cache.get(key)
        if value is not None:
            return value
        computing = cache.add(f"{key}:computing", 1, SHARED_WAIT_SECONDS)
    except Exception:  # noqa: BLE001 - the cache is a help, never a condition
        logger.warning("Shared cache unavailable, %s computed here", name, exc_info=True)
        return compute()
    if not computing:
        value = wait_for(cache, key)
        if value is not None:
            return value
    value = compute()
    try:
        cache.set(key, value, SHARED_SECONDS)
        if computing:
            cache.delete(f"{key}:computing")
    except Exception:  # noqa: BLE001
        logger.warning("Shared cache unavailable, %s not stored", name, exc_info=True)
    return value


def wait_for(cache, key):
    """The value another process is computing, or None if it is not there in time."""
    deadline = time.monotonic() + SHARED_WAIT_SECONDS
    while time.monotonic() < deadline:
        time.sleep(0.02)
        try:
            value = cache.get(key)
        except Exception:  # noqa: BLE001
            return None
        if value is not None:
            return value
    return None


_after_each_change = []


def after_each_change(function):
    """Register `function(version, changes)` to compute values with `shared_value` once a
    change visitors can see has committed, when the cache is shared (caching.purge calls
    `share_after_change` through its `after_commit`, with the transaction's changes)."""
    _after_each_change.append(function)
    return function


def share_after_change(purge_id=None, changes=(None,)):
    """Run after each committed change (registered with caching.purge below), with the
    change's purge id and what it changed. `changes` reach the functions only when no
    other change has committed since (the content version is then this change's own):
    otherwise they are told that anything may have changed."""
    if shared_cache() is None or not _after_each_change:
        return
    # Read before computing: values computed from later data are only fresher.
    version = committed_version()
    if version != purge_id:
        changes = (None,)
    for function in _after_each_change:
        try:
            function(version, changes)
        except Exception:  # noqa: BLE001 - the change is committed; visitors compute instead
            logger.exception("Computing shared values after a change failed")


after_commit.append(share_after_change)


def shared_only(name, version):
    """The value `name` of `version` if the shared cache holds it, else None (nothing is
    computed)."""
    cache = shared_cache()
    if cache is None:
        return None
    try:
        return cache.get(shared_key(name, version))
    except Exception:  # noqa: BLE001 - the cache is a help, never a condition
        return None


def previous_version(version):
    """The content version just before `version` (None if there was none)."""
    earlier = Purge.objects.filter(pk__lt=version).order_by("-pk")
    return earlier.values_list("pk", flat=True).first()


class Memory:
    """At most `max_entries` values, the least recently used dropped first."""

    def __init__(self, max_entries):
        self.max_entries = max_entries
        self.entries = OrderedDict()
        self.lock = threading.Lock()

    def get(self, name, compute, shared=False):
        """`compute()`, computed once per content version in this process (and, `shared`,
        once for every process when the cache is shared). A transaction that has changed
        content computes afresh: its version is not committed yet."""
        if changed_in_this_transaction():
            return compute()
        version = content_version()
        with self.lock:
            entry = self.entries.get(name)
            if entry is not None and entry[0] == version:
                self.entries.move_to_end(name)
                return entry[1]
        value = shared_value(name, version, compute) if shared else compute()
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
        held = {}
        if reads_replica():
            # A request reading the replica takes the version from the replica, and only
            # when the primary has the same (else it reads the primary, nec_cms.db_router):
            # read from the primary alone, it could be newer than the replica's data, and a
            # value computed from that stale data would be remembered under the new version
            # until the next change. Read now, before any other query, so that a replica
            # behind never serves a page of this request.
            held["version"] = current_on_replica(LATEST_PURGE_SQL)
        token = _request_version.set(held)
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
