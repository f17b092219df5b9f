"""Google Lighthouse's SEO category scores 100 on one page of each public page type, in
French and in English.

Lighthouse (``node_modules/.bin/lighthouse``, pinned in package-lock.json) drives the system
Chromium against the suite's local server and downloads nothing: its audits read the page
and the server's /robots.txt, no request leaves the machine. One run per page, a few at a
time (they mostly wait), all started when the first test asks; each score goes to
var/browser-report.md. A failure lists Lighthouse's failing audits with their items; the
full reports (JSON and HTML) stay in the pytest temporary folder named in the message.
"""

import json
import os
import signal
import subprocess
from concurrent.futures import ThreadPoolExecutor
from urllib.parse import unquote

import pytest

from tests.browser.conftest import CHROMIUM, CHROMIUM_ARGS, LIGHTHOUSE, missing
from tests.browser.pages import PAGES

pytestmark = [pytest.mark.browser, pytest.mark.xdist_group("lighthouse")]

# One page per page type: a list, a detail and a search of each kind, not every variant of
# a filter (each run costs about 7 s). No English resource page: the library's resources
# are not translated.
SEO_PAGE_NAMES = [
    "accueil",
    "editions",
    "edition",
    "charte",
    "mentions-legales",
    "plan-du-site",
    "bibliotheque",
    "ressource",
    "recherche",
    "nec-locaux",
    "nec-local",
    "agenda",
    "evenement",
    "organiser-un-nec-local",
    "donnees",
    "page-introuvable",
    "programme",
    "session",
    "intervenants",
    "intervenant",
    "en-accueil",
    "en-editions",
    "en-edition",
    "en-charte",
    "en-mentions-legales",
    "en-plan-du-site",
    "en-bibliotheque",
    "en-recherche",
    "en-nec-locaux",
    "en-nec-local",
    "en-agenda",
    "en-evenement",
    "en-organiser-un-nec-local",
    "en-donnees",
    "en-page-introuvable",
    "en-programme",
    "en-session",
    "en-intervenants",
]
_by_name = {case.name: case for case in PAGES}
SEO_PAGES = [_by_name[name] for name in SEO_PAGE_NAMES]  # KeyError: a page left PAGES

# A 404 page fails ``http-status-code`` by design (its status is the point); Lighthouse
# scores it only with ``--ignoreStatusCode``. Every other SEO audit must still pass on it.
EXPECTED_ON_404 = {"http-status-code"}

PAGE_TIMEOUT = 120  # seconds for one Lighthouse run, Chromium's start included
JOBS = min(4, os.cpu_count() or 1)
LIGHTHOUSE_FLAGS = [
    f"--chrome-path={CHROMIUM}",
    "--chrome-flags=" + " ".join(["--headless", *CHROMIUM_ARGS]),
    "--only-categories=seo",
    "--output=json",
    "--output=html",
    "--quiet",
    "--no-enable-error-reporting",
    "--disable-full-page-screenshot",
    "--screenEmulation.disabled",
    "--max-wait-for-load=30000",
    # SEO audits read the loaded page: no need to wait for the network and the CPU to rest
    # (the default simulated throttling does not slow the page either).
    "--pauseAfterFcpMs=0",
    "--pauseAfterLoadMs=0",
    "--networkQuietThresholdMs=0",
    "--cpuQuietThresholdMs=0",
]


@pytest.fixture(scope="session")
def lighthouse():
    """The tools, checked before the server is prepared."""
    missing("chromium", "node", "lighthouse")
    return LIGHTHOUSE


