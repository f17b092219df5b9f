"""The library's feeds of new resources, in Atom and RSS 2.0 (Django's syndication
framework), served by the library page at `flux/atom/` and `flux/rss/`.

A feed lists the FEED_SIZE resources of one library (so of one language) first published
most recently, optionally only those of one theme, one type or both (`?theme=<slug>`,
`?type=<slug>`, slugs of the library's language). An unknown slug is a 404, two values of
one parameter a 400: a feed reader keeps the address it was given, it should learn at once
that the address is wrong rather than silently follow the whole library.

Each resource is identified by a tag URI made of its translation key and its language: it
survives a new title, slug or place in the tree. Its documents become enclosures; Atom takes
them all, RSS 2.0 only one per item (the first). The query count does not depend on the
size of the catalogue: terms come from what the library already remembers, and the
documents of all the items are read at once.
"""

from dataclasses import dataclass
from urllib.parse import urlencode

from django.conf import settings
from django.contrib.syndication.views import Feed
from django.db.models import F
from django.http import HttpResponseBadRequest, HttpResponseNotFound
from django.utils import feedgenerator, translation
from django.utils.html import escape
from django.utils.translation import gettext as _
from wagtail.documents import get_document_model
from wagtail.models import Locale

from blocks.rules import document_file_size
from caching.memory import shell
from nec_cms.listing import clean_parameter
from ressources.library import FACETS, attach_names, card_labels

FEED_SIZE = 30
# A tag URI (RFC 4151) names each resource for good; the date is when the name was coined.
TAG_AUTHORITY = "numerique-en-communs.fr,2026"
# The library page's route (ResourceIndexPage) of each format, and its generator.
FORMATS = {"atom_feed": feedgenerator.Atom1Feed, "rss_feed": feedgenerator.Rss201rev2Feed}
# The facets a feed can follow, in the order their names appear in its title.
FILTERS = {facet.param: facet for facet in FACETS if facet.param in ("theme", "type")}


def not_found_messages():
    return {
        "theme": _(
            "Ce flux n’existe pas : aucune thématique de la bibliothèque n’a cet identifiant."
        ),
        "type": _(
            "Ce flux n’existe pas : aucun type de ressource de la bibliothèque n’a cet identifiant."
        ),
    }


@dataclass(frozen=True)
class Term:
    """A theme or type a feed follows: its URL parameter, slug and name."""

    param: str
    slug: str
    name: str


def feed_title(terms):
    if not terms:
        return _("Ressources — Numérique en Commun[s]")
    return _("Ressources : %(terms)s — Numérique en Commun[s]") % {
        "terms": " · ".join(term.name for term in terms)
    }


class FeedLinks:
    """The addresses of one feed of a library, in both formats, for links and <head>."""

    def __init__(self, index_page, request, terms=()):
        self.terms = tuple(terms)
        self.title = feed_title(self.terms)
        query = "?" + urlencode([(term.param, term.slug) for term in self.terms])
        query = query if self.terms else ""
        base = index_page.get_url(request)
        self.library_url = base + query
        self.atom_url, self.rss_url = (
            base + index_page.reverse_subpage(name) + query for name in FORMATS
        )

    @property
    def subscribe_label(self):
        if not self.terms:
            return _("S’abonner aux nouvelles ressources (Atom)")
        return _("S’abonner aux nouvelles ressources : %(terms)s (Atom)") % {
            "terms": " · ".join(term.name for term in self.terms)
        }


def announced_feeds(index_page, request, facets):
    """The feeds a library page announces: the whole library's, then that of each theme
    or type facet with exactly one value selected (`facets`: the page's FacetOptions)."""
    feeds = [FeedLinks(index_page, request)]
    for facet in facets:
        selected = [value for value in facet.values if value.selected]
        if facet.param in FILTERS and len(selected) == 1:
            term = Term(facet.param, selected[0].value, str(selected[0].label))
            feeds.append(FeedLinks(index_page, request, [term]))
    return feeds


def language_code(locale_id):
    """The language of a locale, remembered: Wagtail would read the Locale row again."""
    return shell.get(
        ("locale-language", locale_id), lambda: Locale.objects.get(pk=locale_id).language_code
    )


def plain_text_response(response_class, message):
    return response_class(message, content_type="text/plain; charset=utf-8")


