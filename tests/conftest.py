"""Shared fixtures: the test database holds the seed content, loaded once per session."""

import os

import pytest
from django.core.management import call_command

REQUIRE_ALL = os.environ.get("NEC_REQUIRE_ALL") == "1"


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_makereport(item, call):
    """With NEC_REQUIRE_ALL=1 (CI), a skipped test is a failed test: no service may be missing."""
    outcome = yield
    report = outcome.get_result()
    if REQUIRE_ALL and report.skipped and not hasattr(report, "wasxfail"):
        report.outcome = "failed"
        report.longrepr = f"NEC_REQUIRE_ALL=1 forbids skipping: {report.longrepr}"


def database_is_postgresql():
    return os.environ.get("DATABASE_URL", "").startswith(("postgres://", "postgresql://"))


def pytest_collection_modifyitems(config, items):
    """Tests marked `postgres` need PostgreSQL: on SQLite they skip (a laptop) — CI runs them
    in its PostgreSQL pass and deselects them in its SQLite pass (`-m "not postgres"`)."""
    if database_is_postgresql():
        return
    skip = pytest.mark.skip(reason="needs PostgreSQL (set DATABASE_URL=postgres://…)")
    for item in items:
        if "postgres" in item.keywords:
            item.add_marker(skip)


class XdistGroups:
    """`--dist=loadgroup` sends the tests of one `xdist_group` to one worker by reading the
    group from a suffix of their node ids (`…::test@group`). pytest-xdist 3.8 writes that
    suffix into `item._nodeid`, which pytest 9.2 no longer reads (node ids are structured
    now): the groups were silently ignored, and each worker built the expensive module
    fixtures of the grouped modules (clusters, servers) again. Write the suffix where
    pytest reads it, unless pytest-xdist already did."""

    @pytest.hookimpl(trylast=True)
    def pytest_collection_modifyitems(self, items):
        for item in items:
            names = {
                str(mark.args[0] if mark.args else mark.kwargs.get("name", "default"))
                for mark in item.iter_markers("xdist_group")
            }
            suffix = "@" + "_".join(sorted(names))
            if names and not item.nodeid.endswith(suffix) and hasattr(item, "_id"):
                item._id = type(item._id).parse(item.nodeid + suffix)


def pytest_configure(config):
    # Only on the workers of a `-n N --dist=loadgroup` run: their collection is what the
    # controller schedules.
    if hasattr(config, "workerinput") and getattr(config.option, "loadgroup", False):
        config.pluginmanager.register(XdistGroups(), "nec-xdist-groups")


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):
    """Load the seed content once; every test then runs inside a rolled-back transaction."""
    with django_db_blocker.unblock():
        call_command("load_nec_content", verbosity=0)


@pytest.fixture
def moderator_client(client):
    """The test client logged in as a moderator (group « Modérateurs »); pytest-django's
    admin_client is the superuser's."""
    from tests.factories import make_user

    client.force_login(make_user("moderateur", ["Modérateurs"]))
    return client


@pytest.fixture(autouse=True)
def forget_process_memory():
    """Each test starts with nothing remembered (caching.memory): a rolled-back transaction
    leaves the content version (the latest purge id) as it was, with other content."""
    from caching.memory import clear_all

    clear_all()
    yield


@pytest.fixture(scope="session")
def browser():
    """One Chromium for the whole session, shared by the browser gates and the journeys:
    Playwright's synchronous API allows one instance per process."""
    from tests.browser.conftest import CHROMIUM, CHROMIUM_ARGS, missing

    missing("playwright", "chromium")
    from playwright.sync_api import sync_playwright

    playwright = sync_playwright().start()
    chromium = playwright.chromium.launch(
        executable_path=str(CHROMIUM), headless=True, args=CHROMIUM_ARGS
    )
    yield chromium
    chromium.close()
    playwright.stop()
