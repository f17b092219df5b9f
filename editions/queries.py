"""Queries and computations over editions, kept out of the models and tested directly."""

import math
from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _

from editions.models import EditionPage, FigureKind


def live_editions(locale_id=None):
    """Live, public editions, newest first, optionally in one locale."""
    editions = EditionPage.objects.live().public()
    if locale_id is not None:
        editions = editions.filter(locale_id=locale_id)
    return editions.order_by("-year", "title")


def editions_of(index_page):
    """The editions listed on an edition index page: one query, whatever their number."""
    return list(live_editions().child_of(index_page))


def key_figures(editions):
    """Figures for the home page, summed over the editions they come from."""
    editions = list(editions)
    totals = dict.fromkeys(FigureKind.values, 0)
    for edition in editions:
        for item in edition.figures:
            totals[item.value["kind"]] += item.value["value"]
    figures = [{"value": len(editions), "label": _("éditions nationales")}]
    for kind, label in (
        (FigureKind.ATTENDEES, _("personnes présentes")),
        (FigureKind.SPEAKERS, _("intervenants & intervenantes")),
        (FigureKind.ONLINE_VIEWERS, _("personnes ont suivi les directs en ligne")),
    ):
        if totals[kind]:
            figures.append({"value": totals[kind], "label": label})
    return figures


@dataclass
class Bar:
    x: float
    y: float
    width: float
    height: float
    value: int


@dataclass
class ChartRow:
    year: int
    title: str
    url: str
    attendees: int | None
    online_viewers: int | None
    attendees_bar: Bar | None
    online_bar: Bar | None
    label_x: float


# Drawing area of the attendance chart, in SVG user units.
CHART_WIDTH = 640
CHART_HEIGHT = 300
MARGIN_LEFT = 56
MARGIN_BOTTOM = 32
MARGIN_TOP = 12


def nice_ceiling(value):
    """Round up to 1, 2, 4, 6 or 8 times a power of ten: quarters stay round numbers."""
    if value <= 0:
        return 1
    power = 10 ** math.floor(math.log10(value))
    for step in (1, 2, 4, 6, 8, 10):
        if value <= step * power:
            return step * power
    return 10 * power


def attendance_chart(editions):
    """Bars for people present and people following online, oldest year first.

    Drawn server-side as SVG (no JavaScript) and repeated as a data table.
    """
    editions = sorted(editions, key=lambda edition: edition.year)
    values = []
    for edition in editions:
        values.append(
            (
                edition,
                edition.figure(FigureKind.ATTENDEES),
                edition.figure(FigureKind.ONLINE_VIEWERS),
            )
        )
    peak = max([v for _, a, o in values for v in (a, o) if v] or [0])
    top = nice_ceiling(peak)
    plot_height = CHART_HEIGHT - MARGIN_BOTTOM - MARGIN_TOP
    plot_width = CHART_WIDTH - MARGIN_LEFT
    slot = plot_width / max(len(values), 1)
    bar_width = slot * 0.34

    def bar(value, x):
        if not value:
            return None
        height = plot_height * value / top
        return Bar(
            x=round(x, 1),
            y=round(MARGIN_TOP + plot_height - height, 1),
            width=round(bar_width, 1),
            height=round(height, 1),
            value=value,
        )

    rows = []
    for i, (edition, attendees, online) in enumerate(values):
        left = MARGIN_LEFT + i * slot + slot * 0.14
        rows.append(
            ChartRow(
                year=edition.year,
                title=edition.title,
                url=edition.url,
                attendees=attendees,
                online_viewers=online,
                attendees_bar=bar(attendees, left),
                online_bar=bar(online, left + bar_width),
                label_x=round(MARGIN_LEFT + i * slot + slot / 2, 1),
            )
        )
    ticks = []
    for k in range(5):
        value = top * k // 4
        ticks.append(
            {"value": value, "y": round(MARGIN_TOP + plot_height - plot_height * k / 4, 1)}
        )
    return {
        "rows": rows,
        "ticks": ticks,
        "width": CHART_WIDTH,
        "height": CHART_HEIGHT,
        "axis_x": MARGIN_LEFT,
        "baseline": MARGIN_TOP + plot_height,
        "label_y": CHART_HEIGHT - 10,
    }
