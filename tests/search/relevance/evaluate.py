"""The library search's relevance, measured on a fixed set of resources and queries.

`corpus.json` holds open-licensed resources written for the purpose (French and English,
with distractors that share vocabulary); `queries.json` holds what a visitor would type,
each with the one resource a human reader expects first, grouped by class (stems,
questions, compound words, English, stopwords, typos, accents, plain queries).

The site is measured as a visitor sees it: the real library page, through Django's test
client, its result links read from the HTML in order. Beside it, a naive baseline in SQL
(every query word somewhere in title, excerpt or body, title matches first, then the most
recent) says what « just matching the words » would give, so that a class where the
engine does worse than that stands out.

This module imports nothing from the search engine or the library code: it must keep
measuring whatever they become.
"""

import datetime
import html as html_module
import json
import re
from dataclasses import dataclass, field
from pathlib import Path

HERE = Path(__file__).resolve().parent
CORPUS_PATH = HERE / "corpus.json"
QUERIES_PATH = HERE / "queries.json"
CLASSES = ("stem", "question", "compound", "english", "stopwords", "typo", "accent", "plain")
LIBRARY_PATHS = {"fr": "/ressources/", "en": "/en/resources/"}
DEPTH = 10  # a result past the first ten counts as not found (reciprocal rank 0)
SYSTEMS = ("site", "baseline")


def load_corpus(path=CORPUS_PATH):
    return json.loads(Path(path).read_text(encoding="utf-8"))["resources"]


def load_queries(path=QUERIES_PATH):
    return json.loads(Path(path).read_text(encoding="utf-8"))["queries"]


# Loading -----------------------------------------------------------------------------------


def create_resources(resources=None):
    """Add the corpus to the libraries of its languages, the Wagtail way (add_child, then a
    published revision), so that publish signals index each page exactly as in production.
    Returns {key: page}."""
    from wagtail.models import Locale

    from ressources.models import Audience, ResourceIndexPage, ResourcePage, ResourceType, Theme

    resources = load_corpus() if resources is None else resources
    libraries, locales = {}, {}
    for language in LIBRARY_PATHS:
        locales[language] = Locale.objects.get(language_code=language)
        libraries[language] = ResourceIndexPage.objects.get(locale=locales[language])
    pages = {}
    for item in resources:
        locale = locales[item["language"]]
        parent = libraries[item["language"]]
        page = ResourcePage(
            title=item["title"],
            slug=item["key"],  # the result link's last segment gives the key back
            excerpt=item["excerpt"],
            body=[("paragraph", f"<p>{paragraph}</p>") for paragraph in item["body"]],
            authors=item.get("authors", "Numérique en Commun[s]"),
            licence=item.get("licence", "cc-by-sa-4.0"),
            language=item["language"],
            publication_date=datetime.date.fromisoformat(item["publication_date"]),
        )
        page.themes = list(Theme.objects.filter(locale=locale, slug__in=item.get("themes", ())))
        page.resource_types = list(
            ResourceType.objects.filter(locale=locale, slug__in=item.get("types", ()))
        )
        page.audiences = list(
            Audience.objects.filter(locale=locale, slug__in=item.get("audiences", ()))
        )
        parent.add_child(instance=page)
        page.save_revision().publish()
        pages[item["key"]] = page
    return pages


# Rankings ----------------------------------------------------------------------------------

RESULTS_RE = re.compile(r'class="cards resource-cards"(.*?)</section>', re.S)
RESULT_LINK_RE = re.compile(r'<h3><a href="([^"]+)">')


def result_keys(html):
    """Keys of the resources a library page lists, in order (a resource's slug is its key)."""
    block = RESULTS_RE.search(html)
    if block is None:  # the empty state: no result
        return []
    return [
        html_module.unescape(href).rstrip("/").rsplit("/", 1)[-1]
        for href in RESULT_LINK_RE.findall(block.group(1))
    ]


def site_ranking(client, query, language):
    response = client.get(LIBRARY_PATHS[language], {"q": query})
    if response.status_code != 200:
        raise AssertionError(f"{LIBRARY_PATHS[language]}?q={query!r}: {response.status_code}")
    return result_keys(response.content.decode())[:DEPTH]


def query_words(query):
    """The naive baseline's words: lower-cased runs of letters and digits (« d'un » gives
    « d » and « un », « tiers-lieu » gives « tiers » and « lieu »)."""
    return re.findall(r"\w+", query.lower())


def like_pattern(word):
    return "%" + word.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"


