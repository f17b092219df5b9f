"""The checks the browser suite runs on a loaded page, each returning what is wrong (empty
when all is well), so they can be tested on deliberately broken pages (test_checks.py)."""

from tests.browser import scripts
from tests.browser.conftest import AXE_JS


def axe_violations(page):
    page.add_script_tag(path=str(AXE_JS))
    return page.evaluate(scripts.RUN_AXE, scripts.AXE_TAGS)


def format_violations(violations):
    lines = [f"{len(violations)} axe-core violation(s) (WCAG 2.1 A/AA):"]
    for violation in violations:
        lines.append(
            f"- {violation['id']} [{violation['impact']}] {violation['help']} "
            f"({violation['helpUrl']})"
        )
        for node in violation["nodes"][:10]:
            summary = " ".join((node["summary"] or "").split())
            lines.append(f"    at {node['target']}: {summary}")
    return "\n".join(lines)


def skip_link_problems(page):
    """The first Tab must focus a visible link to #contenu; Enter must move focus to it."""
    page.keyboard.press("Tab")
    first = page.evaluate(scripts.ACTIVE_ELEMENT)
    if first is None:
        return ["the first Tab focuses nothing"]
    if first["href"] != "#contenu":
        return [f"the first Tab focuses {first['label']}, not the skip link to #contenu"]
    if not first["visible"]:
        return ["the skip link is focused but not visible"]
    page.keyboard.press("Enter")
    if page.evaluate("() => document.activeElement.id") != "contenu":
        return ["activating the skip link does not move focus to the main content"]
    return []


def focus_problems(page):
    """Tab through the page from the top: every interactive element is reached, and shows a
    focus style (outline or box-shadow) that differs from its unfocused style."""
    unfocused = page.evaluate(scripts.RECORD_UNFOCUSED, scripts.FOCUSABLE_SELECTOR)
    reached, problems = set(), []
    for _ in range(len(unfocused) + 2):
        page.keyboard.press("Tab")
        active = page.evaluate(scripts.ACTIVE_ELEMENT)
        if active is None or active["index"] in reached:
            break  # focus left the page, or came round again
        if active["index"] < 0:
            problems.append(f"{active['label']}: focusable but not a known interactive element")
            continue
        reached.add(active["index"])
        before, after = unfocused[active["index"]]["style"], active["style"]
        draws_focus = after["outline"] != "none" or after["boxShadow"] != "none"
        if after == before or not draws_focus:
            problems.append(f"{active['label']}: no visible focus style ({after})")
        if not active["visible"]:
            problems.append(f"{active['label']}: focused but off screen or hidden")
    if not reached and unfocused:
        problems.append("Tab reaches no interactive element")
    problems.extend(
        f"{item['label']}: not reachable with Tab"
        for index, item in enumerate(unfocused)
        if item["visible"] and index not in reached
    )
    return problems


def overflow(page, width):
    """Elements that make the page wider than ``width`` CSS px (empty when it fits)."""
    if page.evaluate("() => document.documentElement.scrollWidth") <= width:
        return []
    return page.evaluate(scripts.WIDEST_ELEMENTS, width) or ["the page is too wide"]


def clipped_text(page):
    return page.evaluate(scripts.CLIPPED_TEXT)
