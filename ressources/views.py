"""The library page: a Wagtail page whose serve() reads filters from the query string."""

from django.core.paginator import Paginator
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _

from nec_cms.querystrings import pagination_context, querystring
from ressources.library import (
    PAGE_SIZE,
    SORT_DATE,
    SORT_RELEVANCE,
    Library,
    LibraryQuery,
    PageNumberError,
)

KNOWN_PARAMS = ("q", "theme", "type", "audience", "licence", "edition", "language", "sort")
TEMPLATE = "ressources/resource_index_page.html"


def known_params(request):
    params = request.GET.copy()
    for key in list(params):
        if key not in KNOWN_PARAMS and key != "page":
            del params[key]
    return params


def serve_library(index_page, request):
    context = index_page.get_context(request)
    params = known_params(request)
    try:
        query = LibraryQuery.from_params(params)
    except PageNumberError:
        context["error"] = _(
            "Le numéro de page demandé n’existe pas : les pages sont numérotées à partir de 1."
        )
        context["first_page_url"] = querystring(params, drop=("page",))
        return TemplateResponse(request, TEMPLATE, context, status=400)

    library = Library(index_page, query, request)

    def url_for(param, value, selected):
        return querystring(params, drop=("page",), toggle=(param, value))

    library.build_facets(url_for)
    facets = library.facets
    paginator = Paginator(library.results(), PAGE_SIZE)
    page_obj = paginator.get_page(min(query.page_number, max(paginator.num_pages, 1)))
    active_filters = [
        (facet, value) for facet in facets for value in facet.values if value.selected
    ]
    context.update(
        {
            "query": query,
            "plan": query.plan,
            "facets": facets,
            "active_filters": active_filters,
            "resources": list(page_obj.object_list),
            "paginator": paginator,
            "clear_filters_url": querystring(params, drop=KNOWN_PARAMS[1:] + ("page",)),
            "corrected_url": querystring(
                params, drop=("page",), set_values={"q": query.plan.corrected_query}
            ),
            "sort_options": [(SORT_RELEVANCE, _("Pertinence")), (SORT_DATE, _("Date"))],
        }
    )
    context.update(pagination_context(params, page_obj))
    return TemplateResponse(request, TEMPLATE, context)
