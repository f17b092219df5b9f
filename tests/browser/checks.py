"""The checks the browser suite runs on a loaded page, each returning what is wrong (empty
when all is well), so they can be tested on deliberately broken pages (test_checks.py)."""

import re

from tests.browser import scripts
from tests.browser.conftest import AXE_JS


def axe_violations(page):
    page.add_script_tag(path=str(AXE_JS))
    return page.evaluate(scripts.RUN_AXE, {"type": "tag", "values": scripts.AXE_TAGS})


def axe_best_practice_violations(page):
    page.add_script_tag(path=str(AXE_JS))
    return page.evaluate(scripts.RUN_AXE, {"type": "rule", "values": scripts.AXE_BEST_PRACTICES})


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
    lines = page.evaluate(scripts.LINES_OF_ACTIVE_ELEMENT)
    if lines > 1:
        return [f"the skip link wraps over {lines} lines"]
    page.keyboard.press("Enter")
    if page.evaluate("() => document.activeElement.id") != "contenu":
        return ["activating the skip link does not move focus to the main content"]
    return []


# WCAG 1.4.11 / RGAA 10.7: a focus indicator contrasts 3:1 with what surrounds it.
FOCUS_RING_CONTRAST = 3


def relative_luminance(color):
    """WCAG relative luminance of a CSS `rgb(…)` / `rgba(…)` colour."""
    red, green, blue = (int(part) for part in re.findall(r"[\d.]+", color)[:3])

    def linear(channel):
        channel /= 255
        return channel / 12.92 if channel <= 0.03928 else ((channel + 0.055) / 1.055) ** 2.4

    return 0.2126 * linear(red) + 0.7152 * linear(green) + 0.0722 * linear(blue)


def contrast_ratio(first, second):
    lighter, darker = sorted((relative_luminance(first), relative_luminance(second)), reverse=True)
    return (lighter + 0.05) / (darker + 0.05)


def focus_problems(page):
    """Tab through the page from the top: every interactive element is reached, and shows a
    focus style (outline or box-shadow) that differs from its unfocused style; an outline
    contrasts 3:1 with the background it is drawn on."""
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
        elif after["outline"] != "none":
            ratio = contrast_ratio(active["ring"], active["backdrop"])
            if ratio < FOCUS_RING_CONTRAST:
                problems.append(
                    f"{active['label']}: focus ring {ratio:.2f}:1 against its background "
                    f"({active['ring']} on {active['backdrop']}; {FOCUS_RING_CONTRAST}:1 needed)"
                )
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
