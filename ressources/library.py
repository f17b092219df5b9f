"""The library's query: search, facet filters from the URL, facet counts, sorting.

Everything is driven by plain GET parameters (`?q=&theme=&type=&audience=&licence=
&edition=&language=&sort=&page=`), so filters work without JavaScript and URLs can be
shared. Unknown values are ignored; a value may repeat (`theme=a&theme=b`: either one).
Facet counts are "disjunctive": the count next to a value is the number of results one
would get by adding it, given the other facets' selections.
"""

from dataclasses import dataclass
from functools import partial

from django.apps import apps
from django.http import QueryDict
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from caching.memory import (
    after_each_change,
    facet_indexes,
    previous_version,
    shared_only,
    shared_value,
)
from ressources import facet_index
from ressources.facets import ChoiceFacet, EditionFacet, FacetOptions, FacetValue, TaxonomyFacet
from ressources.licences import LICENCES, ResourceLanguage
from search.engine import RANK_WINDOW, RELAX_BELOW, by_relevance, match_documents, plan_search

PAGE_SIZE = 12
MAX_VALUES_PER_FACET = 20
CARD_FACETS = ("type", "theme")  # the facets whose terms the cards list
SORT_RELEVANCE = "pertinence"
SORT_DATE = "date"

FACETS = (
    TaxonomyFacet("theme", _("Thématique"), "themes"),
    TaxonomyFacet("type", _("Type de ressource"), "resource_types"),
    TaxonomyFacet("audience", pgettext_lazy("audience", "Public"), "audiences"),
    ChoiceFacet(
        "licence",
        _("Licence"),
        "licence",
        # As short as on the cards: « CC BY-SA 4.0 ».
        [(licence.code, licence.short_name) for licence in LICENCES.values()],
    ),
    EditionFacet("edition", _("Édition"), "edition"),
    ChoiceFacet("language", _("Langue"), "language", ResourceLanguage.choices),
)
PARAMS = ("q", *(facet.param for facet in FACETS), "sort")


@dataclass
class LibraryQuery:
    params: QueryDict
    plan: object
    selected: dict  # param -> list of raw values (slugs or codes)
    sort: str

    @classmethod
    def from_params(cls, params):
        plan = plan_search(params.get("q", ""))
        selected = {}
        for facet in FACETS:
            raw_values = []
            for raw in params.getlist(facet.param)[:MAX_VALUES_PER_FACET]:
                value = raw.strip()[:80]
                if value and value not in raw_values:
                    raw_values.append(value)
            selected[facet.param] = raw_values
        sort = params.get("sort", "")
        if sort not in (SORT_RELEVANCE, SORT_DATE):
            sort = SORT_RELEVANCE if not plan.is_empty else SORT_DATE
        if plan.is_empty:
            sort = SORT_DATE
        return cls(params, plan, selected, sort)


def index_name(index_page):
    return f"library:{index_page.pk}"


@after_each_change
def share_facet_indexes(version, changes):
    """After each change, every library's facet index, built once for all processes; when
    the change was only to resources, patched from the index of the version before."""
    # By name: the models import this module (through the library's view).
    index_pages = apps.get_model("ressources", "ResourceIndexPage").objects.live()
    changed = changed_resources(changes)
    for index_page in index_pages:
        build = partial(facet_index.build, index_page.resources(), FACETS)
        if changed is not None:
            build = partial(patched_or_built, index_page, version, changed, build)
        shared_value(index_name(index_page), version, build)


def changed_resources(changes):
    """The ids of the resources a change was to (published, unpublished, moved, deleted),
    or None when it was to anything else, or did not say."""
    resource = apps.get_model("ressources", "ResourcePage")._meta.label
    resources, pages = set(), set()
    for change in changes:
        if change is None:
            return None
        label, pk = change
        if label == resource:
            resources.add(pk)
        elif label == "wagtailcore.Page":  # a resource deleted: its page row goes too
            pages.add(pk)
        else:
            return None
    return resources if pages <= resources else None


