"""Building links from the current query string: filters, sorting and pagination."""

import re

from django.http import QueryDict

PAGE_NUMBER_RE = re.compile(r"[0-9]{1,6}")


def parse_page_number(raw):
    """A page number from the query string (absent means 1), or None if it is not one."""
    raw = (raw or "").strip() or "1"
    if not PAGE_NUMBER_RE.fullmatch(raw) or int(raw) < 1:
        return None
    return int(raw)


def querystring(params, *, drop=(), set_values=None, toggle=None):
    """A `?…` string from `params` (a QueryDict), minus the `drop` keys, with `set_values`
    replacing keys, and `toggle=(key, value)` adding or removing one repeated value."""
    result = QueryDict(mutable=True)
    for key in params:
        if key in drop:
            continue
        values = [value for value in params.getlist(key) if value != ""]
        if values:
            result.setlist(key, values)
    for key, value in (set_values or {}).items():
        if value in (None, ""):
            result.pop(key, None)
        else:
            result[key] = str(value)
    if toggle:
        key, value = toggle
        values = result.getlist(key)
        if value in values:
            values = [item for item in values if item != value]
        else:
            values = [*values, value]
        if values:
            result.setlist(key, values)
        else:
            result.pop(key, None)
    encoded = result.urlencode()
    return f"?{encoded}" if encoded else "?"


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


def pagination_context(params, page_obj):
    """Links for the shared pagination template (`includes/pagination.html`)."""
    context = {
        "page_obj": page_obj,
        "pagination_links": [
            (number, querystring(params, set_values={"page": number}) if number else "")
            for number in page_window(page_obj)
        ],
        "previous_url": "",
        "next_url": "",
    }
    if page_obj.has_previous():
        context["previous_url"] = querystring(
            params, set_values={"page": page_obj.previous_page_number()}
        )
    if page_obj.has_next():
        context["next_url"] = querystring(params, set_values={"page": page_obj.next_page_number()})
    return context
