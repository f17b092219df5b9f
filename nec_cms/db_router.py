"""A streaming read replica of PostgreSQL for anonymous visitors' pages and search, when
DATABASE_REPLICA_URL is set (docs/operations.md, « Réplique PostgreSQL »).

What reads the replica: the reads of a request `ReplicaMiddleware` marks public (GET or
HEAD, outside the admin, without Django's session cookie) while the replica is believed up
and has every change visitors can see. Everything else reads and writes the primary:
writes, the admin, logged-in staff (who must see what they just published), the health
probe, migrations and management commands.

A replica that fails (refused, gone, any database error but a data or integrity one) is
left alone for NEC_DB_REPLICA_RETRY_SECONDS in this process; meanwhile reads go to the
primary. A public GET it failed during is answered again from the primary, once.

Lag: the replica serves a request only when it holds the same content version as the
primary (caching.memory reads both at the start of the request through
`current_on_replica`): every change visitors can see writes that version in its own
transaction, so a replica that has not replayed a change yet never renders a page that
Varnish would then keep. Each request checks for itself, so it holds across gunicorn
workers and servers, which share no memory. Before Varnish is purged, `wait_for_replica`
also gives the replica a moment to catch up, so that the pages fetched again after a
publish are rendered by the replica rather than all at once by the primary.

Why no cookie for anonymous visitors who post a form (so that they read their own write):
the only public form, the call for organisers (agenda.proposals), answers from the POST
itself (primary) and writes nothing any page shows; Varnish drops every cookie but Django's
session and CSRF ones, so such a marker would never reach the app behind it; and the site
promises anonymous visitors no cookie. The content version check above already shows
anyone, cookie or not, every change visitors can see.
"""

import logging
import threading
import time
from contextvars import ContextVar

from django.conf import settings
from django.core.signals import request_finished
from django.db import DEFAULT_DB_ALIAS, DatabaseError, DataError, IntegrityError, connections

from operations.security import is_admin_path

logger = logging.getLogger(__name__)

REPLICA = "replica"
PRIMARY = DEFAULT_DB_ALIAS
# How long a purge waits for the replica to replay a change before purging anyway.
LAG_WAIT_SECONDS = 5.0
# Paths that never read the replica: the health probe tells whether the primary, which
# publishing needs, answers (operations.views), and must not wait on anything else.
PRIMARY_PATHS = ("/healthz",)

# The current request's routing: {"replica": bool, "failed": bool}, or None outside a
# public read. Set by ReplicaMiddleware, forgotten when the response is closed (a streamed
# response reads while it is sent, after the middleware has returned).
_request = ContextVar("nec_replica_request", default=None)
# Until when (time.monotonic()) this process leaves the replica alone.
_down_until = 0.0
_down_lock = threading.Lock()


def replica_configured():
    return REPLICA in settings.DATABASES


def retry_seconds():
    return getattr(settings, "NEC_DB_REPLICA_RETRY_SECONDS", 30)


def replica_believed_up():
    return time.monotonic() >= _down_until


def mark_down(reason):
    """Reads go to the primary in this process for the next retry_seconds()."""
    global _down_until
    with _down_lock:
        was_up = replica_believed_up()
        _down_until = time.monotonic() + retry_seconds()
    if was_up:
        logger.warning(
            "Read replica set aside for %s s, reads go to the primary: %s", retry_seconds(), reason
        )


def reads_replica():
    """Whether the current request's reads go to the replica now."""
    state = _request.get()
    return bool(
        state is not None
        and state["replica"]
        and replica_believed_up()
        # A read inside a transaction belongs to it (get_or_create, select_for_update…).
        and not connections[PRIMARY].in_atomic_block
    )


def is_public_read(request):
    """A request that can only show what any anonymous visitor sees."""
    return (
        request.method in ("GET", "HEAD")
        and not is_admin_path(request.path_info)
        and not request.path_info.startswith(PRIMARY_PATHS)
        # Logged-in staff (and anyone with a session) read the primary: what they just
        # published, saved or were granted shows on their next page.
        and settings.SESSION_COOKIE_NAME not in request.COOKIES
    )


def is_replica_failure(error):
    """A database error that says the replica cannot serve (gone, refused, recovery
    conflict…), not one the query itself caused."""
    return isinstance(error, DatabaseError) and not isinstance(error, (DataError, IntegrityError))


