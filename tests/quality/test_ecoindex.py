"""The EcoIndex module against the reference implementation's own test values
(cnumr/ecoindex_python, tests/compute/test_ecoindex.py)."""

import pytest

from quality.ecoindex import (
    QUANTILES_DOM,
    QUANTILES_REQUESTS,
    QUANTILES_SIZE_KB,
    EcoIndex,
    grade,
    greenhouse_gases,
    quantile_rank,
    score,
    water,
)


def test_quantile_ranks_match_the_reference():
    assert quantile_rank(QUANTILES_SIZE_KB, 2500) == 14.086372025739513
    assert quantile_rank(QUANTILES_DOM, 150) == 2.892857142857143
    assert quantile_rank(QUANTILES_REQUESTS, 23) == 2.8
    assert quantile_rank(QUANTILES_SIZE_KB, 310182.902) == 20
    assert quantile_rank(QUANTILES_DOM, 0) == 0


@pytest.mark.parametrize(
    ("dom", "requests", "size_kb", "expected"),
    [
        (100, 100, 100, 72),
        (100, 100, 1000, 67),
        (100, 100, 10000, 58),
        (200, 200, 10000, 46),
        (2355, 267, 2493, 10),
        (240, 20, 331, 83),
        (2240, 100, 310182.902, 16),
    ],
)
def test_scores_match_the_reference(dom, requests, size_kb, expected):
    assert score(dom, requests, size_kb) == expected


@pytest.mark.parametrize(
    ("value", "letter"),
    [(100, "A"), (81, "A"), (80, "B"), (71, "B"), (70, "C"), (50.2, "D"), (25, "F"), (10, "G")],
)
def test_grades_are_strictly_above_their_threshold(value, letter):
    assert grade(value) == letter


def test_emissions_and_water_match_the_reference():
    assert [greenhouse_gases(v) for v in (2, 10, 50, 70)] == [2.96, 2.8, 2, 1.6]
    assert [water(v) for v in (2, 10, 50, 70)] == [4.44, 4.2, 3, 2.4]


def test_ecoindex_from_bytes_counts_kilobytes_of_1000_bytes():
    ecoindex = EcoIndex.compute(dom=100, requests=100, size_bytes=100_000)
    assert ecoindex == EcoIndex(dom=100, requests=100, size_kb=100.0, score=72, grade="B")
    assert str(ecoindex) == "EcoIndex 72 (B): 100 éléments, 100 requêtes, 100.0 Ko"


def test_a_light_page_earns_grade_a_and_a_heavy_one_does_not():
    assert EcoIndex.compute(dom=150, requests=5, size_bytes=20_000).grade == "A"
    assert EcoIndex.compute(dom=1500, requests=60, size_bytes=2_500_000).grade != "A"
