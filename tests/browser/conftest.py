"""The browser suite's session: one server, one Chromium, one report.

Needs Chromium (/usr/bin/chromium or NEC_CHROMIUM), the Playwright Python package
(requirements-dev.txt) and, from ``npm ci --ignore-scripts``, node_modules/axe-core,
node_modules/vnu-jar (with ``java`` for the HTML checker) and node_modules/lighthouse (with
``node``). Without them the tests skip with a message saying what to install; with
NEC_REQUIRE_ALL=1 (CI) a skip is a failure.
"""

import fcntl
import html
import json
import os
import re
import shutil
import time
from pathlib import Path

import pytest

from tests.browser.pages import PAGES
from tests.server import BASE_DIR, SiteServer

CHROMIUM = Path(os.environ.get("NEC_CHROMIUM", "/usr/bin/chromium"))
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
]
AXE_JS = BASE_DIR / "node_modules" / "axe-core" / "axe.min.js"
VNU_JAR = BASE_DIR / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"
LIGHTHOUSE = BASE_DIR / "node_modules" / ".bin" / "lighthouse"
REPORT_PATH = BASE_DIR / "var" / "browser-report.md"
INSTALL_HINT = (
    "install Chromium and Java (apt-get install chromium default-jre-headless), the Python "
    "packages (make .venv/.dev-installed) and the npm tools (npm ci --ignore-scripts)"
)
_session_started = time.time()


def missing(*requirements):
    """Skip with a clear message when a tool is missing."""
    absent = []
    for requirement in requirements:
        if requirement == "playwright":
            try:
                import playwright.sync_api  # noqa: F401
            except ImportError:
                absent.append("the Playwright Python package")
        elif requirement == "chromium" and not CHROMIUM.exists():
            absent.append(f"Chromium ({CHROMIUM})")
        elif requirement == "axe" and not AXE_JS.exists():
            absent.append(f"axe-core ({AXE_JS.relative_to(BASE_DIR)})")
        elif requirement == "vnu" and not VNU_JAR.exists():
            absent.append(f"the Nu HTML Checker ({VNU_JAR.relative_to(BASE_DIR)})")
        elif requirement == "java" and not shutil.which("java"):
            absent.append("Java (java)")
        elif requirement == "lighthouse" and not LIGHTHOUSE.exists():
            absent.append(f"Lighthouse ({LIGHTHOUSE.relative_to(BASE_DIR)})")
        elif requirement == "node" and not shutil.which("node"):
            absent.append("Node.js (node)")
    if absent:
        pytest.skip(f"Browser tests need {', '.join(absent)}: {INSTALL_HINT}.")


@pytest.fixture(scope="session")
def site_server(tmp_path_factory):
    with SiteServer(tmp_path_factory.mktemp("browser-site")).serving() as server:
        yield server


class PageResolver:
    """Finds the URL of each PageCase once per session."""

    def __init__(self, server):
        self.server = server
        self.cache = {}

    def lookup(self, case):
        """(path, None) when the page answers as expected, else (None, the problem)."""
        if case.name not in self.cache:
            self.cache[case.name] = self._resolve(case)
        return self.cache[case.name]

    def require(self, case):
        """The page's path; fails for an expected page that is missing, xfails for a planned
        page not served yet."""
        path, problem = self.lookup(case)
        if problem:
            if case.expected:
                pytest.fail(f"{case.name}: {problem}", pytrace=False)
            pytest.xfail(f"planned page not served yet — {problem}")
        return path

    def _resolve(self, case):
        path = case.path
        if case.discover:
            listing, pattern, template = (*case.discover, "{0}")[:3]
            response = self.server.get(listing)
            if response.status != 200:
                return None, f"{listing} answered {response.status}"
            match = re.search(pattern, response.text)
            if not match:
                return None, f"nothing matching {pattern} in {listing}"
            path = html.unescape(template.format(*match.groups()))
        response = self.server.get(path)
        if response.status != case.status:
            return None, f"{path} answered {response.status}, expected {case.status}"
        return path, None


@pytest.fixture(scope="session")
def pages(site_server):
    return PageResolver(site_server)


@pytest.fixture
def new_context(browser):
    """Fresh browser contexts (no cache, no cookie), closed after the test. CSP is bypassed
    only so that axe can be injected; the site's own requests are unchanged."""
    contexts = []

    def make(**options):
        options.setdefault("viewport", {"width": 1280, "height": 800})
        options.setdefault("bypass_csp", True)
        options.setdefault("locale", "fr-FR")
        context = browser.new_context(**options)
        context.set_default_timeout(15_000)
        contexts.append(context)
        return context

    yield make
    for context in contexts:
        context.close()


@pytest.fixture(scope="session")
def quality_report():
    """Figures per page, written to var/browser-report.md and printed at the end."""
    rows = {}
    yield rows
    if rows:
        save_report(rows)


def save_report(rows):
    """Merge ``rows`` into the report of this test run: under pytest-xdist each worker has
    its own session (and server), and adds the pages it measured."""
    run = os.environ.get("PYTEST_XDIST_TESTRUNUID") or f"pid-{os.getpid()}"
    REPORT_PATH.parent.mkdir(exist_ok=True)
    data_path = REPORT_PATH.with_suffix(".json")
    with open(REPORT_PATH.with_suffix(".lock"), "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        try:
            saved = json.loads(data_path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            saved = {}
        if saved.get("run") != run:
            saved = {"run": run, "rows": {}}
        for name, row in rows.items():
            saved["rows"].setdefault(name, {}).update(row)
        data_path.write_text(json.dumps(saved, ensure_ascii=False), encoding="utf-8")
        REPORT_PATH.write_text(render_report(saved["rows"]), encoding="utf-8")


def render_report(rows):
    columns = [
        ("page", "page"),
        ("axe", "axe violations"),
        ("html_errors", "HTML errors"),
        ("dom", "DOM"),
        ("requests", "requests"),
        ("kb", "KB"),
        ("ecoindex", "EcoIndex"),
        ("seo", "Lighthouse SEO"),
    ]
    lines = [
        "| " + " | ".join(title for _key, title in columns) + " |",
        "|" + "---|" * len(columns),
    ]
    order = [case.name for case in PAGES]
    for name in sorted(rows, key=lambda n: order.index(n) if n in order else len(order)):
        row = {"page": name, **rows[name]}
        lines.append("| " + " | ".join(str(row.get(key, "—")) for key, _title in columns) + " |")
    return "\n".join(lines) + "\n"


def pytest_terminal_summary(terminalreporter):
    """Print the report (without pytest-xdist: its controller does not load this file)."""
    try:
        if REPORT_PATH.stat().st_mtime < _session_started:
            return
        report = REPORT_PATH.read_text(encoding="utf-8")
    except OSError:
        return
    terminalreporter.section("Browser quality report (var/browser-report.md)")
    terminalreporter.write(report)