def current_on_replica(sql):
    """For a request reading the replica: the one value `sql` selects (the content
    version), read on the primary then on the replica. The replica keeps the request only
    when it answers the same, that is when it has replayed every change that value
    follows; otherwise, or when it fails, the rest of the request reads the primary. The
    value as read where the request's reads now go."""
    with connections[PRIMARY].cursor() as cursor:
        cursor.execute(sql)
        row = cursor.fetchone()
    primary = row[0] if row else 0
    try:
        with connections[REPLICA].cursor() as cursor:
            cursor.execute(sql)
            row = cursor.fetchone()
    except DatabaseError as error:
        if not is_replica_failure(error):
            raise
        mark_down(error)
        return primary
    if (row[0] if row else 0) != primary:
        read_primary()
    return primary


def read_primary():
    """The rest of the current request reads the primary."""
    state = _request.get()
    if state is not None:
        state["replica"] = False


def _forget_request(**kwargs):
    _request.set(None)


request_finished.connect(_forget_request, dispatch_uid="nec-replica-forget-request")


class ReplicaRouter:
    """Reads of public requests go to the replica (see the module's docstring); every
    write, every other read, and migrations go to the primary."""

    def db_for_read(self, model, **hints):
        return REPLICA if reads_replica() else PRIMARY

    def db_for_write(self, model, **hints):
        return PRIMARY

    def allow_relation(self, obj1, obj2, **hints):
        return True  # one database, two copies of it

    def allow_migrate(self, db, app_label, model_name=None, **hints):
        return db == PRIMARY  # the replica replays the primary's migrations


class ReplicaMiddleware:
    """Marks public reads for the router, notices the replica failing under a request,
    and answers a public GET it failed from the primary. Placed before every middleware
    that queries the database (caching.memory's reads the content version)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        public = is_public_read(request) and replica_believed_up() and self.replica_connects()
        state = {"replica": public, "failed": False}
        _request.set(state)
        if not public:
            return self.get_response(request)
        with connections[REPLICA].execute_wrapper(self.watch):
            response = self.get_response(request)
        if state["failed"] and response.status_code >= 500 and not response.streaming:
            # Nothing was sent yet and a GET changes nothing: ask again, from the primary
            # (the replica is set aside, see mark_down).
            logger.warning("Answered again from the primary: %s", request.path)
            _request.set({"replica": False, "failed": False})
            response = self.get_response(request)
        return response

    @staticmethod
    def replica_connects():
        """Whether the replica accepts a connection (at once when this thread holds one):
        a replica down is found here, before the request has read anything."""
        try:
            connections[REPLICA].ensure_connection()
        except DatabaseError as error:
            mark_down(error)
            return False
        return True

    @staticmethod
    def watch(execute, sql, params, many, context):
        try:
            return execute(sql, params, many, context)
        except DatabaseError as error:
            if is_replica_failure(error):
                mark_down(error)
                state = _request.get()
                if state is not None:
                    state["failed"] = True
            raise


def wait_for_replica(timeout=LAG_WAIT_SECONDS):
    """Wait, at most `timeout` seconds, until the replica has replayed what the primary has
    committed so far (call it after the commit). False when it did not in time, or failed:
    it is then set aside in this process. True at once without a replica to wait for."""
    if not replica_configured() or not replica_believed_up():
        return True
    started = time.monotonic()
    with connections[PRIMARY].cursor() as cursor:
        cursor.execute("SELECT pg_current_wal_lsn()::text")
        (target,) = cursor.fetchone()
    pause = 0.005
    try:
        while True:
            with connections[REPLICA].cursor() as cursor:
                # NULL on a server that is not a standby: nothing to wait for.
                cursor.execute("SELECT pg_last_wal_replay_lsn() >= %s::pg_lsn", [target])
                (replayed,) = cursor.fetchone()
            if replayed is not False:
                return True
            if time.monotonic() - started >= timeout:
                mark_down(f"still behind {target} after {timeout:g} s")
                return False
            time.sleep(pause)
            pause = min(pause * 2, 0.1)
    except DatabaseError as error:
        if not is_replica_failure(error):
            raise
        mark_down(error)
        return False
