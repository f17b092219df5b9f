"""The library's query: search, facet filters from the URL, facet counts, sorting.

Everything is driven by plain GET parameters (`?q=&theme=&type=&audience=&licence=
&edition=&language=&sort=&page=`), so filters work without JavaScript and URLs can be
shared. Unknown values are ignored; a value may repeat (`theme=a&theme=b`: either one).
Facet counts are "disjunctive": the count next to a value is the number of results one
would get by adding it, given the other facets' selections.
"""

from dataclasses import dataclass, field

from django.db import connection
from django.http import QueryDict
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from editions.models import EditionPage
from nec_cms.querystrings import parse_page_number
from ressources.licences import LicenceChoice, ResourceLanguage
from ressources.models import Audience, ResourcePage, ResourceType, Theme
from search.engine import apply_search, plan_search

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
    """Results and facets for one library index page and one query."""

    def __init__(self, index_page, query):
        self.index_page = index_page
        self.query = query
        self.facets = facet_definitions()
        self.locale_id = index_page.locale_id
        # public() looks up view restrictions once; every query below reuses it.
        self.base = ResourcePage.objects.live().public().child_of(self.index_page)
        self.resolve_selection()

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

    def filtered(self, excluding=None):
        queryset = self.base
        for facet in self.facets:
            keys = self.filters.get(facet.param)
            if not keys or facet.param == excluding:
                continue
            if facet.kind == "m2m":
                through = facet.through()
                matching = through.objects.filter(**{f"{facet.through_column()}__in": keys}).values(
                    "resourcepage_id"
                )
                queryset = queryset.filter(pk__in=matching)
            elif facet.kind == "edition":
                queryset = queryset.filter(edition_id__in=keys)
            else:
                queryset = queryset.filter(**{f"{facet.relation}__in": keys})
        return apply_search(queryset, self.query.plan)

    def results(self):
        """Resources in display order. Relevance ranking is computed over the
        RANK_WINDOW most recent matches: ranking every match of a very broad query
        (« numérique » matches almost everything) costs more than it tells."""
        queryset = self.filtered()
        if self.query.sort == SORT_RELEVANCE:
            window = queryset.order_by("-publication_date", "-pk").values("pk")[:RANK_WINDOW]
            return (
                self.filtered()
                .filter(pk__in=window)
                .order_by("-search_rank", "-publication_date", "-pk")
            )
        return queryset.order_by("-publication_date", "-pk")

    def facet_counts(self):
        """({param: {key: count}}, total number of results), in as few SQL queries as there
        are distinct bases: one for the results and every facet without a selection, one
        more per facet with a selection (disjunctive counts)."""
        bases = {None: []}
        for facet in self.facets:
            bases.setdefault(facet.param if self.filters.get(facet.param) else None, []).append(
                facet
            )
        counts = {facet.param: {} for facet in self.facets}
        total = 0
        for excluding, facets in bases.items():
            rows = self.count_rows(excluding, facets, with_total=excluding is None)
            for param, key, n in rows:
                if param == "":
                    total = n
                elif key is not None:
                    counts[param][key] = n
        return counts, total

    def count_rows(self, excluding, facets, with_total):
        matches = self.filtered(excluding=excluding).order_by()
        columns = ("pk", "licence", "language", "edition_id")
        sql, params = matches.values(*columns).query.sql_with_params()
        parts = []
        for facet in facets:
            if facet.kind == "m2m":
                through = facet.through()._meta.db_table
                column = facet.through_column()
                parts.append(
                    f"SELECT '{facet.param}', CAST(t.{column} AS TEXT), COUNT(*) FROM m "  # noqa: S608
                    f"JOIN {through} t ON t.resourcepage_id = m.pk GROUP BY t.{column}"
                )
            else:
                column = "edition_id" if facet.kind == "edition" else facet.relation
                parts.append(
                    f"SELECT '{facet.param}', CAST(m.{column} AS TEXT), COUNT(*) FROM m "  # noqa: S608
                    f"GROUP BY m.{column}"
                )
        if with_total:
            parts.append("SELECT '', '', COUNT(*) FROM m")
        if not parts:
            return []
        # Table and column names come from the models, never from the request.
        query = (
            f"WITH m (pk, licence, language, edition_id) AS ({sql}) "  # noqa: S608
            + " UNION ALL ".join(parts)
        )
        with connection.cursor() as cursor:
            cursor.execute(query, params)
            rows = cursor.fetchall()
        keyed = []
        kinds = {facet.param: facet.kind for facet in facets}
        for param, key, n in rows:
            if param and key is not None and kinds[param] != "field":
                key = int(key)
            keyed.append((param, key, n))
        return keyed

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
