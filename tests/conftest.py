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


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):
    """Load the seed content once; every test then runs inside a rolled-back transaction."""
    with django_db_blocker.unblock():
        call_command("load_nec_content", verbosity=0)
