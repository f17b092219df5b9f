"""What a process remembers between requests (caching.memory) lasts exactly one content
version: the next change, committed, is seen by the next request."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from caching.memory import Memory, content_version
from caching.models import Purge
from nec_cms.models import Navigation
from tests.factories import home_page

pytestmark = pytest.mark.django_db


def committed_change(reason="a change committed by another process"):
    """What another process's commit looks like from here: a new latest purge row, and no
    change pending in this transaction."""
    return Purge.objects.create(reason=reason, done_at="2026-11-30T00:00:00Z")


def test_a_value_is_computed_once_per_content_version():
    memory = Memory(max_entries=4)
    calls = []
    assert memory.get("x", lambda: calls.append(1) or len(calls)) == 1
    assert memory.get("x", lambda: calls.append(1) or len(calls)) == 1
    committed_change()
    assert memory.get("x", lambda: calls.append(1) or len(calls)) == 2


def test_a_transaction_that_changed_content_computes_afresh(django_capture_on_commit_callbacks):
    memory = Memory(max_entries=4)
    assert memory.get("x", lambda: "old") == "old"
    page = home_page()
    page.title = "La démarche, revue"
    page.save_revision().publish()  # records a purge sent when this transaction commits
    assert memory.get("x", lambda: "new") == "new"
    assert memory.get("x", lambda: "newer") == "newer"


def test_least_recently_used_values_go_first():
    memory = Memory(max_entries=2)
    memory.get("a", lambda: 1)
    memory.get("b", lambda: 2)
    memory.get("a", lambda: 0)  # used again: kept
    memory.get("c", lambda: 3)
    assert memory.get("a", lambda: "recomputed") == 1
    assert memory.get("b", lambda: "recomputed") == "recomputed"


def test_the_version_is_read_once_per_request(client):
    client.get("/")
    with CaptureQueriesContext(connection) as ctx:
        client.get("/")
    reads = [q for q in ctx.captured_queries if "caching_purge" in q["sql"]]
    assert len(reads) == 1


def test_a_menu_changed_by_another_process_shows_on_the_next_request(client):
    assert "Les éditions" in client.get("/").content.decode()
    menu = Navigation.objects.get(locale__language_code="fr")
    first = menu.main_menu.raw_data[0]
    first["value"]["label"] = "Toutes les éditions nationales"
    Navigation.objects.filter(pk=menu.pk).update(main_menu=list(menu.main_menu.raw_data))
    # Not yet: nothing told this process the menu changed.
    assert "Toutes les éditions nationales" not in client.get("/").content.decode()
    committed_change("menu saved")
    assert "Toutes les éditions nationales" in client.get("/").content.decode()


def test_robots_txt_needs_no_database(client):
    with CaptureQueriesContext(connection) as ctx:
        assert client.get("/robots.txt").status_code == 200
    assert ctx.captured_queries == []


def test_content_version_follows_the_latest_purge():
    before = content_version()
    latest = committed_change()
    assert before < latest.pk
    # Outside a request, nothing keeps the version: each read sees the latest.
    assert content_version() == latest.pk
