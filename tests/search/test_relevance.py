"""The library search against its relevance set (tests/search/relevance/): the expected
resource in the first three for at least 95 % of the queries, and no class of query worse
than naive word matching. `-s` prints the table and the misses.

The corpus (178 published pages) is loaded once for the module, inside a transaction rolled
back at the end: the other tests of the session never see it.
"""

import pytest
from django.db import transaction
from django.test import Client

from tests.search.relevance.evaluate import (
    CLASSES,
    Outcome,
    Report,
    create_resources,
    evaluate,
    load_corpus,
    load_queries,
    query_words,
    rank_of,
    reciprocal_rank,
    result_keys,
    scores,
)

# The corpus is built once for the module, on one pytest-xdist worker.
pytestmark = pytest.mark.xdist_group("relevance")

TOP3_TARGET = 0.95


@pytest.fixture(scope="module")
def relevance_report(django_db_setup, django_db_blocker):
    from caching.memory import clear_all

    with django_db_blocker.unblock(), transaction.atomic():
        create_resources()
        clear_all()  # nothing remembered from before the corpus
        report = evaluate(Client())
        transaction.set_rollback(True)
    clear_all()  # nor anything built from it, once rolled back
    return report


@pytest.mark.postgres
@pytest.mark.django_db  # so that pytest-django creates the test database
def test_library_search_relevance(relevance_report):
    print(f"\n{relevance_report.text()}")
    overall = relevance_report.scores("site")
    worse = [
        f"{name}: top-3 {site.top3:.2f} < baseline {base.top3:.2f}"
        for name in relevance_report.classes()
        for site, base in [
            (relevance_report.scores("site", name), relevance_report.scores("baseline", name))
        ]
        if site.top3 < base.top3
    ]
    assert overall.top3 >= TOP3_TARGET and not worse, (
        f"top-3 recall {overall.top3:.2f} (target {TOP3_TARGET}); "
        f"classes below the baseline: {', '.join(worse) or 'none'}"
    )


@pytest.mark.postgres
@pytest.mark.django_db
def test_the_corpus_is_rolled_back(relevance_report):
    from ressources.models import ResourcePage

    keys = [item["key"] for item in load_corpus()]
    assert not ResourcePage.objects.filter(slug__in=keys).exists()


# The evaluator itself ----------------------------------------------------------------------


def test_ranks_and_reciprocal_ranks():
    ranking = ["a", "b", "c", "d"]
    assert rank_of(ranking, "a") == 1
    assert rank_of(ranking, "c") == 3
    assert rank_of(ranking, "z") is None
    assert reciprocal_rank(ranking, "b") == 0.5
    assert reciprocal_rank(ranking, "z") == 0.0
    eleven = [f"k{n}" for n in range(1, 12)]
    assert reciprocal_rank(eleven, "k10") == 0.1
    assert reciprocal_rank(eleven, "k11") == 0.0  # past the first ten: not found


def test_scores_on_a_hand_made_ranking():
    pairs = [
        (["x", "a", "b"], "x"),  # first
        (["a", "b", "x"], "x"),  # third
        (["a", "x"], "x"),  # second
        (["a", "b", "c", "x"], "x"),  # fourth: not in the top 3
        ([], "x"),  # not found
    ]
    result = scores(pairs)
    assert result.count == 5
    assert result.top1 == pytest.approx(1 / 5)
    assert result.top3 == pytest.approx(3 / 5)
    assert result.mrr == pytest.approx((1 + 1 / 3 + 1 / 2 + 1 / 4 + 0) / 5)


def test_report_per_class_and_failures():
    report = Report(
        [
            Outcome(
                {"query": "q1", "expected": "a", "class": "typo"}, {"site": ["a"], "baseline": []}
            ),
            Outcome(
                {"query": "q2", "expected": "b", "class": "typo"},
                {"site": ["c", "b"], "baseline": ["b"]},
            ),
            Outcome(
                {"query": "q3", "expected": "d", "class": "plain"}, {"site": [], "baseline": ["d"]}
            ),
        ]
    )
    assert report.classes() == ["typo", "plain"]
    assert report.scores("site", "typo").top1 == 0.5
    assert report.scores("site", "typo").mrr == 0.75
    assert report.scores("baseline").top1 == pytest.approx(2 / 3)
    failures = report.failures("site")
    assert "« q2 » expected b, first c" in failures
    assert "« q3 » expected d, first (nothing)" in failures
    assert "q1" not in failures
    assert report.table().splitlines()[-1].startswith("overall")


def test_result_links_are_read_in_order_from_the_results_only():
    html = (
        '<h3><a href="/ressources/elsewhere/">Not a result</a></h3>'
        '<ul class="cards resource-cards"><li><h3><a href="/ressources/fr-b/">B</a></h3></li>'
        '<li><h3><a href="/en/resources/en-a/">A</a></h3></li></ul></section>'
    )
    assert result_keys(html) == ["fr-b", "en-a"]
    assert result_keys('<div class="empty-state">Aucune ressource</div>') == []


def test_baseline_words_split_on_apostrophes_and_hyphens():
    assert query_words("La gouvernance d’un Tiers-Lieu ?") == [
        "la",
        "gouvernance",
        "d",
        "un",
        "tiers",
        "lieu",
    ]


def test_the_relevance_set_is_complete_and_consistent():
    corpus = load_corpus()
    keys = {item["key"]: item for item in corpus}
    assert len(keys) == len(corpus)
    assert sum(item["language"] == "fr" for item in corpus) >= 110
    assert sum(item["language"] == "en" for item in corpus) >= 50
    queries = load_queries()
    assert len(queries) >= 100
    for name in CLASSES:
        assert sum(query["class"] == name for query in queries) >= 8, name
    for query in queries:
        assert query["class"] in CLASSES, query
        assert keys[query["expected"]]["language"] == query["language"], query
        # Queries are what a visitor types, not a copied title.
        assert query["query"].casefold() != keys[query["expected"]]["title"].casefold(), query
