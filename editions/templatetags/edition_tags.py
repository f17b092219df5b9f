from django import template

from editions.queries import key_figures, live_editions

register = template.Library()


@register.simple_tag(takes_context=True)
def edition_key_figures(context):
    """Key figures of the editions in the current page's language."""
    locale_id = getattr(context.get("page"), "locale_id", None)
    return key_figures(live_editions(locale_id).only("id", "figures", "year"))