def patched_or_built(index_page, version, changed, build):
    """The index of the version before `version`, patched with the resources `changed`
    as they are now, when the shared cache still holds it; else `build()`."""
    previous = previous_version(version)
    index = shared_only(index_name(index_page), previous) if previous else None
    # An index shared by an earlier release knows no dates: it cannot place a resource.
    if index is None or (index.ids and not getattr(index, "days", None)):
        return build()
    fresh = facet_index.build(index_page.resources().filter(pk__in=changed), FACETS)
    return index.patched(fresh, changed)


class Library:
    """Results and facets for one library index page and one query, computed on the
    library's facet index (ressources/facet_index.py): SQL only for what the index cannot
    know (which resources match the words searched, their relevance, the page shown).

    The resources come from the index page (`index_page.resources()`), and the facets reach
    the models they need through them: the page model can serve the library without an
    import cycle."""

    def __init__(self, index_page, query):
        self.index_page = index_page
        self.query = query
        self.facets = FACETS
        self.locale_id = index_page.locale_id
        self.base = index_page.resources()
        self.model = self.base.model
        # Built once per content version, shared by the processes (caching.memory says why).
        self.index = facet_indexes.get(
            index_name(index_page), lambda: facet_index.build(self.base, self.facets), shared=True
        )
        self.resolve_selection()
        self.plan = query.plan
        self.strict_ids = set()
        self.relevance = None  # {page id: rank} when read with the matches
        self.matches = self.match_bits()

    def resolve_selection(self):
        """Map URL values to database keys; unknown values are dropped."""
        self.filters = {}
        for facet in self.facets:
            wanted = self.query.selected[facet.param]
            if wanted and (keys := facet.resolve(wanted, self.model, self.locale_id)):
                self.filters[facet.param] = keys

    @property
    def relaxed(self):
        return self.plan.relaxed

    def match_bits(self):
        """The resources matching the words searched (all of them without a search). When
        fewer than RELAX_BELOW resources have every word (filters applied), those with any
        word are shown too, the ones with every word first."""
        if self.plan.is_empty:
            return self.index.everything
        bits = self.plan_bits(self.plan)
        strict = bits & self.selection_bits()
        if self.plan.can_relax and strict.bit_count() < RELAX_BELOW:
            self.strict_ids = set(self.index.page_ids(strict))
            self.plan = self.plan.relax()
            bits = self.plan_bits(self.plan)
        return bits

    def plan_bits(self, plan):
        page_ids, negated, self.relevance = match_documents(plan, self.locale_id)
        bits = self.index.bitset(page_ids)
        # Negated: the index's searchable resources, less those that do not match.
        return self.index.searchable & ~bits if negated else bits

    def selection_bits(self, excluding=None):
        """The resources every selected facet allows (values of one facet: either one)."""
        bits = self.index.everything
        for param, keys in self.filters.items():
            if param == excluding:
                continue
            values = self.index.values.get(param, {})
            allowed = 0
            for key in keys:
                allowed |= values.get(key, 0)
            bits &= allowed
        return bits

    def result_bits(self):
        return self.matches & self.selection_bits()

    def facet_counts(self):
        """{param: {key: count}}. Counts are disjunctive: a facet's own selection is left
        out of the counts of its values."""
        counts = {}
        for facet in self.facets:
            excluding = facet.param if facet.param in self.filters else None
            base = self.matches & self.selection_bits(excluding)
            counts[facet.param] = {
                key: n
                for key, bits in self.index.values.get(facet.param, {}).items()
                if (n := (base & bits).bit_count())
            }
        return counts

    def results(self, library_url=None):
        """The results in display order, as a sequence the paginator can slice, of cards
        linking under `library_url` (the library page's URL). Relevance is ranked over the
        RANK_WINDOW most recent matches: ranking every match of a very broad query
        (« numérique » matches almost everything) costs more than it tells."""
        bits = self.result_bits()
        cards = {
            "labels": self.card_labels(),
            "library_url": library_url or self.index_page.url,
        }
        if self.query.sort == SORT_RELEVANCE:
            window = self.index.page_ids(bits, limit=RANK_WINDOW)
            ranked = by_relevance(
                window, self.plan, first=self.strict_ids, relevance=self.relevance
            )
            rest = bits & ~self.index.bitset(window)
            return ResultSequence(self.model, self.index, bits, head=ranked, rest=rest, **cards)
        return ResultSequence(self.model, self.index, bits, **cards)

    def card_labels(self):
        return card_labels(self.model, self.locale_id)

    def facet_options(self, url_for):
        """Each facet's values with their counts, and the selected ones with the link that
        removes them, `url_for(param, value)`; values without results are left out unless
        selected."""
        all_counts = self.facet_counts()
        shown = []
        for facet in self.facets:
            selected = set(self.query.selected[facet.param])
            options = facet.options(all_counts[facet.param], self.model, self.locale_id)
            values = [
                FacetValue(
                    param=facet.param,
                    value=value,
                    label=label,
                    count=count,
                    selected=value in selected,
                    # Only a selected value has a link (to remove it): the form checks
                    # the others. A link per value cost 1 ms a search.
                    toggle_url=url_for(facet.param, value) if value in selected else "",
                )
                for value, label, count in options
                if count or value in selected
            ]
            shown.append(FacetOptions(facet.param, facet.label, values))
        return shown


