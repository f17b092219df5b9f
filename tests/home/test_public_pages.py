"""What a visitor reads at each URL of the contract, in French."""

import re

import pytest

from tests.factories import make_edition
from tests.html import key_figures

pytestmark = pytest.mark.django_db

NBSP = "\xa0"


def get_html(client, url):
    response = client.get(url)
    assert response.status_code == 200, url
    return response.content.decode()


def test_home_tells_the_demarche(client):
    html = get_html(client, "/")
    assert '<html lang="fr"' in html
    assert html.count("<h1") == 1
    assert "numérique d’intérêt général" in html
    for activity in (
        "grand évènement annuel",
        "NEC locaux",
        "ressources partagées",
        "rencontres et ateliers",
    ):
        assert activity in html
    for value in ("Ouvert", "Inclusif", "Accessible", "Durable", "Souverain", "Éthique"):
        assert f"<li>{value}</li>" in html
    assert "programme Société Numérique" in html
    assert "France Numérique Ensemble" in html


def test_home_key_figures_are_computed_from_the_editions(client):
    html = get_html(client, "/")
    # 2000 + 1800 + 400 + 800 + 850 present; 260 + 228 + 60 + 80 + 120 speakers;
    # 6000 + 5000 + 4000 online.
    assert key_figures(html) == [
        ("6", "éditions nationales"),
        (f"5{NBSP}850", "personnes présentes"),
        ("748", "intervenants & intervenantes"),
        (f"15{NBSP}000", "personnes ont suivi les directs en ligne"),
    ]

    make_edition(2024, "Ailleurs", figures=[("attendees", 1000)])
    figures = key_figures(get_html(client, "/"))
    assert figures[:2] == [("7", "éditions nationales"), (f"6{NBSP}850", "personnes présentes")]


def test_unpublished_edition_is_not_counted(client):
    make_edition(2024, "Brouillon", figures=[("attendees", 1000)], publish=False)
    figures = key_figures(get_html(client, "/"))
    assert figures[:2] == [("6", "éditions nationales"), (f"5{NBSP}850", "personnes présentes")]


def test_editions_index_lists_newest_first_with_chart_and_table(client):
    html = get_html(client, "/editions/")
    titles = re.findall(r"<h3><a href=\"[^\"]+\">([^<]+)</a></h3>", html)
    assert titles == [
        "Édition 2023 — Bordeaux",
        "Édition 2022 — Lens",
        "Édition 2021 — Sud Charente",
        "Édition 2020 — Lyon",
        "Édition 2019 — Marseille",
        "Édition 2018 — Nantes",
    ]
    svg = re.search(r"<svg[^>]*>.*?</svg>", html, re.S).group(0)
    assert 'role="img"' in svg
    # Named by its title alone, described by the data (RGAA 1.9): the figure's name is its
    # caption, word for word.
    assert 'aria-labelledby="chart-title" aria-describedby="chart-desc"' in svg
    title = re.search(r'<title id="chart-title">([^<]+)</title>', svg).group(1)
    figure = re.search(r"<figure ([^>]*)>.*?<figcaption>([^<]+)</figcaption>", html, re.S)
    assert 'role="figure"' in figure.group(1)
    assert f'aria-label="{title}"' in figure.group(1)
    assert figure.group(2) == title
    desc = re.search(r"<desc id=\"chart-desc\">(.*?)</desc>", svg, re.S).group(1)
    assert f"2023 : 2{NBSP}000 personnes présentes" in desc
    assert "2020 : pas d’accueil sur place, 4" in desc
    # One bar per non-empty value: 5 editions present on site, 3 with online viewers.
    assert svg.count('class="bar-present"') == 5
    assert svg.count('class="bar-online"') == 3
    table = re.search(r"<table>.*?</table>", html, re.S).group(0)
    assert "<caption>" in table
    assert table.count('<th scope="row">') == 6
    assert f'<td class="num">1{NBSP}800</td>' in table
    # An empty cell says so to screen readers only, with a class the stylesheet defines.
    assert '<span class="visually-hidden">non renseigné</span>' in table


