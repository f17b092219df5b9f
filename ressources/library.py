"""The library's query: search, facet filters from the URL, facet counts, sorting.

Everything is driven by plain GET parameters (`?q=&theme=&type=&audience=&licence=
&edition=&language=&sort=&page=`), so filters work without JavaScript and URLs can be
shared. Unknown values are ignored; a value may repeat (`theme=a&theme=b`: either one).
Facet counts are "disjunctive": the count next to a value is the number of results one
would get by adding it, given the other facets' selections.
"""

from dataclasses import dataclass, field

from django.http import QueryDict
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from caching.memory import facet_indexes
from editions.models import EditionPage
from nec_cms.querystrings import parse_page_number
from ressources import facet_index
from ressources.licences import LicenceChoice, ResourceLanguage
from ressources.models import Audience, ResourcePage, ResourceType, Theme
from search.engine import matching_page_ids, plan_search, ranks

PAGE_SIZE = 12
RANK_WINDOW = 2000
MAX_VALUES_PER_FACET = 20
SORT_RELEVANCE = "pertinence"
SORT_DATE = "date"


@dataclass
class FacetValue:
    value: str
    label: str
    count: int = 0
    selected: bool = False
    toggle_url: str = ""


@dataclass
class Facet:
    """One filter dimension of the library."""

    param: str
    label: str
    kind: str  # "m2m", "field" or "edition"
    model: type | None = None
    relation: str = ""  # ResourcePage field name
    choices: type | None = None
    values: list[FacetValue] = field(default_factory=list)

    def through(self):
        return getattr(ResourcePage, self.relation).through

    def through_column(self):
        return f"{self.model._meta.model_name}_id"


def facet_definitions():
    return [
        Facet("theme", _("Thématique"), "m2m", Theme, "themes"),
        Facet("type", _("Type de ressource"), "m2m", ResourceType, "resource_types"),
        Facet("audience", pgettext_lazy("audience", "Public"), "m2m", Audience, "audiences"),
        Facet("licence", _("Licence"), "field", relation="licence", choices=LicenceChoice),
        Facet("edition", _("Édition"), "edition", EditionPage, "edition"),
        Facet("language", _("Langue"), "field", relation="language", choices=ResourceLanguage),
    ]


class PageNumberError(ValueError):
    """The `page` parameter is not a page number."""


@dataclass
class LibraryQuery:
    params: QueryDict
    plan: object
    selected: dict  # param -> list of raw values (slugs or codes)
    sort: str
    page_number: int

    @classmethod
    def from_params(cls, params):
        plan = plan_search(params.get("q", ""))
        selected = {}
        for facet in facet_definitions():
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
        page_number = parse_page_number(params.get("page"))
        if page_number is None:
            raise PageNumberError(params.get("page", "")[:20])
        return cls(params, plan, selected, sort, page_number)


class Library:
    """Results and facets for one library index page and one query, computed on the
    library's facet index (ressources/facet_index.py): SQL only for what the index cannot
    know (which resources match the words searched, their relevance, the page shown)."""

    def __init__(self, index_page, query, request=None):
        self.index_page = index_page
        self.query = query
        self.facets = facet_definitions()
        self.locale_id = index_page.locale_id
        self.base = ResourcePage.objects.live().public().child_of(self.index_page)
        # Built once per content version by each process (caching.memory says why).
        self.index = facet_indexes.get(
            f"library:{index_page.pk}", lambda: facet_index.build(self.base, self.facets)
        )
        self.resolve_selection()
        self.matches = self.match_bits()

    def resolve_selection(self):
        """Map URL values to database keys; unknown values are dropped."""
        self.filters = {}
        for facet in self.facets:
            wanted = self.query.selected[facet.param]
            if not wanted:
                continue
            if facet.kind == "m2m":
                keys = list(
                    facet.model.objects.filter(
                        locale_id=self.locale_id, slug__in=wanted
                    ).values_list("pk", flat=True)
                )
            elif facet.kind == "edition":
                keys = list(
                    EditionPage.objects.filter(
                        locale_id=self.locale_id, slug__in=wanted
                    ).values_list("pk", flat=True)
                )
            else:
                keys = [value for value in wanted if value in facet.choices.values]
            if keys:
                self.filters[facet.param] = keys

    def match_bits(self):
        """The resources matching the words searched (all of them without a search)."""
        plan = self.query.plan
        if plan.is_empty:
            return self.index.everything
        page_ids, negated = matching_page_ids(plan)
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
        """({param: {key: count}}, total number of results). Counts are disjunctive: a
        facet's own selection is left out of the counts of its values."""
        counts = {}
        for facet in self.facets:
            excluding = facet.param if facet.param in self.filters else None
            base = self.matches & self.selection_bits(excluding)
            counts[facet.param] = {
                key: n
                for key, bits in self.index.values.get(facet.param, {}).items()
                if (n := (base & bits).bit_count())
            }
        return counts, self.result_bits().bit_count()

    def results(self):
        """The results in display order, as a sequence the paginator can slice. Relevance
        is ranked over the RANK_WINDOW most recent matches: ranking every match of a very
        broad query (« numérique » matches almost everything) costs more than it tells."""
        bits = self.result_bits()
        if self.query.sort == SORT_RELEVANCE:
            window = self.index.page_ids(bits, limit=RANK_WINDOW)
            relevance = ranks(window, self.query.plan)
            order = {page_id: i for i, page_id in enumerate(window)}
            ranked = sorted(window, key=lambda pk: (-relevance.get(pk, 0.0), order[pk]))
            rest = bits & ~self.index.bitset(window)
            return ResultSequence(self.index, bits, head=ranked, rest=rest)
        return ResultSequence(self.index, bits)

    def build_facets(self, url_for):
        """Fill each facet with its values, counts and toggle links; returns the total."""
        all_counts, total = self.facet_counts()
        for facet in self.facets:
            counts = all_counts[facet.param]
            selected = set(self.query.selected[facet.param])
            if facet.kind == "m2m":
                terms = facet.model.objects.filter(locale_id=self.locale_id).order_by("name")
                options = [(term.slug, term.name, counts.get(term.pk, 0)) for term in terms]
            elif facet.kind == "edition":
                editions = EditionPage.objects.filter(
                    pk__in=list(counts) or [0], locale_id=self.locale_id
                ).order_by("-year")
                options = [(ed.slug, ed.title, counts.get(ed.pk, 0)) for ed in editions]
            else:
                options = [
                    (value, label, counts.get(value, 0)) for value, label in facet.choices.choices
                ]
            facet.values = [
                FacetValue(
                    value=value,
                    label=label,
                    count=count,
                    selected=value in selected,
                    toggle_url=url_for(facet.param, value, value in selected),
                )
                for value, label, count in options
                if count or value in selected
            ]
        return total


class ResultSequence:
    """What the paginator slices: the ranked `head` first (relevance order), then the
    other results (`rest`) in date order; only the slice asked for is read from the
    database, with what cards show."""

    def __init__(self, index, bits, head=(), rest=None):
        self.index = index
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
        pages = (
            ResourcePage.objects.filter(pk__in=page_ids)
            .defer("body", "documents")  # cards show neither
            .prefetch_related("themes", "resource_types")
        )
        by_id = {page.pk: page for page in pages}
        return [by_id[pk] for pk in page_ids if pk in by_id]
