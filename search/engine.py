"""Query the public search index: French stemming, accents, typos, relevance.

On PostgreSQL: a `french_unaccent` text search configuration (unaccent + French stemmer),
ranked with title above lead above body, and typo correction from a lexicon with trigram
similarity (pg_trgm). On SQLite the same calls degrade to substring matching on normalised
text with a light plural stemmer: no error, fewer smarts.
"""

import difflib
import json
from array import array
from dataclasses import dataclass, field, replace
from functools import reduce
from operator import and_, or_

from django.conf import settings
from django.contrib.postgres.search import SearchQuery
from django.db import connection, connections, router
from django.db.models import F, Q
from django.utils import translation
from wagtail.models import Page

from caching.memory import shell
from search.index import search_config
from search.models import SearchDocument, SearchMatch, SearchTerm
from search.text import WORD_RE, clean_query, ignored_words, light_stem, normalize, query_groups

MIN_CORRECTABLE_LENGTH = 4
CORRECTION_CUTOFF = 0.8
SUGGESTION_MIN_LENGTH = 2
# A plan expected to match more than this share of the pages is fetched by its complement.
BROAD_SHARE = 0.5
# Fewer results than this for every word, and the search also shows pages with some words.
RELAX_BELOW = 3
# Relevance is ranked over this many of the most recent matches (ranked_ids says why).
RANK_WINDOW = 2000
# Up to this many matches are ranked by the query that finds them (match_documents).
RANK_WITH_MATCHES = 5 * RANK_WINDOW


def on_postgresql():
    return connection.vendor == "postgresql"


@dataclass(frozen=True)
class SearchPlan:
    """A visitor's query once cleaned, analysed (search.text) and corrected.

    `groups` has one entry per word typed, each listing the forms that word may take (a
    compound: joined or in parts); `relaxed` plans want any word rather than every one."""

    query: str = ""
    truncated: bool = False
    language: str = "fr"
    groups: tuple = ()
    corrections: dict = field(default_factory=dict)
    ignored: tuple = ()
    relaxed: bool = False

    @property
    def is_empty(self):
        return not self.groups

    @property
    def can_relax(self):
        return len(self.groups) > 1 and not self.relaxed

    def relax(self):
        return replace(self, relaxed=True)

    def forms(self, word):
        """A word and its correction, if any."""
        return [word, self.corrections[word]] if word in self.corrections else [word]

    @property
    def corrected_query(self):
        if not self.corrections:
            return ""
        return " ".join(
            self.corrections.get(word, word) for group in self.groups for word in group[0]
        )


def active_language():
    """The language of the request: English on /en/ pages, French otherwise."""
    return (translation.get_language() or settings.LANGUAGE_CODE).split("-")[0]


def plan_search(raw_query, language=None):
    """The plan for a query, in `language` (default: the request's)."""
    language = language or active_language()
    query, truncated = clean_query(raw_query)
    groups = query_groups(query, language)
    groups, corrections = look_up(groups)
    return SearchPlan(
        query=query,
        truncated=truncated,
        language=language,
        groups=tuple(groups),
        corrections=corrections,
        ignored=tuple(ignored_words(query, language)),
    )


def look_up(groups):
    """(groups, corrections): two words typed apart that the pages write as one
    (« cyber sécurité », « wi fi ») also match that one word, and a word the lexicon does
    not know is corrected to its closest known word (« numérque » → « numerique »). One
    query."""
    singles = [group[0][0] if len(group) == 1 and len(group[0]) == 1 else None for group in groups]
    pairs = {
        index: singles[index] + singles[index + 1]
        for index in range(len(groups) - 1)
        if singles[index] and singles[index + 1]
    }
    candidates = [word for word in filter(None, singles) if len(word) >= MIN_CORRECTABLE_LENGTH]
    if not candidates and not pairs:
        return groups, {}
    # Most words typed are known as they are: the trigram index (the costly part, about
    # 4 ms of PostgreSQL's time a query) is only asked about the others.
    known = list(
        SearchTerm.objects.filter(term__in=[*candidates, *pairs.values()]).values_list(
            "term", flat=True
        )
    )
    unknown = [word for word in candidates if word not in known]
    if unknown and on_postgresql():
        nearby = reduce(or_, [Q(term__trigram_similar=word) for word in unknown])
        known += SearchTerm.objects.filter(nearby).values_list("term", flat=True)[:500]
    elif unknown:
        nearby = reduce(or_, [Q(term__startswith=word[:2]) for word in unknown])
        known += SearchTerm.objects.filter(nearby).values_list("term", flat=True)[:5000]
    known_set = set(known)
    merged, skip = [], False
    for index, group in enumerate(groups):
        if skip:
            skip = False
            continue
        if pairs.get(index) in known_set:
            merged.append([[pairs[index]], [singles[index], singles[index + 1]]])
            skip = True
        else:
            merged.append(group)
    corrections = {}
    for word in candidates:
        if word in known_set or not any(group == [[word]] for group in merged):
            continue
        close = difflib.get_close_matches(word, known, n=1, cutoff=CORRECTION_CUTOFF)
        if close and WORD_RE.fullmatch(close[0]):
            corrections[word] = close[0]
    return merged, corrections


