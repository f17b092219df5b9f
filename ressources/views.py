"""The library page: a Wagtail page whose default route reads filters from the query
string (its feeds: ressources.feeds)."""

from django.template.response import TemplateResponse
from django.utils.translation import gettext as _

from nec_cms.listing import FilterableList
from ressources.feeds import announced_feeds
from ressources.library import PAGE_SIZE, PARAMS, SORT_DATE, SORT_RELEVANCE, Library, LibraryQuery

TEMPLATE = "ressources/resource_index_page.html"


def serve_library(index_page, request):
    context = index_page.get_context(request)
    listing = FilterableList(
        request.GET,
        PARAMS,
        per_page=PAGE_SIZE,
        first_page_label=_("Revenir à la première page de la bibliothèque"),
    )
    if listing.page_number is None:
        return listing.bad_page_response(request, TEMPLATE, context)

    query = LibraryQuery.from_params(listing.params)
    library = Library(index_page, query)
    facets = library.facet_options(
        lambda param, value: listing.link(drop=("page",), toggle=(param, value))
    )
    page_obj, pagination = listing.paginate(library.results(index_page.get_url(request)))
    active_filters = [
        (facet, value) for facet in facets for value in facet.values if value.selected
    ]
    context.update(
        {
            "query": query,
            "plan": library.plan,
            "relaxed": library.relaxed,
            "strict_count": len(library.strict_ids),
            "facets": facets,
            "active_filters": active_filters,
            "resources": list(page_obj.object_list),
            "clear_filters_url": listing.link(drop=(*PARAMS[1:], "page")),
            "corrected_url": listing.link(
                drop=("page",), set_values={"q": query.plan.corrected_query}
            ),
            "sort_options": [(SORT_RELEVANCE, _("Pertinence")), (SORT_DATE, _("Date"))],
            # An empty library leads to those of the other languages.
            "other_libraries": other_libraries(index_page) if not library.index.ids else [],
            "feeds": announced_feeds(index_page, request, facets),
            **pagination,
        }
    )
    return TemplateResponse(request, TEMPLATE, context)


def other_libraries(index_page):
    """(URL, language code) of the live translations of this library that list resources."""
    translations = index_page.get_translations().live().specific().select_related("locale")
    return [
        (page.url, page.locale.language_code) for page in translations if page.resources().exists()
    ]
