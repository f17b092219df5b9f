"""Template helpers shared by every app."""

from django import template
from django.utils import formats

from nec_cms.navigation import breadcrumbs as page_breadcrumbs

register = template.Library()


@register.filter
def number(value):
    """A whole number with the active language's thousands separator: « 2 000 » in French."""
    if value is None or value == "":
        return ""
    return formats.number_format(value, force_grouping=True)


@register.simple_tag
def breadcrumbs(page):
    if page is None or not getattr(page, "pk", None) or page.depth <= 2:
        return []
    return page_breadcrumbs(page)
