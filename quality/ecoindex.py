"""The EcoIndex of a web page: a score out of 100 and a grade from A to G.

Pure functions, no Django: used by the browser test suite (figures measured by Chromium)
and by ``manage.py measure_pages`` (figures estimated from the rendered HTML).

Method and tables from the published EcoIndex (https://www.ecoindex.fr, « Comment ça
marche ? »), as implemented by the reference code of the Collectif Conception Numérique
Responsable: GreenIT-Analysis ``script/ecoIndex.js`` and ``ecoindex_python``
(``ecoindex/compute/ecoindex.py``, ``ecoindex/data``). Each figure is placed in a table of
21 quantiles computed from the HTTP Archive; its rank is interpolated linearly between two
quantiles; the score is ``100 - 5 × (3·q_dom + 2·q_req + q_size) / 6``, rounded. Size is in
kilobytes of 1,000 bytes as transferred (compressed), DOM is the number of elements once the
page is loaded, not counting the elements inside an ``<svg>``.
"""

from dataclasses import dataclass

QUANTILES_DOM = (
    0, 47, 75, 159, 233, 298, 358, 417, 476, 537, 603, 674, 753, 843, 949, 1076, 1237, 1459,
    1801, 2479, 594601,
)  # fmt: skip
QUANTILES_REQUESTS = (
    0, 2, 15, 25, 34, 42, 49, 56, 63, 70, 78, 86, 95, 105, 117, 130, 147, 170, 205, 281, 3920,
)  # fmt: skip
QUANTILES_SIZE_KB = (
    0, 1.37, 144.7, 319.53, 479.46, 631.97, 783.38, 937.91, 1098.62, 1265.47, 1448.32,
    1648.27, 1876.08, 2142.06, 2465.37, 2866.31, 3401.59, 4155.73, 5400.08, 8037.54, 223212.26,
)  # fmt: skip

# A score strictly above the threshold earns the grade.
GRADE_THRESHOLDS = (("A", 80), ("B", 70), ("C", 55), ("D", 40), ("E", 25), ("F", 10))


def quantile_rank(quantiles, value):
    """The interpolated rank of ``value`` in ``quantiles`` (0 to 20)."""
    for index in range(1, len(quantiles)):
        if value < quantiles[index]:
            low, high = quantiles[index - 1], quantiles[index]
            return index - 1 + (value - low) / (high - low)
    return len(quantiles) - 1


def score(dom, requests, size_kb):
    """The EcoIndex score, rounded as the reference implementation does."""
    q_dom = quantile_rank(QUANTILES_DOM, dom)
    q_requests = quantile_rank(QUANTILES_REQUESTS, requests)
    q_size = quantile_rank(QUANTILES_SIZE_KB, size_kb)
    return round(100 - 5 * (3 * q_dom + 2 * q_requests + q_size) / 6)


def grade(ecoindex):
    for letter, threshold in GRADE_THRESHOLDS:
        if ecoindex > threshold:
            return letter
    return "G"


def greenhouse_gases(ecoindex):
    """Estimated emissions per page view, in gCO2e (reference formula)."""
    return round(100 * (2 + 2 * (50 - ecoindex) / 100)) / 100


def water(ecoindex):
    """Estimated water consumption per page view, in centilitres (reference formula)."""
    return round(100 * (3 + 3 * (50 - ecoindex) / 100)) / 100


@dataclass(frozen=True)
class EcoIndex:
    dom: int
    requests: int
    size_kb: float
    score: int
    grade: str

    @classmethod
    def compute(cls, dom, requests, size_bytes):
        """From a DOM element count, a request count and transferred bytes."""
        size_kb = size_bytes / 1000
        value = score(dom, requests, size_kb)
        return cls(dom=dom, requests=requests, size_kb=size_kb, score=value, grade=grade(value))

    def __str__(self):
        return (
            f"EcoIndex {self.score} ({self.grade}): {self.dom} éléments, "
            f"{self.requests} requêtes, {self.size_kb:.1f} Ko"
        )