def test_charter_numbers_engagements_from_their_order_and_once_each(client):
    html = get_html(client, "/charte/")
    numbers = re.findall(r"Engagement n°(\d)", html)
    assert numbers == ["1", "2", "3", "4", "5"]
    assert html.count("Miser sur des écosystèmes numériques frugaux et responsables") == 1
    assert "Aucun panel exclusivement composé d’hommes" in html


@pytest.mark.parametrize(
    ("url", "title", "facts"),
    [
        (
            "/mentions-legales/",
            "Mentions légales",
            ["Agence Nationale de la Cohésion", "CC BY-SA 4.0 FR"],
        ),
        ("/donnees-personnelles/", "Données personnelles", ["aucun cookie"]),
        (
            "/accessibilite/",
            "Déclaration d’accessibilité",
            ["en conformité totale", "Défenseur des droits"],
        ),
    ],
)
def test_legal_pages_say_what_the_seed_says_and_mark_missing_facts(client, url, title, facts):
    html = get_html(client, url)
    assert f"<h1>{title}</h1>" in html
    for fact in facts:
        assert fact in html
    # Facts the seed lacks are shown as « à compléter », never invented.
    assert 'class="to-complete"' in html


def test_publication_director_and_host_are_left_for_editors(client):
    html = get_html(client, "/mentions-legales/")
    for label in ("Directeur ou directrice de la publication", "Hébergeur"):
        dd = re.search(f"<dt>[^<]*{label}[^<]*</dt>" + r"\s*<dd>(.*?)</dd>", html, re.S).group(1)
        assert "À compléter" in dd
    # And the page says at its top that they are missing.
    notice = re.search(r'<div class="notice" role="note">(.*?)</div>', html, re.S).group(1)
    assert "Directeur ou directrice de la publication" in notice


def test_html_site_map_is_generated_from_the_tree(client):
    html = get_html(client, "/plan-du-site/")
    for link in (
        "/editions/",
        "/editions/2018-nantes/",
        "/charte/",
        "/mentions-legales/",
        "/accessibilite/",
    ):
        assert f'href="{link}"' in html
    make_edition(2024, "Nouvelle ville")
    assert 'href="/editions/2024-nouvelle-ville/"' in get_html(client, "/plan-du-site/")


def test_every_page_has_landmarks_skip_link_and_legal_footer(client):
    html = get_html(client, "/charte/")
    assert '<a href="#contenu">Aller au contenu</a>' in html
    assert '<main id="contenu"' in html
    assert 'aria-label="Menu principal"' in html
    assert 'aria-label="Fil d’Ariane"' in html
    for link in (
        "/mentions-legales/",
        "/donnees-personnelles/",
        "/accessibilite/",
        "/plan-du-site/",
    ):
        assert f'href="{link}"' in html
    assert "Accessibilité : totalement conforme" in html


def test_unknown_url_is_a_helpful_404(client):
    response = client.get("/cette-page-n-existe-pas/")
    assert response.status_code == 404
    html = response.content.decode()
    assert "Page introuvable" in html
    assert 'href="/plan-du-site/"' in html
    assert 'href="/"' in html


def test_sitemap_xml_lists_the_pages(client):
    response = client.get("/sitemap.xml")
    assert response.status_code == 200
    locations = re.findall(r"<loc>https?://[^/<]+(/[^<]*)</loc>", response.content.decode())
    for path in ("/", "/editions/", "/editions/2023-bordeaux/", "/charte/", "/plan-du-site/"):
        assert path in locations
    for path in ("/en/", "/en/charter/", "/en/editions/2023-bordeaux/", "/en/resources/"):
        assert path in locations
    # 25 pages (the 6 editions' programmes and the speakers' index among them), in
    # French and English.
    assert len(locations) == len(set(locations)) == 50


def test_robots_txt_points_to_the_sitemap(client):
    response = client.get("/robots.txt")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/plain")
    body = response.content.decode()
    assert "Disallow: /admin/" in body
    assert "Sitemap: http://testserver/sitemap.xml" in body


@pytest.mark.parametrize(
    "url",
    ["/", "/editions/", "/editions/2022-lens/", "/charte/", "/mentions-legales/", "/plan-du-site/"],
)
def test_anonymous_visitor_gets_no_cookie(client, url):
    response = client.get(url)
    assert response.status_code == 200
    assert not response.cookies
