from django import template

from editions.queries import key_figures, live_editions
from nec_cms.fragments import cached_fragment

register = template.Library()


@register.simple_tag(takes_context=True)
def edition_key_figures(context):
    """Key figures of the editions in the current page's language."""
    page = context.get("page")
    locale_id = getattr(page, "locale_id", None)

    def compute():
        figures = key_figures(live_editions(locale_id).only("id", "figures", "year"))
        return [{"value": item["value"], "label": str(item["label"])} for item in figures]

    return cached_fragment(context.get("request"), f"key-figures:{locale_id}", compute)
