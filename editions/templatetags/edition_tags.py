from django import template

from caching.memory import shell
from editions.figures import key_figures
from editions.models import EditionPage

register = template.Library()


@register.simple_tag(takes_context=True)
def edition_key_figures(context):
    """Key figures of the editions in the current page's language."""
    locale_id = getattr(context.get("page"), "locale_id", None)

    def compute():
        editions = EditionPage.objects.listed().only("id", "figures", "year")
        if locale_id is not None:
            editions = editions.filter(locale_id=locale_id)
        return key_figures(editions)

    return shell.get(("key-figures", locale_id), compute)
