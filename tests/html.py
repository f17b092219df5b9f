"""Reading rendered pages the way a visitor reads them: what the tests assert on."""

import html as html_module
import re

KEY_FIGURE_RE = re.compile(
    r'<li class="nec-key-figure"><strong class="nec-key-figure__value">([^<]*)</strong>'
    r"([^<]*)</li>"
)


def key_figures(html):
    """[(figure, what it counts)] of the key figures on a page, in order."""
    return [
        (html_module.unescape(value), html_module.unescape(label).strip())
        for value, label in KEY_FIGURE_RE.findall(html)
    ]


def listed_titles(html):
    """The titles a listing shows (cards, search results), in order."""
    return [
        html_module.unescape(title)
        for title in re.findall(r'<h3><a href="[^"]+">([^<]+)</a></h3>', html)
    ]