@dataclass
class ResourceCard:
    """What a result's card shows. Read as plain values rather than pages: the twelve
    ResourcePage instances of a results page, with every column of Wagtail's page row,
    cost about 3 ms a search, a tenth of the request (bench/search.py)."""

    pk: int
    title: str
    url: str
    publication_date: object
    licence: str
    excerpt: str

    @property
    def licence_info(self):
        return LICENCES[self.licence]


CARD_FIELDS = ("pk", "title", "slug", "publication_date", "licence", "excerpt")


class ResultSequence:
    """What the paginator slices: the ranked `head` first (relevance order), then the
    other results (`rest`) in date order; only the slice asked for is read from the
    database, with what cards show. Resources are children of their library: a card's URL
    is the library's URL and the resource's slug, as Wagtail builds it."""

    def __init__(self, model, index, bits, head=(), rest=None, labels=None, library_url=""):
        self.model = model
        self.index = index
        self.labels = labels or {}
        self.library_url = library_url
        self.head = list(head)
        self.rest = bits if rest is None else rest
        self.total = len(self.head) + self.rest.bit_count()

    def __len__(self):
        return self.total

    def __getitem__(self, window):
        start, stop = window.start or 0, min(window.stop, self.total)
        page_ids = self.head[start:stop]
        if stop > len(self.head):
            offset = max(0, start - len(self.head))
            limit = stop - start - len(page_ids)
            page_ids += self.index.page_ids(self.rest, offset=offset, limit=limit)
        rows = self.model.objects.filter(pk__in=page_ids).values_list(*CARD_FIELDS)
        by_id = {
            pk: ResourceCard(pk, title, f"{self.library_url}{slug}/", date, licence, excerpt)
            for pk, title, slug, date, licence, excerpt in rows
        }
        for relation, names in self.labels.items():
            attach_names(self.model, relation, names, by_id)
        return [by_id[pk] for pk in page_ids if pk in by_id]


def card_labels(model, locale_id):
    """{relation: {pk: name}} of what the cards (and the feeds) list: types and themes."""
    return {
        facet.field_name: facet.names(model, locale_id)
        for facet in FACETS
        if facet.param in CARD_FACETS
    }


def attach_names(model, relation, names, pages):
    """Give each page `card_<relation>`: the names of its related terms, in name order,
    from one query on the relation's table and the names already known (`names`)."""
    field = model._meta.get_field(relation)
    through = field.remote_field.through
    page_column, term_column = field.m2m_column_name(), field.m2m_reverse_name()
    rows = through.objects.filter(**{f"{page_column}__in": list(pages)}).values_list(
        page_column, term_column
    )
    found = {page_id: [] for page_id in pages}
    for page_id, term_id in rows:
        found[page_id].append(term_id)
    unknown = {term for terms in found.values() for term in terms} - names.keys()
    if unknown:  # a term of another language: read, not guessed
        others = field.related_model.objects.filter(pk__in=unknown).values_list("pk", "name")
        names = {**names, **dict(others)}
    for page_id, page in pages.items():
        setattr(page, f"card_{relation}", sorted(names[term] for term in found[page_id]))
