"""Query the public search index: French stemming, accents, typos, relevance.

On PostgreSQL: a `french_unaccent` text search configuration (unaccent + French stemmer),
ranked with title above lead above body, and typo correction from a lexicon with trigram
similarity (pg_trgm). On SQLite the same calls degrade to substring matching on normalised
text with a light plural stemmer: no error, fewer smarts.
"""

import difflib
import json
from dataclasses import dataclass, field
from functools import reduce
from operator import and_, or_

from django.contrib.postgres.search import SearchQuery, SearchRank
from django.db import connection
from django.db.models import Case, F, FloatField, Q, Value, When

from search.index import SEARCH_CONFIG
from search.models import SearchDocument, SearchTerm
from search.text import clean_query, light_stem, normalize, query_words

MIN_CORRECTABLE_LENGTH = 4
CORRECTION_CUTOFF = 0.8
SUGGESTION_MIN_LENGTH = 2
# A plan expected to match more than this share of the pages is fetched by its complement.
BROAD_SHARE = 0.5


def on_postgresql():
    return connection.vendor == "postgresql"


@dataclass
class SearchPlan:
    """A visitor's query once cleaned, split into words, and corrected."""

    query: str = ""
    truncated: bool = False
    words: list[str] = field(default_factory=list)
    corrections: dict[str, str] = field(default_factory=dict)

    @property
    def is_empty(self):
        return not self.words

    def alternatives(self):
        """One group per word: the word and its correction, if any."""
        return [
            [word, self.corrections[word]] if word in self.corrections else [word]
            for word in self.words
        ]

    @property
    def key(self):
        """The words and their corrections, as a key for remembering matches."""
        return " & ".join("|".join(group) for group in self.alternatives())

    @property
    def corrected_query(self):
        if not self.corrections:
            return ""
        return " ".join(self.corrections.get(word, word) for word in self.words)


def plan_search(raw_query):
    query, truncated = clean_query(raw_query)
    words = query_words(query)
    return SearchPlan(query=query, truncated=truncated, words=words, corrections=correct(words))


def correct(words):
    """{typed word: closest indexed term} for words the index does not know. One query."""
    candidates = [word for word in words if len(word) >= MIN_CORRECTABLE_LENGTH]
    if not candidates:
        return {}
    if on_postgresql():
        nearby = reduce(or_, [Q(term__trigram_similar=word) for word in candidates])
        terms = SearchTerm.objects.filter(nearby | Q(term__in=candidates))
        known = list(terms.values_list("term", flat=True)[:500])
    else:
        nearby = reduce(or_, [Q(term__startswith=word[:2]) for word in candidates])
        known = list(SearchTerm.objects.filter(nearby).values_list("term", flat=True)[:5000])
    known_set = set(known)
    corrections = {}
    for word in candidates:
        if word in known_set:
            continue
        close = difflib.get_close_matches(word, known, n=1, cutoff=CORRECTION_CUTOFF)
        if close:
            corrections[word] = close[0]
    return corrections


def tsquery_text(plan):
    """A to_tsquery() expression built only from [a-z0-9] words: nothing to escape."""
    groups = ["(" + " | ".join(group) + ")" for group in plan.alternatives()]
    return " & ".join(groups)


def search_query(plan):
    return SearchQuery(tsquery_text(plan), config=SEARCH_CONFIG, search_type="raw")


def text_filters(plan, document="search_document"):
    """(Q for the documents matching every word, Q for those with every word in the title),
    on SQLite's normalised text."""
    prefix = f"{document}__" if document else ""
    groups = [[light_stem(word) for word in group] for group in plan.alternatives()]

    def every_word(field_name):
        return reduce(
            and_,
            [
                reduce(or_, [Q(**{f"{prefix}{field_name}__contains": w}) for w in group])
                for group in groups
            ],
        )

    return every_word("text"), every_word("title")


def apply_search(queryset, plan, document="search_document"):
    """Filter a page queryset to the plan's matches and annotate `search_rank`."""
    if plan.is_empty:
        return queryset.annotate(search_rank=Value(0.0, output_field=FloatField()))
    if on_postgresql():
        query = search_query(plan)
        vector = F(f"{document}__vector")
        return queryset.filter(**{f"{document}__vector": query}).annotate(
            search_rank=SearchRank(vector, query)
        )
    matches, in_title = text_filters(plan, document)
    return queryset.filter(matches).annotate(
        search_rank=Case(
            When(in_title, then=Value(1.0)), default=Value(0.2), output_field=FloatField()
        )
    )


def estimated_rows(queryset):
    """PostgreSQL's estimate of a query's row count (from its statistics, nothing is run)."""
    plan = json.loads(queryset.explain(format="json"))
    return plan[0]["Plan"]["Plan Rows"]


def matching_page_ids(plan):
    """(page ids, negated) for a non-empty plan: the ids of the pages that match it, or,
    when PostgreSQL expects most pages to match (« numérique » on NEC's catalogue), the ids
    of those that do NOT match (negated=True), which are far fewer to read and send."""
    documents = SearchDocument.objects.all()
    if on_postgresql():
        query = search_query(plan)
        matching = documents.filter(vector=query)
        if estimated_rows(matching) > BROAD_SHARE * estimated_rows(documents):
            # Documents without a vector do not match: exclude() keeps them (IS NULL).
            return list(documents.exclude(vector=query).values_list("page_id", flat=True)), True
        return list(matching.values_list("page_id", flat=True)), False
    matches, _in_title = text_filters(plan, document="")
    return list(documents.filter(matches).values_list("page_id", flat=True)), False


def ranks(page_ids, plan):
    """{page id: relevance} for these pages (title above lead above body)."""
    if on_postgresql():
        # One array parameter rather than an IN list of up to RANK_WINDOW values.
        sql = (
            f"SELECT page_id, ts_rank(vector, to_tsquery(%s::regconfig, %s)) "  # noqa: S608
            f"FROM {SearchDocument._meta.db_table} WHERE page_id = ANY(%s)"
        )
        with connection.cursor() as cursor:
            cursor.execute(sql, [SEARCH_CONFIG, tsquery_text(plan), list(page_ids)])
            return dict(cursor.fetchall())
    documents = SearchDocument.objects.filter(page_id__in=page_ids)
    _matches, in_title = text_filters(plan, document="")
    in_titles = set(documents.filter(in_title).values_list("page_id", flat=True))
    return {page_id: 1.0 if page_id in in_titles else 0.2 for page_id in page_ids}


def suggestion_filter(raw_query, document="search_document"):
    """(Q for titles containing what was typed, Q for titles starting with it), or None."""
    text = normalize(clean_query(raw_query)[0])
    if len(text) < SUGGESTION_MIN_LENGTH:
        return None
    return (
        Q(**{f"{document}__title__contains": text}),
        Q(**{f"{document}__title__startswith": text}),
    )
