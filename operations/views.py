import logging
import threading

from django.db import connection
from django.http import HttpResponse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_safe

logger = logging.getLogger(__name__)


# A probe must get its answer fast, whatever the database does: a frozen one never answers.
HEALTH_DEADLINE = 1.0  # seconds
_checking = threading.Lock()


def database_answers(deadline=HEALTH_DEADLINE):
    """Whether the database answers within `deadline` seconds, with a site to serve.

    Asked on a thread of its own, with its own connection, which the request does not wait
    for beyond the deadline. While one check still waits for a database that does not
    answer, the next says no at once rather than piling up threads."""
    if not _checking.acquire(blocking=False):
        return False
    outcome = {}

    def check():
        try:
            with connection.cursor() as cursor:
                # A database that answers but holds no site (never migrated, or emptied)
                # cannot serve a page either.
                cursor.execute("SELECT 1 FROM wagtailcore_site LIMIT 1")
                if cursor.fetchone() is None:
                    raise LookupError("no site in the database")
            outcome["ok"] = True
        except Exception as error:  # noqa: BLE001 - any failure means "not healthy"
            outcome["error"] = error
        finally:
            connection.close()  # this thread's own connection
            _checking.release()

    thread = threading.Thread(target=check, name="healthz", daemon=True)
    thread.start()
    thread.join(deadline)
    if "ok" in outcome:
        return True
    logger.error("Health check failed: %r", outcome.get("error", "no answer in time"))
    return False


@require_safe
@never_cache
def healthz(request):
    """200 when the database answers within a second, 503 otherwise; the details only go to
    the log."""
    if not database_answers():
        return HttpResponse("indisponible\n", status=503, content_type="text/plain; charset=utf-8")
    return HttpResponse("ok\n", content_type="text/plain; charset=utf-8")
