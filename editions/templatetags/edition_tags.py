from django import template

from caching.memory import shell
from editions.figures import key_figures
from editions.models import EditionPage, edition_share
from editions.views import edition_programme, session_context, speaker_context

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


# The programme's pages are served by Page.serve without a context of their own: these
# tags hand their templates what editions.views computes for them.


@register.simple_tag
def edition_programme_and_share(edition):
    """The edition's live programme and, when it has one, the share of women on stage
    (edition_share), remembered per content version."""

    def compute():
        programme = edition_programme(edition)
        share = edition_share(edition) if programme is not None else None
        return {"programme": programme, "share": share}

    return shell.get(("edition-programme", edition.pk), compute)


@register.simple_tag
def session_details(session):
    return session_context(session)


@register.simple_tag
def speaker_details(speaker):
    return speaker_context(speaker)
