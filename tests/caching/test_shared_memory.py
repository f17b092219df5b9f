"""The library's facet index, shared by the app processes through the cache when it is
shared (Redis in production): built once after each change commits, then loaded by every
process rather than rebuilt by each."""

import contextlib
import threading

import pytest
from django.db import connection

from caching import memory
from caching.memory import clear_all, committed_version
from ressources import facet_index
from ressources.library import index_name
from tests.factories import library_page, make_resource

pytestmark = pytest.mark.django_db


@pytest.fixture
def shared_cache(settings, tmp_path):
    """A cache every process could share (files), empty for each test."""
    settings.CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.filebased.FileBasedCache",
            "LOCATION": str(tmp_path / "cache"),
        }
    }
    from django.core.cache import caches

    yield caches["default"]
    caches["default"].clear()


@contextlib.contextmanager
def committed(capture):
    """The block's changes as if committed: what waits for the commit runs, and nothing is
    left pending (the test's own transaction never commits)."""
    with capture(execute=True):
        yield
    connection.run_on_commit.clear()


def shared_index(cache, version):
    return cache.get(f"nec:memory:{index_name(library_page())}:{version}")


def test_a_committed_publish_builds_the_index_once_for_every_process(
    client, shared_cache, django_capture_on_commit_callbacks, monkeypatch
):
    with committed(django_capture_on_commit_callbacks):
        resource = make_resource("Un guide partagé entre les processus")
    index = shared_index(shared_cache, committed_version())
    assert index is not None
    assert resource.pk in index.ids

    # Another process, with nothing remembered: it loads the index and builds nothing.
    clear_all()
    monkeypatch.setattr(facet_index, "build", lambda *args: pytest.fail("index rebuilt"))
    html = client.get("/ressources/").content.decode()
    assert "Un guide partagé entre les processus" in html


def test_without_a_shared_index_a_process_builds_it_and_shares_it(client, shared_cache):
    resource = make_resource("Une ressource publiée par un autre processus")
    connection.run_on_commit.clear()  # committed, without computing anything after it
    clear_all()
    assert shared_index(shared_cache, committed_version()) is None
    assert client.get("/ressources/").status_code == 200
    assert resource.pk in shared_index(shared_cache, committed_version()).ids


def test_a_failing_shared_cache_leaves_the_library_answering(client, shared_cache, monkeypatch):
    make_resource("Une ressource malgré le cache en panne")

    # Only the values shared here fail: Wagtail's own use of the cache is Wagtail's.
    def failing(method):
        def call(key, *args, **kwargs):
            if key.startswith("nec:memory:"):
                raise ConnectionError("cache down")
            return method(key, *args, **kwargs)

        return call

    monkeypatch.setattr(shared_cache, "get", failing(shared_cache.get))
    monkeypatch.setattr(shared_cache, "set", failing(shared_cache.set))
    clear_all()
    html = client.get("/ressources/").content.decode()
    assert "Une ressource malgré le cache en panne" in html


def test_nothing_is_shared_with_a_cache_of_this_process_only(
    django_capture_on_commit_callbacks, monkeypatch
):
    shared = []
    monkeypatch.setattr(
        memory, "_after_each_change", [lambda version, _changes: shared.append(version)]
    )
    with django_capture_on_commit_callbacks(execute=True):
        make_resource("Une ressource sans cache partagé")
    assert memory.shared_cache() is None
    assert shared == []


def test_each_change_that_commits_shares_the_index_anew(
    shared_cache, django_capture_on_commit_callbacks, monkeypatch
):
    shared = []
    monkeypatch.setattr(
        memory, "_after_each_change", [lambda version, _changes: shared.append(version)]
    )
    with committed(django_capture_on_commit_callbacks):
        make_resource("Une première ressource")
    with committed(django_capture_on_commit_callbacks):
        make_resource("Une seconde ressource")
    assert len(shared) == 2 and shared[0] < shared[1]


def test_a_process_waits_for_the_value_another_one_is_computing(shared_cache, monkeypatch):
    key = "nec:memory:x:7"
    shared_cache.add(f"{key}:computing", 1, 10)
    timer = threading.Timer(0.2, lambda: shared_cache.set(key, "computed elsewhere", 10))
    timer.start()
    try:
        value = memory.shared_value("x", 7, lambda: pytest.fail("computed twice"))
    finally:
        timer.join()
    assert value == "computed elsewhere"


def test_a_process_computes_itself_when_the_other_one_never_delivers(shared_cache, monkeypatch):
    monkeypatch.setattr(memory, "SHARED_WAIT_SECONDS", 0.1)
    shared_cache.add("nec:memory:x:8:computing", 1, 10)
    assert memory.shared_value("x", 8, lambda: "computed here") == "computed here"
    assert shared_cache.get("nec:memory:x:8") == "computed here"


