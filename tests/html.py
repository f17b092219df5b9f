"""Reading rendered pages the way a visitor reads them: what the tests assert on."""

import html as html_module
import re
from html.parser import HTMLParser

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


class _PageReader(HTMLParser):
    """What assistive technologies tie together on a page: figures and their captions, form
    controls and the labels that name them."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.figures = []
        self.open_figures = []
        self.captions_open = 0
        self.controls = []
        self.label_targets = []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "figure":
            figure = {"attrs": attrs, "caption": None}
            self.figures.append(figure)
            self.open_figures.append(figure)
        elif tag == "figcaption" and self.open_figures:
            self.open_figures[-1]["caption"] = ""
            self.captions_open += 1
        elif tag in ("input", "select", "textarea"):
            self.controls.append((tag, attrs))
        elif tag == "label":
            self.label_targets.append(attrs.get("for"))

    def handle_endtag(self, tag):
        if tag == "figure" and self.open_figures:
            self.open_figures.pop()
        elif tag == "figcaption" and self.captions_open:
            self.captions_open -= 1

    def handle_data(self, data):
        if self.captions_open and self.open_figures:
            self.open_figures[-1]["caption"] += data


def read_page(html):
    reader = _PageReader()
    reader.feed(html)
    reader.close()
    return reader


def collapse(text):
    return " ".join((text or "").split())


def captioned_figures(html):
    """[(role, aria-label, caption text)] of each <figure> that has a <figcaption>, spaces
    collapsed as an accessible name is."""
    return [
        (
            figure["attrs"].get("role"),
            collapse(figure["attrs"].get("aria-label")),
            collapse(figure["caption"]),
        )
        for figure in read_page(html).figures
        if figure["caption"] is not None
    ]


NOT_FILLED_IN = {"hidden", "submit", "reset", "button", "image"}


def unlabelled_controls(html):
    """The fields a person fills in (neither hidden nor buttons) without an `id` that exactly
    one `<label for>` names (RGAA 11.1.1 does not count a label merely wrapped around its
    field): [(tag, name, what is wrong)]."""
    page = read_page(html)
    problems = []
    for tag, attrs in page.controls:
        if tag == "input" and attrs.get("type", "text") in NOT_FILLED_IN:
            continue
        name = attrs.get("name")
        control_id = attrs.get("id")
        if not control_id:
            problems.append((tag, name, "no id"))
        elif (labels := page.label_targets.count(control_id)) != 1:
            problems.append((tag, name, f"{labels} <label for={control_id!r}>"))
    return problems


def fillable_controls(html):
    """[(tag, name, value)] of the fields a person fills in, to check a test reads some."""
    return [
        (tag, attrs.get("name"), attrs.get("value"))
        for tag, attrs in read_page(html).controls
        if not (tag == "input" and attrs.get("type", "text") in NOT_FILLED_IN)
    ]