def baseline_ranking(query, language):
    """Every word in the title, the excerpt or the body text (case-insensitive substring),
    pages of the language's library only; the more words in the title the higher, then the
    most recent. PostgreSQL: ILIKE, tags stripped from the body. SQLite has no ILIKE for
    accented capitals: a case-insensitive REGEXP (Django registers Python's `re`) does it."""
    from django.db import connection
    from wagtail.models import Locale

    words = query_words(query)
    if not words:
        return []
    locale_id = Locale.objects.get(language_code=language).pk
    if connection.vendor == "postgresql":
        body = (
            "regexp_replace(coalesce((SELECT string_agg(block->>'value', ' ') "
            "FROM jsonb_array_elements(r.body::jsonb) block), ''), '<[^>]*>', ' ', 'g')"
        )
        match = "{} ILIKE %s"
        params_of = like_pattern
    else:
        body = (
            "coalesce((SELECT group_concat(json_extract(block.value, '$.value'), ' ') "
            "FROM json_each(r.body) block), '')"
        )
        match = "{} REGEXP %s"

        def params_of(word):
            return "(?i)" + re.escape(word)

    conditions, params = [], []
    for word in words:
        conditions.append(
            "(" + " OR ".join(match.format(c) for c in ("p.title", "r.excerpt", body)) + ")"
        )
        params += [params_of(word)] * 3
    title_hits = " + ".join(f"CASE WHEN {match.format('p.title')} THEN 1 ELSE 0 END" for _ in words)
    title_params = [params_of(word) for word in words]
    # Only fixed fragments are formatted in; every word goes through a parameter.
    sql = (
        f"SELECT p.slug FROM ressources_resourcepage r "  # noqa: S608
        f"JOIN wagtailcore_page p ON p.id = r.page_ptr_id "
        f"WHERE p.live AND p.locale_id = %s AND {' AND '.join(conditions)} "
        f"ORDER BY ({title_hits}) DESC, r.publication_date DESC, p.id DESC LIMIT {DEPTH}"
    )
    with connection.cursor() as cursor:
        cursor.execute(sql, [locale_id, *params, *title_params])
        return [row[0] for row in cursor.fetchall()]


# Metrics -----------------------------------------------------------------------------------


def rank_of(ranking, expected, depth=DEPTH):
    """1-based position of `expected` within the first `depth` results, None otherwise."""
    for position, key in enumerate(ranking[:depth], start=1):
        if key == expected:
            return position
    return None


def reciprocal_rank(ranking, expected, depth=DEPTH):
    rank = rank_of(ranking, expected, depth)
    return 1 / rank if rank else 0.0


@dataclass(frozen=True)
class Scores:
    count: int
    top1: float
    top3: float
    mrr: float


def scores(pairs):
    """Top-1, top-3 recall and MRR of [(ranking, expected)]."""
    ranks = [rank_of(ranking, expected) for ranking, expected in pairs]
    count = len(ranks)
    if not count:
        return Scores(0, 0.0, 0.0, 0.0)
    return Scores(
        count=count,
        top1=sum(rank == 1 for rank in ranks) / count,
        top3=sum(rank is not None and rank <= 3 for rank in ranks) / count,
        mrr=sum(1 / rank for rank in ranks if rank) / count,
    )


@dataclass
class Outcome:
    query: dict
    rankings: dict = field(default_factory=dict)  # system -> [key, …]

    def rank(self, system):
        return rank_of(self.rankings[system], self.query["expected"])


@dataclass(repr=False)
class Report:
    outcomes: list

    def __repr__(self):  # an assertion message shows this: the figures, not every ranking
        site = self.scores("site")
        return f"<Report {site.count} queries, site top-3 {site.top3:.2f}, MRR {site.mrr:.2f}>"

    def classes(self):
        present = {outcome.query["class"] for outcome in self.outcomes}
        return [name for name in CLASSES if name in present] + sorted(present - set(CLASSES))

    def scores(self, system, query_class=None):
        return scores(
            (outcome.rankings[system], outcome.query["expected"])
            for outcome in self.outcomes
            if query_class is None or outcome.query["class"] == query_class
        )

    def table(self):
        header = (
            f"{'class':<10} {'n':>4}   {'site top1':>9} {'top3':>5} {'MRR':>5}"
            f"   {'baseline top1':>13} {'top3':>5} {'MRR':>5}"
        )
        lines = [header, "-" * len(header)]
        for name in [*self.classes(), None]:
            site, base = self.scores("site", name), self.scores("baseline", name)
            lines.append(
                f"{name or 'overall':<10} {site.count:>4}   {site.top1:>9.2f} {site.top3:>5.2f}"
                f" {site.mrr:>5.2f}   {base.top1:>13.2f} {base.top3:>5.2f} {base.mrr:>5.2f}"
            )
        return "\n".join(lines)

    def failures(self, system="site"):
        """Queries whose expected resource is not first, grouped by class, with its rank
        (« - »: not in the first ten) and what came first."""
        lines = []
        for name in self.classes():
            missed = [
                outcome
                for outcome in self.outcomes
                if outcome.query["class"] == name and outcome.rank(system) != 1
            ]
            if not missed:
                continue
            lines.append(f"{name} ({len(missed)}):")
            for outcome in missed:
                rank = outcome.rank(system)
                first = outcome.rankings[system][0] if outcome.rankings[system] else "(nothing)"
                lines.append(
                    f"  [{rank or '-':>2}] « {outcome.query['query']} » expected "
                    f"{outcome.query['expected']}, first {first}"
                )
        return "\n".join(lines)

    def text(self):
        return (
            f"{self.table()}\n\nNot first on the site (rank, « - » = not in the first "
            f"{DEPTH}):\n{self.failures('site') or '  none'}\n"
        )


def evaluate(client=None, queries=None):
    """Rank every query on the site and with the baseline; the corpus must be loaded."""
    from django.test import Client

    client = client or Client()
    queries = load_queries() if queries is None else queries
    outcomes = []
    for query in queries:
        outcome = Outcome(query)
        outcome.rankings["site"] = site_ranking(client, query["query"], query["language"])
        outcome.rankings["baseline"] = baseline_ranking(query["query"], query["language"])
        outcomes.append(outcome)
    return Report(outcomes)
