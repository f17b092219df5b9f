"""The six editions of the seed, figure by figure, as a visitor reads them."""

import pytest

from editions.models import EditionPage

pytestmark = pytest.mark.django_db

NBSP = "\xa0"

# The seed text, figure by figure (written out here independently of the loader's data).
SEED = {
    "2023-bordeaux": (
        "Bordeaux",
        "Palais de la Bourse",
        "in_person",
        {"attendees": 2000, "speakers": 260, "countries": 12},
    ),
    "2022-lens": (
        "Lens",
        "Stade Bollaert",
        "in_person",
        {"attendees": 1800, "speakers": 228, "online_viewers": 6000},
    ),
    "2021-sud-charente": (
        "Sud Charente",
        "Château de la Mercerie",
        "in_person",
        {"attendees": 400, "speakers": 60, "online_viewers": 5000},
    ),
    "2020-lyon": (
        "Lyon",
        "",
        "online",
        {
            "online_registrations": 2600,
            "online_courses": 6,
            "contributors": 62,
            "online_viewers": 4000,
        },
    ),
    "2019-marseille": (
        "Marseille",
        "4 lieux dans Marseille",
        "in_person",
        {"attendees": 800, "speakers": 80},
    ),
    "2018-nantes": (
        "Nantes",
        "3 lieux dans Nantes",
        "in_person",
        {"attendees": 850, "speakers": 120},
    ),
}


@pytest.mark.parametrize("slug", SEED)
def test_every_seed_figure_is_stored_typed_and_exact(slug):
    city, venue, edition_format, figures = SEED[slug]
    edition = EditionPage.objects.get(slug=slug, locale__language_code="fr")
    assert (edition.city, edition.venue, edition.format) == (city, venue, edition_format)
    assert {item.value["kind"]: item.value["value"] for item in edition.figures} == figures
    assert edition.year == int(slug[:4])


def test_exactly_the_six_seed_editions_exist():
    slugs = set(EditionPage.objects.live().values_list("slug", flat=True))
    assert slugs == set(SEED)


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        (
            "/editions/2022-lens/",
            [f"1{NBSP}800", "personnes présentes", "228", f"6{NBSP}000", "Stade Bollaert"],
        ),
        (
            "/editions/2020-lyon/",
            [
                f"2{NBSP}600",
                "inscrits aux parcours en ligne",
                "6</strong> parcours d’acculturation en ligne",
                "62</strong> contributeurs",
                f"4{NBSP}000</strong> personnes ont suivi le direct en ligne",
                "En ligne",
            ],
        ),
        (
            "/editions/2023-bordeaux/",
            [f"2{NBSP}000", "260", "12</strong> pays représentés", "Palais de la Bourse"],
        ),
        (
            "/editions/2018-nantes/",
            [
                "850",
                "120</strong> intervenants &amp; intervenantes &amp; contributeurs",
                "3 lieux dans Nantes",
            ],
        ),
        ("/editions/2021-sud-charente/", ["400", "Château de la Mercerie", f"5{NBSP}000"]),
        ("/editions/2019-marseille/", ["800", "4 lieux dans Marseille"]),
    ],
)
def test_edition_page_shows_its_figures_the_french_way(client, url, expected):
    response = client.get(url)
    assert response.status_code == 200
    html = response.content.decode()
    for text in expected:
        assert text in html, text


def test_the_seed_typo_is_fixed(client):
    html = client.get("/editions/2020-lyon/").content.decode()
    assert "accululturation" not in html
    assert "acculturation" in html
