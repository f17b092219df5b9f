"""The page budgets of the product, measured rather than promised, in one place for the
browser suite, ``measure_pages`` and the editors' report."""

from django.utils.translation import gettext

MAX_REQUESTS = 20
MAX_TRANSFER_BYTES = 300_000  # 300 KB, compressed, as the EcoIndex counts them (1 KB = 1,000 B)
MAX_DOM_ELEMENTS = 600
MIN_ECOINDEX_SCORE = 81  # grade A: a score strictly above 80
MAX_CSS_BYTES = 20_000  # all stylesheets of a page, compressed
MAX_JS_BYTES = 10_000  # all scripts of a page, compressed


def over_budget(*, requests, transfer_bytes, dom_elements, score):
    """The budgets a page exceeds, as short French phrases (empty when within budget)."""
    problems = []
    if requests > MAX_REQUESTS:
        problems.append(
            gettext("%(count)s requêtes (maximum %(max)s)")
            % {"count": requests, "max": MAX_REQUESTS}
        )
    if transfer_bytes > MAX_TRANSFER_BYTES:
        problems.append(
            gettext("%(size)s Ko transférés (maximum %(max)s Ko)")
            % {"size": round(transfer_bytes / 1000), "max": MAX_TRANSFER_BYTES // 1000}
        )
    if dom_elements > MAX_DOM_ELEMENTS:
        problems.append(
            gettext("%(count)s éléments (maximum %(max)s)")
            % {"count": dom_elements, "max": MAX_DOM_ELEMENTS}
        )
    if score < MIN_ECOINDEX_SCORE:
        problems.append(
            gettext("EcoIndex %(score)s (la note A exige plus de 80)") % {"score": score}
        )
    return problems
