"""JavaScript run in the page by the browser suite, kept apart from the Python."""

AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
# Best practices beyond WCAG that RGAA audits also expect: landmarks told apart by name.
AXE_BEST_PRACTICES = ["landmark-unique", "landmark-one-main", "page-has-heading-one"]

# Its argument is axe's `runOnly`: {type: "tag" or "rule", values: [...]}.
RUN_AXE = """
async (runOnly) => {
    const results = await axe.run(document, {runOnly, resultTypes: ["violations"]});
    return results.violations.map((v) => ({
        id: v.id,
        impact: v.impact,
        help: v.help,
        helpUrl: v.helpUrl,
        nodes: v.nodes.map((n) => ({target: n.target.join(" "), summary: n.failureSummary})),
    }));
}
"""

# Interactive elements in the tab order. tabindex="-1" targets (main, skip-link targets)
# receive focus only programmatically and are not expected to show a focus ring.
FOCUSABLE_SELECTOR = (
    'a[href], area[href], button, input:not([type="hidden"]), select, textarea, summary, '
    'iframe, [tabindex]:not([tabindex="-1"]), [contenteditable="true"]'
)

_DESCRIBE = """
const describe = (el) => {
    const text = (el.innerText || el.value || el.getAttribute("aria-label") || "").trim();
    return `<${el.tagName.toLowerCase()}${el.id ? "#" + el.id : ""}> ${text.slice(0, 60)}`;
};
const focusStyle = (el) => {
    const cs = getComputedStyle(el);
    return {
        outline: cs.outlineStyle === "none" || parseFloat(cs.outlineWidth) === 0
            ? "none" : `${cs.outlineStyle} ${cs.outlineWidth} ${cs.outlineColor}`,
        boxShadow: cs.boxShadow,
    };
};
"""

RECORD_UNFOCUSED = (
    """
(selector) => {
"""
    + _DESCRIBE
    + """
    window.__necFocusables = Array.from(document.querySelectorAll(selector));
    return window.__necFocusables.map((el) => {
        const rect = el.getBoundingClientRect();
        return {
            label: describe(el),
            style: focusStyle(el),
            visible: el.checkVisibility({visibilityProperty: true})
                && rect.width > 0 && rect.height > 0,
        };
    });
}
"""
)

ACTIVE_ELEMENT = (
    """
() => {
"""
    + _DESCRIBE
    + r"""
    const el = document.activeElement;
    if (!el || el === document.body) return null;
    const rect = el.getBoundingClientRect();
    return {
        index: (window.__necFocusables || []).indexOf(el),
        label: describe(el),
        style: focusStyle(el),
        href: el.getAttribute("href"),
        id: el.id,
        ring: getComputedStyle(el).outlineColor,
        // What the ring is drawn on: it sits outside the element, so its parent's first
        // opaque background (white at the top).
        backdrop: (() => {
            for (let node = el.parentElement; node; node = node.parentElement) {
                const color = getComputedStyle(node).backgroundColor;
                const alpha = color.match(/rgba\(.*,\s*([\d.]+)\)/);
                if (color !== "transparent" && !(alpha && parseFloat(alpha[1]) === 0)) {
                    return color;
                }
            }
            return "rgb(255, 255, 255)";
        })(),
        visible: rect.width > 0 && rect.height > 0 && rect.right > 0 && rect.bottom > 0
            && rect.left < window.innerWidth && rect.top < window.innerHeight
            && getComputedStyle(el).visibility !== "hidden",
    };
}
"""
)

LINES_OF_ACTIVE_ELEMENT = """
() => {
    const el = document.activeElement;
    const cs = getComputedStyle(el);
    const line = parseFloat(cs.lineHeight) || parseFloat(cs.fontSize) * 1.2;
    const box = el.getBoundingClientRect().height;
    const content = box - ["paddingTop", "paddingBottom", "borderTopWidth", "borderBottomWidth"]
        .reduce((sum, name) => sum + parseFloat(cs[name]), 0);
    return Math.round(content / line);
}
"""

PAGE_FIGURES = """
() => ({
    dom: document.getElementsByTagName("*").length,
    svgChildren: document.querySelectorAll("svg *").length,
})
"""

WIDEST_ELEMENTS = """
(width) => Array.from(document.body.querySelectorAll("*"))
    .filter((el) => el.getBoundingClientRect().right > width + 1)
    .slice(0, 5)
    .map((el) => `<${el.tagName.toLowerCase()} class="${el.className}"> right=`
        + Math.round(el.getBoundingClientRect().right))
"""

# Text cut off by a box that hides its overflow. Boxes of 1 px or less are the visually
# hidden texts meant for screen readers, not clipping.
CLIPPED_TEXT = """
() => {
    const hides = (v) => v === "hidden" || v === "clip";
    const clipped = [];
    for (const el of document.body.querySelectorAll("*")) {
        const cs = getComputedStyle(el);
        if (!(hides(cs.overflowX) || hides(cs.overflowY) || cs.textOverflow === "ellipsis")) {
            continue;
        }
        if (el.clientWidth <= 1 || el.clientHeight <= 1) continue;
        if (!(el.innerText || "").trim()) continue;
        if (el.scrollWidth > el.clientWidth + 1 || el.scrollHeight > el.clientHeight + 1) {
            clipped.push(`<${el.tagName.toLowerCase()} class="${el.className}"> `
                + (el.innerText || "").trim().slice(0, 60));
        }
    }
    return clipped;
}
"""

SCROLL_TO_BOTTOM = "() => window.scrollTo(0, document.documentElement.scrollHeight)"