def tsquery_text(plan):
    """A to_tsquery() expression built only from [a-z0-9] words: nothing to escape."""

    def word(text):
        forms = plan.forms(text)
        return forms[0] if len(forms) == 1 else "(" + " | ".join(forms) + ")"

    def group(forms):
        expressions = [" & ".join(word(text) for text in form) for form in forms]
        return "(" + " | ".join(f"({expression})" for expression in expressions) + ")"

    return (" | " if plan.relaxed else " & ").join(group(forms) for forms in plan.groups)


def search_query(plan):
    return SearchQuery(tsquery_text(plan), config=search_config(plan.language), search_type="raw")


def text_filters(plan, document="search_document"):
    """(Q for the matching documents, Q for those matching in their title), on SQLite's
    analysed text: every word (any word for a relaxed plan), each in one of its forms."""
    prefix = f"{document}__" if document else ""
    combine = or_ if plan.relaxed else and_

    def matching(field_name):
        def word(text):
            forms = [light_stem(form) for form in plan.forms(text)]
            return reduce(or_, [Q(**{f"{prefix}{field_name}__contains": f}) for f in forms])

        def group(forms):
            return reduce(or_, [reduce(and_, [word(text) for text in form]) for form in forms])

        return reduce(combine, [group(forms) for forms in plan.groups])

    return matching("text"), matching("title")


def filter_search(queryset, plan, document="search_document"):
    """Keep the pages of a queryset that match a non-empty plan."""
    if on_postgresql():
        return queryset.filter(search_match__vector=search_query(plan))
    return queryset.filter(text_filters(plan, document)[0])


def ranked_ids(pages, plan, window, locale_id=None, restricted_paths=()):
    """The ids of the pages matching a non-empty plan: the `window` most recent ones by
    relevance (title above lead above body), then the others, most recent first.

    On PostgreSQL the search matches alone answer (match_documents): the pages of the
    language `locale_id` outside the subtrees at `restricted_paths`; matches exist only
    for live pages. Elsewhere `pages` (a Page queryset) says which pages count.

    Ranking every match of a broad query costs more than it tells: at 100 000 resources,
    ordering every match of a two-word query by relevance took 75 ms, mostly spent ranking
    pages that nobody pages through to (bench/search.py); the library ranks the same way."""
    if on_postgresql():
        page_ids, _negated, relevance = match_documents(
            plan, locale_id, by_date=True, restricted_paths=restricted_paths
        )
        ids = array("I", page_ids)
    else:
        newest = F("first_published_at").desc(nulls_last=True)
        matches = filter_search(pages, plan).order_by(newest, "-pk")
        ids, relevance = array("I", matches.values_list("pk", flat=True)), None
    return array("I", by_relevance(ids[:window], plan, relevance=relevance)) + ids[window:]


def by_relevance(page_ids, plan, first=frozenset(), relevance=None):
    """These page ids (most recent first) by relevance, those in `first` before the others;
    pages of equal relevance stay in the order given (sorted() is stable). `relevance`:
    the ranks when they are known already ({page id: rank}), else they are read."""
    if relevance is None:
        relevance = ranks(page_ids, plan)
    return sorted(page_ids, key=lambda pk: (pk not in first, -relevance.get(pk, 0.0)))


def searched_documents(using):
    """The search matches' row count as PostgreSQL's statistics have it (no query to
    plan), read once per content version; infinite before the table is first analysed, so
    that nothing counts as broad until then."""

    def read():
        with connections[using].cursor() as cursor:
            cursor.execute(
                "SELECT reltuples FROM pg_class WHERE oid = %s::regclass",
                [SearchMatch._meta.db_table],
            )
            row = cursor.fetchone()
        return row[0] if row and row[0] >= 0 else float("inf")

    return shell.get(("searched-documents", using), read)