def serve_feed(index_page, request, route_name):
    """The feed at `route_name` of the library `index_page`, filtered by the query string;
    a short French answer when the filter cannot be followed."""
    resources = index_page.resources()
    model = resources.model
    terms = []
    for param, facet in FILTERS.items():
        # Cleaned before it is compared: no control character reaches anything.
        values = {clean_parameter(raw)[0] for raw in request.GET.getlist(param)} - {""}
        if not values:
            continue
        if len(values) > 1:
            return plain_text_response(
                HttpResponseBadRequest,
                _("Un flux suit une seule thématique et un seul type à la fois."),
            )
        (slug,) = values
        known = facet.terms(model, index_page.locale_id)
        found = next(((pk, name) for pk, term_slug, name in known if term_slug == slug), None)
        if found is None:
            return plain_text_response(HttpResponseNotFound, not_found_messages()[param])
        pk, name = found
        terms.append(Term(param, slug, name))
        resources = resources.filter(**{facet.field_name: pk})
    return ResourceFeed(index_page, resources, terms, route_name)(request)


class ResourceFeed(Feed):
    """One feed of one library: made for one request (it keeps the request and the terms)."""

    def __init__(self, index_page, resources, terms, route_name):
        self.index_page = index_page
        self.resources = resources
        self.terms = terms
        self.feed_type = FORMATS[route_name]
        self.single_enclosure = self.feed_type is feedgenerator.Rss201rev2Feed
        self.language = language_code(index_page.locale_id)

    def __call__(self, request, *args, **kwargs):
        self.request = request
        # Titles in the library's language, whatever language the request was read in.
        with translation.override(self.language):
            self.links = FeedLinks(self.index_page, request, self.terms)
            return super().__call__(request, *args, **kwargs)

    def absolute(self, url):
        return self.request.build_absolute_uri(url)

    # The feed.

    def title(self):
        return self.links.title

    def subtitle(self):
        return _(
            "Les dernières ressources publiées dans la bibliothèque, les plus récentes d’abord."
        )

    def description(self):
        return self.subtitle()

    def link(self):
        return self.absolute(self.links.library_url)

    def feed_url(self):
        rss = self.feed_type is feedgenerator.Rss201rev2Feed
        return self.absolute(self.links.rss_url if rss else self.links.atom_url)

    def feed_guid(self):
        # The Atom address names the feed in both formats (RSS has no feed id).
        return self.absolute(self.links.atom_url)

    def author_name(self):
        return settings.WAGTAIL_SITE_NAME

    def items(self):
        newest_first = (F("first_published_at").desc(nulls_last=True), "-pk")
        resources = list(self.resources.order_by(*newest_first).defer("body")[:FEED_SIZE])
        by_id = {resource.pk: resource for resource in resources}
        model = self.resources.model
        for relation, names in card_labels(model, self.index_page.locale_id).items():
            attach_names(model, relation, names, by_id)
        attach_documents(resources)
        return resources

    # Each resource.

    def item_title(self, item):
        return item.title

    def item_description(self, item):
        # Atom's summary is typed HTML, and RSS readers read HTML there: the excerpt is text.
        return escape(item.excerpt)

    def item_link(self, item):
        return self.absolute(item.get_url(self.request))

    def item_guid(self, item):
        return f"tag:{TAG_AUTHORITY}:ressources/{item.translation_key}/{self.language}"

    def item_guid_is_permalink(self, item):
        return False

    def item_author_name(self, item):
        return item.authors

    def item_pubdate(self, item):
        return item.first_published_at

    def item_updateddate(self, item):
        return item.last_published_at or item.first_published_at

    def item_categories(self, item):
        return [*item.card_themes, *item.card_resource_types]

    def item_copyright(self, item):
        licence = item.licence_info
        return f"{licence.short_name} ({licence.url})"

    def item_enclosures(self, item):
        enclosures = [
            feedgenerator.Enclosure(
                self.absolute(document.url),
                str(document_file_size(document) or 0),
                document.content_type,
            )
            for document in item.feed_documents
        ]
        return enclosures[:1] if self.single_enclosure else enclosures


def attach_documents(resources):
    """Give each resource `feed_documents`: the documents of its `documents` stream, in
    order, read for all the resources in one query (none without documents)."""
    wanted = {}
    for resource in resources:
        # The raw stream holds the document ids: reading it loads nothing.
        wanted[resource.pk] = [
            block["value"].get("document")
            for block in resource.documents.raw_data
            if block["type"] == "document" and block["value"].get("document")
        ]
    ids = {document_id for ids in wanted.values() for document_id in ids}
    documents = get_document_model().objects.in_bulk(ids) if ids else {}
    for resource in resources:
        found = [documents.get(document_id) for document_id in wanted[resource.pk]]
        # A document deleted since is left out.
        resource.feed_documents = [document for document in found if document is not None]
