"""Counting the queries of a visit as it happens once the changes have committed."""

from django.db import connection
from django.test.utils import CaptureQueriesContext


def committed_query_count(client, url, visit=None):
    """Queries of a second visit to `url`: the test's changes count as committed, so what is
    remembered per content version is read by the first visit, and the visit counted reads
    only what it must. `visit(client, url)` replaces a plain GET expecting a 200."""

    def get(client, url):
        assert client.get(url).status_code == 200, url

    visit = visit or get
    connection.run_on_commit.clear()
    visit(client, url)
    with CaptureQueriesContext(connection) as queries:
        visit(client, url)
    return len(queries)
