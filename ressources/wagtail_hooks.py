"""Admin rules of the library's taxonomies."""

from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext
from wagtail import hooks
from wagtail.admin import messages
from wagtail.admin.utils import get_valid_next_url_from_request

from ressources.models import Taxonomy

TITLES_SHOWN = 5


def in_use_message(term, resources):
    """Why ``term`` stays: who uses it, in French, with the first titles."""
    count = len(resources)
    titles = ", ".join(f"« {title} »" for title in resources[:TITLES_SHOWN])
    if count > TITLES_SHOWN:
        titles += " " + gettext("et %(count)d autres") % {"count": count - TITLES_SHOWN}
    return term.in_use_message(count) % {"name": term.name, "count": count, "titles": titles}


@hooks.register("before_delete_snippet")
def keep_terms_in_use(request, instances):
    """A term that resources use is not deleted (the single and the bulk delete views):
    Wagtail's usage count does not see many-to-many relations, and deleting the term would
    silently take it off every resource."""
    refusals = []
    for term in instances:
        if not isinstance(term, Taxonomy):
            continue
        resources = list(term.resources.order_by("title").values_list("title", flat=True))
        if resources:
            refusals.append(in_use_message(term, resources))
    if not refusals:
        return None
    for refusal in refusals:
        messages.error(request, refusal)
    listing = reverse(type(instances[0]).snippet_viewset.get_url_name("list"))
    return redirect(get_valid_next_url_from_request(request) or listing)
