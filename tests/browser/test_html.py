"""Every public page type passes the Nu HTML Checker (vnu.jar) with 0 errors. The HTML is
the server's, as a browser receives it; one JVM checks every page at once."""

import json
import subprocess

import pytest

from tests.browser.conftest import VNU_JAR, missing
from tests.browser.pages import PAGES

pytestmark = pytest.mark.browser


@pytest.fixture(scope="session")
def vnu():
    """The checker's tools, checked before the server is prepared."""
    missing("java", "vnu")
    return VNU_JAR


@pytest.fixture(scope="session")
def html_errors(vnu, pages, site_server, tmp_path_factory):
    """Page name -> the checker's errors, for every page that answers."""
    folder = tmp_path_factory.mktemp("html")
    files = {}
    for case in PAGES:
        path, problem = pages.lookup(case)
        if problem:
            continue
        file = folder / f"{case.name}.html"
        file.write_bytes(site_server.get(path).body)
        files[file.as_uri().replace("file:///", "file:/")] = case.name
    if not files:
        return {}
    result = subprocess.run(  # noqa: S603
        ["java", "-jar", str(vnu), "--format", "json", "--exit-zero-always"]  # noqa: S607
        + sorted(str(folder / f"{name}.html") for name in files.values()),
        capture_output=True,
        text=True,
        timeout=300,
    )
    try:
        messages = json.loads(result.stderr)["messages"]
    except (ValueError, KeyError) as error:
        raise RuntimeError(f"vnu.jar gave no JSON report: {result.stderr[-2000:]}") from error
    errors = {name: [] for name in files.values()}
    for message in messages:
        if message.get("type") in ("error", "non-document-error"):
            name = files.get(message.get("url", ""))
            if name is None:
                raise RuntimeError(f"vnu.jar: {message}")
            errors[name].append(message)
    return errors


@pytest.mark.parametrize("case", PAGES, ids=str)
def test_html_is_valid(case, pages, html_errors, quality_report):
    pages.require(case)
    errors = html_errors[case.name]
    quality_report.setdefault(case.name, {})["html_errors"] = len(errors)
    assert not errors, f"{len(errors)} HTML error(s):\n" + "\n".join(
        f"- line {e.get('lastLine', '?')}: {e['message']}\n    {e.get('extract', '').strip()}"
        for e in errors
    )
