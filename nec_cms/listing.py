"""Lists driven by URL parameters (the library, the site search): one place for which
parameters count, the page number, the answer to a page number that is not one, and the
pagination links."""

import re
import unicodedata
from dataclasses import dataclass, field

from django.core.paginator import Paginator
from django.http import QueryDict
from django.template.response import TemplateResponse
from django.utils.translation import gettext_lazy as _

from nec_cms.querystrings import querystring

PAGE_NUMBER_RE = re.compile(r"[0-9]{1,6}")
MAX_PARAMETER_LENGTH = 200
# Longer than any value a list reads, so that the search can still tell a visitor that it
# cut their words at MAX_PARAMETER_LENGTH.
LIST_PARAMETER_LENGTH = 2 * MAX_PARAMETER_LENGTH
# Control characters become spaces; invisible formatting, surrogates and unassigned code
# points go. PostgreSQL refuses NUL in any text, and none of them means anything in a URL
# parameter a visitor typed.
SPACED_CATEGORIES = {"Cc", "Zl", "Zp"}
DROPPED_CATEGORIES = {"Cf", "Cs", "Co", "Cn"}
PAGE_NUMBER_ERROR = _(
    "Le numéro de page demandé n’existe pas : les pages sont numérotées à partir de 1."
)


def clean_parameter(raw, max_length=MAX_PARAMETER_LENGTH):
    """A URL parameter's value made safe to echo and to query with: (text, was_truncated).

    Control characters (NUL included) are dropped, white space is folded, and the value is
    cut at `max_length` characters."""
    if not raw:
        return "", False
    text = "".join(
        " " if unicodedata.category(char) in SPACED_CATEGORIES else char
        for char in str(raw)
        if unicodedata.category(char) not in DROPPED_CATEGORIES
    )
    text = " ".join(text.split())
    return text[:max_length].strip(), len(text) > max_length


def parse_page_number(raw):
    """A page number from the query string (absent means 1), or None if it is not one."""
    raw = (raw or "").strip() or "1"
    if not PAGE_NUMBER_RE.fullmatch(raw) or int(raw) < 1:
        return None
    return int(raw)


def page_window(page_obj, around=2):
    """Page numbers to link to, with None where numbers are skipped: 1 … 4 5 [6] 7 8 … 20."""
    current, last = page_obj.number, page_obj.paginator.num_pages
    numbers = sorted(
        {1, last} | {n for n in range(current - around, current + around + 1) if 1 <= n <= last}
    )
    window, previous = [], 0
    for number in numbers:
        if number - previous > 1:
            window.append(None)
        window.append(number)
        previous = number
    return window


class FilterableList:
    """The URL parameters of one request to a list, and what every list does with them.

    The list reads the parameters named in `known`, plus `page`; any other is ignored and
    left out of the links it builds. Values lose their control characters and keep their
    first LIST_PARAMETER_LENGTH characters (`clean_parameter`). A `page` that is not a page
    number is answered with a 400 and a link to the first page (`bad_page_response`); a
    number past the last page shows the last page (`paginate`). The template includes
    `includes/list_error.html` for the first and `includes/pagination.html` for the second.
    """

    def __init__(self, query, known, *, per_page, first_page_label):
        self.params = QueryDict(mutable=True)
        for key in query:
            if key in known or key == "page":
                values = query.getlist(key)
                cleaned = [clean_parameter(value, LIST_PARAMETER_LENGTH)[0] for value in values]
                self.params.setlist(key, cleaned)
        self.page_number = parse_page_number(self.params.get("page"))
        self.per_page = per_page
        self.first_page_label = first_page_label

    def link(self, **changes):
        """A `?…` link to this list with `changes` (see nec_cms.querystrings.querystring)."""
        return querystring(self.params, **changes)

    def bad_page_response(self, request, template, context):
        context.update(
            {
                "error": PAGE_NUMBER_ERROR,
                "first_page_url": self.link(drop=("page",)),
                "first_page_label": self.first_page_label,
            }
        )
        return TemplateResponse(request, template, context, status=400)

    def paginate(self, items):
        """(the page asked for, its context for `includes/pagination.html`)."""
        paginator = Paginator(items, self.per_page)
        page_obj = paginator.get_page(min(self.page_number, max(paginator.num_pages, 1)))
        context = {
            "paginator": paginator,
            "page_obj": page_obj,
            "pagination_links": [
                (number, self.link(set_values={"page": number}) if number else "")
                for number in page_window(page_obj)
            ],
            "previous_url": "",
            "next_url": "",
        }
        if page_obj.has_previous():
            context["previous_url"] = self.link(
                set_values={"page": page_obj.previous_page_number()}
            )
        if page_obj.has_next():
            context["next_url"] = self.link(set_values={"page": page_obj.next_page_number()})
        return page_obj, context


@dataclass
class Option:
    value: str
    label: str
    selected: bool = False


@dataclass
class Filter:
    """One filter of a list: its URL parameter, its label, its options and the one chosen
    (an unknown value is dropped, as in the library)."""

    param: str
    label: str
    all_label: str
    options: list
    lookup: object  # value -> Q
    chosen: Option | None = field(default=None)

    def read(self, listing):
        wanted = listing.params.get(self.param, "")
        for option in self.options:
            option.selected = option.value == wanted
            if option.selected:
                self.chosen = option
        return self

    def apply(self, events):
        return events.filter(self.lookup(self.chosen.value)) if self.chosen else events
