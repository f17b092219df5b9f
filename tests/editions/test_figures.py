"""Edition figures: one wording per kind of figure, one markup wherever a figure is shown."""

import pytest
from wagtail.blocks import StructBlockValidationError

from blocks import KeyFiguresBlock
from editions.figures import FigureBlock, FigureKind, attendance_chart, key_figures, nice_ceiling
from editions.models import EditionPage
from tests.factories import make_edition
from tests.html import key_figures as shown_figures

pytestmark = pytest.mark.django_db

NBSP = "\xa0"


def test_the_home_figures_are_worded_like_the_edition_figures(client):
    lens = EditionPage.objects.get(slug="2022-lens", locale__language_code="fr")
    marseille = EditionPage.objects.get(slug="2019-marseille", locale__language_code="fr")
    figures = [(figure.value, str(figure.label)) for figure in key_figures([lens, marseille])]
    assert figures == [
        (2, "éditions nationales"),
        (2600, str(FigureKind.ATTENDEES.label)),
        (308, str(FigureKind.SPEAKERS.label)),
        (6000, str(FigureKind.ONLINE_VIEWERS.label)),
    ]


def test_an_editors_label_replaces_the_default_wording(client):
    edition = make_edition(2030, "Brest", figures=[("countries", 9)])
    edition.figures = [
        ("figure", {"kind": "attendees", "value": 300, "label": "personnes venues à Brest"})
    ]
    edition.save_revision().publish()
    html = client.get(edition.url).content.decode()
    assert shown_figures(html) == [("300", "personnes venues à Brest")]


def test_an_other_figure_needs_a_label_in_french():
    block = FigureBlock()
    with pytest.raises(StructBlockValidationError) as excinfo:
        block.clean(block.to_python({"kind": "other", "value": 3, "label": "  "}))
    messages = [str(message) for message in excinfo.value.block_errors["label"].messages]
    assert messages == [
        "Un chiffre de type « autre » a besoin d’un libellé qui dit ce qu’il compte."
    ]
    value = block.clean(block.to_python({"kind": "other", "value": 3, "label": "ateliers"}))
    assert value["label"] == "ateliers"


def test_edition_home_and_block_figures_share_one_markup(client):
    edition_html = client.get("/editions/2023-bordeaux/").content.decode()
    assert shown_figures(edition_html) == [
        (f"2{NBSP}000", "personnes présentes"),
        ("260", "intervenants & intervenantes"),
        ("12", "pays représentés"),
    ]
    assert shown_figures(client.get("/").content.decode())[0] == ("6", "éditions nationales")
    index_html = client.get("/editions/").content.decode()
    assert (f"2{NBSP}000", "personnes présentes") in shown_figures(index_html)
    block = KeyFiguresBlock()
    value = block.to_python({"figures": [{"value": 95, "unit": "%", "label": "satisfaites"}]})
    assert shown_figures(block.render(value)) == [(f"95{NBSP}%", "satisfaites")]


def test_the_chart_scales_to_a_round_top_and_skips_missing_figures():
    assert [nice_ceiling(n) for n in (0, 1, 7, 1800, 6000, 6001)] == [1, 1, 8, 2000, 6000, 8000]
    editions = list(EditionPage.objects.filter(locale__language_code="fr").order_by("year"))
    chart = attendance_chart(editions)
    assert [row.year for row in chart["rows"]] == [2018, 2019, 2020, 2021, 2022, 2023]
    lyon = chart["rows"][2]
    assert lyon.attendees is None and lyon.attendees_bar is None
    assert lyon.online_viewers == 4000
    assert chart["ticks"][-1]["value"] == 6000  # the peak, 6 000 online in 2022
    assert str(chart["attendees_label"]) == str(FigureKind.ATTENDEES.label)
