"""``manage.py measure_pages`` and the « Poids des pages » report editors read in the admin."""

import csv
import io

import pytest
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone, translation

from quality.models import PageMeasurement
from tests.factories import edition_index, home_page, make_edition, make_user

pytestmark = pytest.mark.django_db


def measure():
    out = io.StringIO()
    call_command("measure_pages", stdout=out, stderr=io.StringIO())
    return out.getvalue()


def test_every_live_public_page_is_measured_once_and_kept_up_to_date():
    output = measure()
    measured = {m.url: m for m in PageMeasurement.objects.all()}
    for path in ("/", "/editions/", "/editions/2022-lens/", "/charte/", "/plan-du-site/"):
        assert path in measured, path
    home = measured["/"]
    assert home.page_id == home_page().pk
    # The HTML plus its two stylesheets and the icon at least, every byte counted.
    assert home.requests >= 4
    assert home.html_bytes > 1000 and home.transfer_bytes > home.html_bytes
    assert 50 < home.dom_elements < 600
    assert home.ecoindex_grade == "A" and home.ecoindex_score > 80
    assert home.within_budget
    assert "pages mesurées, 0 hors budget" in output
    assert "/editions/2022-lens/" in output

    count = PageMeasurement.objects.count()
    measure()
    assert PageMeasurement.objects.count() == count  # one row per page, updated


def test_a_growing_page_weighs_more_and_an_unpublished_one_leaves_the_report():
    measure()
    before = PageMeasurement.objects.get(url="/editions/")
    for year in range(2030, 2040):
        make_edition(year, f"Ville {year}", figures=[("attendees", 100)])
    measure()
    after = PageMeasurement.objects.get(url="/editions/")
    assert after.dom_elements > before.dom_elements
    assert after.html_bytes > before.html_bytes

    edition_index().get_children().get(slug="2035-ville-2035").specific.unpublish()
    measure()
    assert not PageMeasurement.objects.filter(url="/editions/2035-ville-2035/").exists()


def test_budget_problems_are_spelled_out_in_french():
    measurement = PageMeasurement(
        url="/lourde/",
        measured_at=timezone.now(),
        html_bytes=90_000,
        transfer_bytes=450_000,
        requests=35,
        dom_elements=900,
        ecoindex_score=62,
        ecoindex_grade="C",
    )
    assert not measurement.within_budget
    with translation.override("fr"):
        problems = measurement.budget_problems
    assert problems == [
        "35 requêtes (maximum 20)",
        "450 Ko transférés (maximum 300 Ko)",
        "900 éléments (maximum 600)",
        "EcoIndex 62 (la note A exige plus de 80)",
    ]


def test_report_lists_pages_worst_first_in_french(client):
    measure()
    PageMeasurement.objects.filter(url="/charte/").update(
        ecoindex_score=55, ecoindex_grade="D", transfer_bytes=450_000
    )
    client.force_login(make_user("redaction", superuser=True))
    response = client.get(reverse("quality_page_weight"))
    assert response.status_code == 200
    html = response.content.decode()
    for heading in ("Poids des pages", "Poids (Ko)", "Requêtes", "Éléments HTML",
                    "Score EcoIndex", "Note", "Budget", "Mesurée le"):  # fmt: skip
        assert heading in html, heading
    assert "450 Ko transférés (maximum 300 Ko)" in html
    charter = html.index("/charte/")
    assert charter < html.index("/editions/2022-lens/")  # the worst score comes first
    assert reverse("wagtailadmin_pages:edit", args=[home_page().pk]) in html

    results = client.get(reverse("quality_page_weight_results"))
    assert results.status_code == 200 and "/charte/" in results.content.decode()


def test_report_exports_csv(client):
    measure()
    client.force_login(make_user("redaction", superuser=True))
    response = client.get(reverse("quality_page_weight") + "?export=csv")
    assert response.status_code == 200
    content = b"".join(response.streaming_content).decode()
    rows = list(csv.reader(io.StringIO(content)))
    assert rows[0][:4] == ["Page", "Adresse", "Poids (Ko)", "Requêtes"]
    assert any(row[1] == "/charte/" for row in rows[1:])


def test_report_explains_how_to_measure_when_empty(client):
    PageMeasurement.objects.all().delete()
    client.force_login(make_user("redaction", superuser=True))
    html = client.get(reverse("quality_page_weight")).content.decode()
    assert "Aucune page n’a encore été mesurée" in html
    assert "peu après sa publication" in html


def test_report_is_in_the_reports_menu_for_editors_only(client):
    client.force_login(make_user("editrice", ["Éditeurs"]))
    assert "Poids des pages" in client.get(reverse("wagtailadmin_home")).content.decode()
    assert client.get(reverse("quality_page_weight")).status_code == 200

    client.force_login(make_user("visiteur"))  # can log in nowhere: no admin access
    response = client.get(reverse("quality_page_weight"))
    assert response.status_code in (302, 403)
