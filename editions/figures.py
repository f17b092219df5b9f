"""What an edition's figures count and how they are worded, shown and drawn: one source for
the wording (FigureKind), read by the edition pages, the home page's key figures and the
attendance chart. Nothing here queries the database: the functions take editions already
read, so that they are tested directly and the models can use them."""

import math
from dataclasses import dataclass

from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail import blocks

from blocks import AccessibleStructBlock, KeyFigure, text_of


class FigureKind(models.TextChoices):
    """What a figure counts. The label is the default wording shown after the number."""

    ATTENDEES = "attendees", _("personnes présentes")
    SPEAKERS = "speakers", _("intervenants & intervenantes")
    COUNTRIES = "countries", _("pays représentés")
    ONLINE_VIEWERS = "online_viewers", _("personnes ont suivi les directs en ligne")
    ONLINE_REGISTRATIONS = "online_registrations", _("inscrits aux parcours en ligne")
    ONLINE_COURSES = "online_courses", _("parcours d’acculturation en ligne")
    CONTRIBUTORS = "contributors", _("contributeurs")
    OTHER = "other", _("autre (libellé obligatoire)")


class FigureBlock(AccessibleStructBlock):
    """One typed figure of an edition: a kind, a number, and an optional wording."""

    kind = blocks.ChoiceBlock(
        choices=FigureKind.choices,
        label=_("Type de chiffre"),
        help_text=_("Ce que le chiffre compte : il permet de comparer les éditions entre elles."),
    )
    value = blocks.IntegerBlock(
        min_value=0,
        label=_("Nombre"),
        help_text=_("Le nombre seul, sans espace ni unité, par exemple 2000."),
    )
    label = blocks.CharBlock(
        required=False,
        max_length=120,
        label=_("Libellé"),
        help_text=_(
            "Facultatif, sauf pour « autre » : remplace le libellé par défaut du type de "
            "chiffre (par exemple « personnes ont suivi le direct en ligne »)."
        ),
    )

    def validate_value(self, value, errors):
        if value.get("kind") == FigureKind.OTHER and not text_of(value.get("label")):
            errors.add(
                "label",
                _("Un chiffre de type « autre » a besoin d’un libellé qui dit ce qu’il compte."),
            )

    def get_context(self, value, parent_context=None):
        context = super().get_context(value, parent_context=parent_context)
        context["figure"] = shown_figure(value)
        return context

    class Meta:
        icon = "order"
        label = _("Chiffre")
        description = _("Un chiffre clé de l’édition : personnes présentes, intervenants…")
        preview_value = {"kind": "attendees", "value": 2000, "label": ""}
        template = "blocks/key_figure.html"


def figure_label(kind, label=""):
    """The wording shown after a figure: the editor's label, else the kind's default."""
    if text_of(label):
        return label
    try:
        return FigureKind(kind).label
    except ValueError:
        return ""


def shown_figure(value):
    """A figure block's value as pages show it: the number and its wording."""
    return KeyFigure(value["value"], figure_label(value["kind"], value.get("label")))


# The figures the home page sums over the editions, after their number.
HOME_FIGURE_KINDS = (FigureKind.ATTENDEES, FigureKind.SPEAKERS, FigureKind.ONLINE_VIEWERS)


def key_figures(editions):
    """Figures for the home page: the number of editions, then totals over them."""
    editions = list(editions)
    totals = dict.fromkeys(FigureKind.values, 0)
    for edition in editions:
        for item in edition.figures:
            totals[item.value["kind"]] += item.value["value"]
    figures = [KeyFigure(len(editions), _("éditions nationales"))]
    figures += [
        KeyFigure(totals[kind], figure_label(kind)) for kind in HOME_FIGURE_KINDS if totals[kind]
    ]
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
        "attendees_label": FigureKind.ATTENDEES.label,
    }
