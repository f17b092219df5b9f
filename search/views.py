"""Site search over every page of the visitor's language, and title suggestions."""

from array import array

from django.core.serializers.json import DjangoJSONEncoder
from django.db import connections, router, transaction
from django.http import JsonResponse
from django.template.response import TemplateResponse
from django.utils.cache import patch_cache_control
from django.utils.text import capfirst
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET
from wagtail.contrib.search_promotions.models import Query, SearchPromotion
from wagtail.models import Page
from wagtail.search.utils import normalise_query_string

from caching.memory import language_locale_id
from nec_cms.listing import FilterableList
from nec_cms.pages import public_only, restricted_paths
from search.engine import RANK_WINDOW, RELAX_BELOW, plan_search, ranked_ids, suggestion_filter

RESULTS_PER_PAGE = 10


class HTMLSafeJSONEncoder(DjangoJSONEncoder):
    def encode(self, o):
        text = super().encode(o)
        return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")


MAX_SUGGESTIONS = 8
TEMPLATE = "search/search.html"


def searchable_pages(request):
    """Live, public pages of the visitor's language (the tree root excluded)."""
    return public_only(Page.objects.live().filter(locale_id=language_locale_id(), depth__gt=1))


def ranked_page_ids(request, plan):
    """(the ids of the pages matching the plan, best first, as a compact array: a broad
    query matches most pages; the plan used). With fewer than RELAX_BELOW pages having
    every word, those with any word follow them."""
    if plan.is_empty:
        return array("I"), plan, 0

    def ranked(plan):
        return ranked_ids(
            searchable_pages(request),
            plan,
            RANK_WINDOW,
            locale_id=language_locale_id(),
            restricted_paths=restricted_paths(),
        )

    strict = ranked(plan)
    if not plan.can_relax or len(strict) >= RELAX_BELOW:
        return strict, plan, len(strict)
    relaxed = plan.relax()
    first = set(strict)
    return (
        strict + array("I", (pk for pk in ranked(relaxed) if pk not in first)),
        relaxed,
        len(strict),
    )


def record_hit(query_string):
    """Count the search in Wagtail's popular searches (the promotions' report), in one
    transaction whose commit does not wait for the disk: a visitor's search waited for two
    flushes of PostgreSQL's log, 4 ms of a 10 000-resource site search (bench/search.py),
    and a hit lost in a crash misleads nobody."""
    using = router.db_for_write(Query)
    with transaction.atomic(using=using):
        if connections[using].vendor == "postgresql":
            with connections[using].cursor() as cursor:
                cursor.execute("SET LOCAL synchronous_commit TO OFF")
        Query.get(query_string).add_hit()


def type_label(page):
    # capfirst, not str.capitalize: « NEC local » keeps its capitals.
    return capfirst(str(page.specific_class._meta.verbose_name)) if page.specific_class else ""


@require_GET
def search_view(request):
    listing = FilterableList(
        request.GET,
        ("q",),
        per_page=RESULTS_PER_PAGE,
        first_page_label=_("Revenir à la première page des résultats"),
    )
    plan = plan_search(listing.params.get("q", ""))
    context = {"plan": plan, "search_url": request.path}
    if listing.page_number is None:
        return listing.bad_page_response(request, TEMPLATE, context)

    if not plan.query:
        return TemplateResponse(request, TEMPLATE, context)

    page_ids, plan, strict_count = ranked_page_ids(request, plan)
    context.update({"plan": plan, "relaxed": plan.relaxed, "strict_count": strict_count})
    page_obj, pagination = listing.paginate(page_ids)
    shown = list(page_obj.object_list)
    pages = Page.objects.live().filter(pk__in=shown).select_related("search_document").in_bulk()
    hits = [
        {
            "page": result,
            "url": result.get_url(request),
            "type": type_label(result),
            "summary": getattr(getattr(result, "search_document", None), "summary", ""),
        }
        for result in (pages[pk] for pk in shown if pk in pages)
    ]
    normalised = normalise_query_string(plan.query)[:255]
    promotions = []
    if page_obj.number == 1 and normalised:
        promotions = [
            promotion
            for promotion in SearchPromotion.objects.filter(query__query_string=normalised)
            .select_related("page")
            .order_by("sort_order")
            if promotion.page is None or promotion.page.live
        ]
    if normalised:
        record_hit(normalised)
    context.update(
        {
            "hits": hits,
            "promotions": promotions,
            "corrected_url": listing.link(drop=("page",), set_values={"q": plan.corrected_query}),
            **pagination,
        }
    )
    return TemplateResponse(request, TEMPLATE, context)


@require_GET
def suggestions_view(request):
    """Up to 8 page titles with a word starting with what was typed, those starting with it
    first, each part in title order."""
    query = request.GET.get("q", "")
    filters = suggestion_filter(query)
    suggestions = []
    if filters is not None:
        starts, later_word = filters
        fields = ("id", "title", "url_path", "path", "depth", "locale_id", "content_type_id")
        base = searchable_pages(request).only(*fields)
        by_title = base.order_by("search_document__title", "pk")
        found = list(by_title.filter(starts)[:MAX_SUGGESTIONS])
        if len(found) < MAX_SUGGESTIONS:
            others = by_title.filter(later_word).exclude(starts)
            found += list(others[: MAX_SUGGESTIONS - len(found)])
        suggestions = [
            {"title": page.title, "url": page.get_url(request), "type": type_label(page)}
            for page in found
        ]
    # Escape <, > and & so that the JSON can never be read as HTML.
    response = JsonResponse(
        {"query": query[:200], "suggestions": suggestions}, encoder=HTMLSafeJSONEncoder
    )
    patch_cache_control(response, public=True, max_age=300)
    return response
