"""Building links from the current query string: filters, sorting and pagination."""

from django.http import QueryDict


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