def fresh_index():
    from ressources.library import FACETS

    return facet_index.build(library_page().resources(), FACETS)


def builds_after_commit(monkeypatch):
    """The number of resources each index built once a change committed has read."""
    from ressources.library import share_facet_indexes

    sharing, built = [], []

    def share(version, changes):
        sharing.append(version)
        try:
            share_facet_indexes(version, changes)
        finally:
            sharing.pop()

    def build(base, facets, real_build=facet_index.build):
        if sharing:
            built.append(base.count())
        return real_build(base, facets)

    monkeypatch.setattr(memory, "_after_each_change", [share])
    monkeypatch.setattr(facet_index, "build", build)
    return built


def test_a_change_to_resources_only_patches_the_index_as_a_rebuild_would(
    shared_cache, django_capture_on_commit_callbacks, monkeypatch
):
    """Publishing, unpublishing, re-dating, re-theming or deleting resources patches the
    previous version's index: the same index as one built afresh, without reading every
    resource again."""
    import datetime

    with committed(django_capture_on_commit_callbacks):
        kept = make_resource("Une ressource qui reste", publication_date=datetime.date(2024, 5, 2))
        changed = make_resource("Une ressource qui change", themes=["inclusion-numerique"])
        gone = make_resource("Une ressource dépubliée")
        deleted = make_resource("Une ressource supprimée")
    for number in range(5):
        with committed(django_capture_on_commit_callbacks):
            make_resource(
                f"Ressource {number}", publication_date=datetime.date(2024, 5, number + 1)
            )

    built = builds_after_commit(monkeypatch)

    def change(make):
        built.clear()
        with committed(django_capture_on_commit_callbacks):
            make()
        assert shared_index(shared_cache, committed_version()) == fresh_index()
        # Each library read only the resources changed (none in the English one).
        assert built and max(built) <= 1, built

    change(
        lambda: make_resource("Une ressource ancienne", publication_date=datetime.date(2019, 1, 1))
    )
    change(
        lambda: make_resource("Une ressource du jour même", publication_date=kept.publication_date)
    )

    def retheme():
        changed.themes = list(changed.themes.model.objects.filter(slug="communs-souverainete"))
        changed.publication_date = datetime.date(2020, 3, 4)
        changed.save_revision().publish()

    change(retheme)
    change(gone.unpublish)
    change(lambda: deleted.delete())
    assert kept.pk in shared_index(shared_cache, committed_version()).ids


def test_any_other_change_rebuilds_the_index(
    shared_cache, django_capture_on_commit_callbacks, monkeypatch
):
    from ressources.models import Theme

    with committed(django_capture_on_commit_callbacks):
        resource = make_resource("Une ressource et son thème", themes=["inclusion-numerique"])
        make_resource("Une autre ressource")
        make_resource("Une troisième ressource")
    rebuilt = builds_after_commit(monkeypatch)
    # Deleting a theme takes it off its resources without any resource being saved.
    with committed(django_capture_on_commit_callbacks):
        Theme.objects.filter(slug="inclusion-numerique", locale_id=resource.locale_id).delete()
    assert rebuilt and rebuilt[0] == 3  # the whole French library read again
    assert shared_index(shared_cache, committed_version()) == fresh_index()


def test_without_the_previous_index_the_change_rebuilds_it(
    shared_cache, django_capture_on_commit_callbacks
):
    with committed(django_capture_on_commit_callbacks):
        make_resource("Une première ressource")
    shared_cache.clear()
    with committed(django_capture_on_commit_callbacks):
        make_resource("Une seconde ressource")
    assert shared_index(shared_cache, committed_version()) == fresh_index()


def test_a_change_committed_in_between_is_never_patched_over(
    client, shared_cache, django_capture_on_commit_callbacks
):
    """When another change has committed before this one's index is shared, the version
    is no longer this change's own: the index is built, not patched with this change's
    resources alone (which would lose the other change)."""
    import datetime

    from caching.purge import request_purge
    from ressources.models import ResourcePage

    with committed(django_capture_on_commit_callbacks):
        other = make_resource("Une ressource changée ailleurs")
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        make_resource("Une ressource publiée ici")
    connection.run_on_commit.clear()  # committed; what follows it has not run yet
    # A visitor's process shares the index of this version meanwhile.
    assert client.get("/ressources/").status_code == 200
    assert shared_index(shared_cache, committed_version()) is not None
    # Then another change commits: the other resource is re-dated.
    ResourcePage.objects.filter(pk=other.pk).update(publication_date=datetime.date(2001, 1, 1))
    request_purge("another change")
    connection.run_on_commit.clear()
    for callback in callbacks:
        callback()
    assert shared_index(shared_cache, committed_version()) == fresh_index()