def match_documents(plan, locale_id=None, *, by_date=False, restricted_paths=()):
    """(page ids, negated, relevance) for a non-empty plan, from the search matches
    (search.models.SearchMatch; of the language `locale_id` when given, outside the
    subtrees at `restricted_paths`):

    - the ids of the pages that match, most recent first when `by_date`;
    - or, when PostgreSQL expects most documents to match (« numérique » on NEC's
      catalogue) and the order does not matter, the ids of those that do NOT match
      (negated=True): far fewer to read and send;
    - relevance: {page id: rank} of every match when there are at most
      RANK_WITH_MATCHES of them, else None (by_relevance reads the ranks it needs).
      PostgreSQL has each matching row in hand: ranking it there costs 0.4 µs, where
      ranking the same pages in a second query cost 3 to 8 ms at 10 000 resources (each
      row found again by its id).

    Written in SQL on PostgreSQL: built by the ORM, the estimate and the match cost about
    2 ms of Python a search, as much as PostgreSQL's own work for a typical one. SQLite
    has no estimate: the matching ids, unranked."""
    if not on_postgresql():
        matches, _in_title = text_filters(plan, document="")
        documents = SearchDocument.objects.filter(matches)
        if locale_id is not None:
            documents = documents.filter(page__locale_id=locale_id)
        return list(documents.values_list("page_id", flat=True)), False, None
    # The database visitors' reads go to: the read replica for them (nec_cms.db_router).
    using = router.db_for_read(SearchMatch)
    table = SearchMatch._meta.db_table
    query = "to_tsquery(%s::regconfig, %s)"
    query_params = [search_config(plan.language), tsquery_text(plan)]
    scope, scope_params = "", []
    if locale_id is not None:
        scope, scope_params = " AND d.locale_id = %s", [locale_id]
    if restricted_paths:
        # Table and column names come from the models; the paths are parameters.
        pages = Page._meta.db_table
        under = " OR ".join(["p.path LIKE %s"] * len(restricted_paths))
        scope += f" AND NOT EXISTS (SELECT 1 FROM {pages} p WHERE p.id = d.page_id AND ({under}))"  # noqa: S608
        scope_params += [f"{path}%" for path in restricted_paths]
    order = " ORDER BY d.published_at DESC NULLS LAST, d.page_id DESC" if by_date else ""
    matching = f"FROM {table} d WHERE d.vector @@ {query}{scope}"
    params = query_params + scope_params
    with connections[using].cursor() as cursor:
        cursor.execute(f"EXPLAIN (FORMAT JSON) SELECT d.page_id {matching}", params)
        explained = cursor.fetchone()[0]
        if isinstance(explained, str):
            explained = json.loads(explained)
        expected = explained[0]["Plan"]["Plan Rows"]
        if not by_date and expected > BROAD_SHARE * searched_documents(using):
            # Documents without a vector match nothing: NOT (NULL @@ …) would leave them out.
            cursor.execute(
                f"SELECT d.page_id FROM {table} d "  # noqa: S608
                f"WHERE (NOT (d.vector @@ {query}) OR d.vector IS NULL){scope}",
                params,
            )
            return [page_id for (page_id,) in cursor.fetchall()], True, None
        if expected > RANK_WITH_MATCHES:
            cursor.execute(f"SELECT d.page_id {matching}{order}", params)
            return [page_id for (page_id,) in cursor.fetchall()], False, None
        cursor.execute(
            f"SELECT d.page_id, ts_rank(d.vector, {query}) {matching}{order}",
            query_params + params,
        )
        relevance = dict(cursor.fetchall())
    return list(relevance), False, relevance


def ranks(page_ids, plan):
    """{page id: relevance} for these pages (title above lead above body)."""
    if on_postgresql():
        # One array parameter rather than an IN list of up to RANK_WINDOW values.
        sql = (
            f"SELECT page_id, ts_rank(vector, to_tsquery(%s::regconfig, %s)) "  # noqa: S608
            f"FROM {SearchMatch._meta.db_table} WHERE page_id = ANY(%s)"
        )
        with connections[router.db_for_read(SearchMatch)].cursor() as cursor:
            cursor.execute(sql, [search_config(plan.language), tsquery_text(plan), list(page_ids)])
            return dict(cursor.fetchall())
    documents = SearchDocument.objects.filter(page_id__in=page_ids)
    return {
        page_id: text_rank(plan, title, text)
        for page_id, title, text in documents.values_list("page_id", "title", "text")
    }


def text_rank(plan, title, text):
    """SQLite's relevance: each word found counts, found in the title more."""

    def found(forms, haystack):
        return any(
            all(any(light_stem(f) in haystack for f in plan.forms(word)) for word in form)
            for form in forms
        )

    return sum(
        (1.0 if found(forms, text) else 0.0) + (0.5 if found(forms, title) else 0.0)
        for forms in plan.groups
    )


def suggestion_filter(raw_query, document="search_document"):
    """(Q for titles starting with what was typed, Q for titles with a later word starting
    with it), or None. Titles are stored without accents: « medi » finds « Médiation »."""
    text = normalize(clean_query(raw_query)[0])
    if len(text) < SUGGESTION_MIN_LENGTH:
        return None
    return (
        Q(**{f"{document}__title__startswith": text}),
        Q(**{f"{document}__title__contains": f" {text}"}),
    )