def run_lighthouse(url, output, extra_flags=()):
    """Lighthouse's JSON report of ``url`` (written with an HTML one next to ``output``), or
    a string saying why there is none."""
    command = [str(LIGHTHOUSE), url, *LIGHTHOUSE_FLAGS, *extra_flags, f"--output-path={output}"]
    env = {**os.environ, "CHROME_PATH": str(CHROMIUM), "TMPDIR": str(output.parent)}
    # Its own process group: on a timeout, Chromium goes with Node.
    process = subprocess.Popen(  # noqa: S603 - our pinned tool
        command,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=env,
        start_new_session=True,
    )
    try:
        _stdout, stderr = process.communicate(timeout=PAGE_TIMEOUT)
    except subprocess.TimeoutExpired:
        os.killpg(process.pid, signal.SIGKILL)
        process.communicate()
        return f"Lighthouse took more than {PAGE_TIMEOUT} s on {url}"
    report_path = output.with_name(output.name + ".report.json")
    try:
        return json.loads(report_path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return f"Lighthouse gave no report (exit {process.returncode}): {stderr[-3000:]}"


class SeoReports(dict):
    """Page name -> report, and the folder of the report files."""

    def __init__(self, reports, folder):
        super().__init__(reports)
        self.folder = folder

    def __repr__(self):  # not every report in a failure's traceback
        return f"<Lighthouse reports of {len(self)} pages in {self.folder}>"


@pytest.fixture(scope="session")
def seo_reports(request, lighthouse, pages, site_server, tmp_path_factory):
    """Page name -> Lighthouse's report (or why there is none), for the pages of this
    module that the session runs (all of them, or those chosen with ``-k``)."""
    folder = tmp_path_factory.mktemp("lighthouse")
    wanted = {
        item.callspec.params["case"].name
        for item in request.session.items
        if getattr(item, "module", None) is not None
        and item.module.__name__ == __name__
        and hasattr(item, "callspec")
    }
    jobs = {}
    with ThreadPoolExecutor(max_workers=JOBS) as executor:
        for case in SEO_PAGES:
            path, problem = pages.lookup(case)
            if problem or case.name not in wanted:
                continue
            flags = ["--ignoreStatusCode"] if case.status == 404 else []
            jobs[case.name] = executor.submit(
                run_lighthouse, site_server.url(path), folder / case.name, flags
            )
    return SeoReports({name: job.result() for name, job in jobs.items()}, folder=folder)


def failing_audits(report):
    """The SEO audits that count and do not pass: id -> audit."""
    failing = {}
    for ref in report["categories"]["seo"]["auditRefs"]:
        audit = report["audits"][ref["id"]]
        if audit["scoreDisplayMode"] in ("notApplicable", "manual", "informative"):
            continue
        if audit["scoreDisplayMode"] == "error" or (audit["score"] or 0) < 1:
            failing[ref["id"]] = audit
    return failing


def describe_value(value):
    if isinstance(value, dict):
        if value.get("type") == "node":
            text = value.get("snippet") or value.get("nodeLabel") or ""
            return f"{text} ({value.get('selector', '')})"
        if value.get("type") == "subitems":
            return "; ".join(describe_item(item) for item in value.get("items", [])[:5])
        if value.get("type") == "source-location":
            return f"{value.get('url')}:{value.get('line')}"
        return json.dumps(value, ensure_ascii=False)[:300]
    return str(value)[:300]


def describe_item(item):
    return ", ".join(f"{key}: {describe_value(value)}" for key, value in item.items())


def describe_audits(audits):
    lines = []
    for audit_id, audit in audits.items():
        score = "error" if audit["scoreDisplayMode"] == "error" else audit["score"]
        line = f"- {audit_id} ({score}): {audit['title']}"
        for key in ("displayValue", "explanation", "errorMessage"):
            if audit.get(key):
                line += f" — {audit[key]}"
        lines.append(line)
        lines.extend(f"    warning: {warning}" for warning in audit.get("warnings") or [])
        items = (audit.get("details") or {}).get("items") or []
        lines.extend(f"    {describe_item(item)}" for item in items[:10])
        if len(items) > 10:
            lines.append(f"    … and {len(items) - 10} more")
    return "\n".join(lines)


@pytest.mark.parametrize("case", SEO_PAGES, ids=str)
def test_lighthouse_seo_score_is_100(case, pages, site_server, seo_reports, quality_report):
    path = pages.require(case)
    report = seo_reports[case.name]
    assert isinstance(report, dict), report
    assert not report.get("runtimeError"), report["runtimeError"]["message"]
    # The page audited is the page meant (no redirect, e.g. to the other language).
    audited = unquote(report["finalDisplayedUrl"])
    assert audited == site_server.url(path), f"Lighthouse audited {audited}"
    score = round(report["categories"]["seo"]["score"] * 100)
    failing = failing_audits(report)
    where = f"full report: {seo_reports.folder / case.name}.report.html"
    if case.status == 404:
        quality_report.setdefault(case.name, {})["seo"] = f"{score} (404)"
        assert failing.keys() == EXPECTED_ON_404, (
            f"SEO audits failing on this 404 page besides http-status-code:\n"
            f"{describe_audits(failing)}\n{where}"
        )
        assert failing["http-status-code"]["displayValue"] == "404"
        return
    quality_report.setdefault(case.name, {})["seo"] = str(score)
    assert score == 100, f"Lighthouse SEO score {score}:\n{describe_audits(failing)}\n{where}"
