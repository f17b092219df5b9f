"""The accessibility statement follows the official template, says which facts the team
must still provide, and links to every remedy the law offers."""

import re

import pytest
from wagtail.models import Page

from tests.server import BASE_DIR

pytestmark = pytest.mark.django_db

TEMPLATE_FACTS = [
    "État de conformité",
    "Résultats des tests",
    "Contenus non accessibles (non-conformités)",
    "Dérogations pour charge disproportionnée",
    "Contenus non soumis à l’obligation d’accessibilité",
    "Technologies utilisées",
    "Environnement de test (navigateurs et technologies d’assistance)",
    "Outils pour évaluer l’accessibilité",
    "Pages ayant fait l’objet de la vérification",
    "Date de l’audit",
    "Schéma pluriannuel de mise en accessibilité",
    "Référent ou référente accessibilité (contact)",
    "Date de publication de la déclaration",
]


def missing_facts(html):
    notice = re.search(r'<div class="notice" role="note">(.*?)</div>', html, re.S)
    return re.findall(r"<li>([^<]+)</li>", notice.group(1)) if notice else []


def test_the_statement_has_every_fact_of_the_official_template_in_order(client):
    html = client.get("/accessibilite/").content.decode()
    labels = re.findall(r"<dt>([^<]+)</dt>", html)
    assert labels == TEMPLATE_FACTS


def test_the_statement_lists_what_the_team_must_still_provide(client):
    html = client.get("/accessibilite/").content.decode()
    assert "Cette page est incomplète" in html
    # What only the team can say; the audit's facts are filled (next test).
    assert missing_facts(html) == [
        "Schéma pluriannuel de mise en accessibilité",
        "Référent ou référente accessibilité (contact)",
        "Date de publication de la déclaration",
    ]


def facts(html):
    return dict(re.findall(r"<dt>([^<]+)</dt>\s*<dd>(.*?)</dd>", html, re.S))


def test_the_statement_is_filled_from_the_audit(client):
    """The facts of docs/accessibility-audit.md, § 6: its rates, what was checked, with what,
    and the date; the test environment says no screen reader was used."""
    audit = (BASE_DIR / "docs" / "accessibility-audit.md").read_text()
    stated = facts(client.get("/accessibilite/").content.decode())
    assert "en conformité totale" in stated["État de conformité"]
    assert "> Le site Numérique en Commun[s] est en conformité totale" in audit
    results = stated["Résultats des tests"]
    assert "82 critères conformes sur 82 critères applicables" in results
    assert "82 critères conformes sur" in audit and "33 pages (24 en" in audit
    assert "33 pages (24 en français, 9 en anglais)" in results
    assert "taux moyen de conformité du site s’élève à 100 %" in results
    assert stated["Contenus non accessibles (non-conformités)"] == "Aucune non-conformité."
    assert "> Non-conformités : aucune." in audit
    assert (
        "n’a pas encore été testée"
        in stated["Environnement de test (navigateurs et technologies d’assistance)"]
    )
    pages = stated["Pages ayant fait l’objet de la vérification"]
    for page_type in ("le programme d’une édition", "une session", "un évènement", "la charte"):
        assert page_type in pages
    assert stated["Date de l’audit"] == "30 novembre 2026"
    assert "> 30 novembre 2026." in audit


def test_every_remedy_is_linked(client):
    html = client.get("/accessibilite/").content.decode()
    assert 'href="https://formulaire.defenseurdesdroits.fr/"' in html
    assert 'href="https://www.defenseurdesdroits.fr/saisir/delegues"' in html
    assert "Libre réponse 71120, 75342 Paris CEDEX 07" in html
    assert "Retour d’information et contact" in html


def test_once_every_fact_is_filled_the_notice_goes(client):
    page = Page.objects.get(url_path__endswith="/accessibilite/").specific
    facts = [
        ("fact", {"label": block.value["label"], "value": block.value["value"] or "Renseigné."})
        for block in page.facts
    ]
    page.facts = facts
    page.save_revision().publish()
    html = client.get("/accessibilite/").content.decode()
    assert "Cette page est incomplète" not in html
    assert missing_facts(html) == []


def test_the_english_statement_says_the_same_in_english(client):
    html = client.get("/en/accessibility/").content.decode()
    assert "This page is incomplete" in html
    assert missing_facts(html) == [
        "Multi-year accessibility plan",
        "Accessibility contact",
        "Date of this statement",
    ]
    stated = facts(html)
    assert "fully compliant" in stated["Compliance status"]
    assert "82 criteria compliant out of 82 applicable criteria" in stated["Test results"]
    assert stated["Audit date"] == "30 November 2026"


@pytest.mark.parametrize(
    ("home", "statement", "status", "declared", "footer"),
    [
        (
            "/",
            "/accessibilite/",
            "État de conformité",
            "en conformité totale",
            "Accessibilité : totalement conforme",
        ),
        (
            "/en/",
            "/en/accessibility/",
            "Compliance status",
            "is fully compliant",
            "Accessibility: fully compliant",
        ),
    ],
)
def test_the_footer_mentions_the_status_the_statement_declares(
    client, home, statement, status, declared, footer
):
    """The law wants the status on every page: the footer's link says what the statement
    declares."""
    assert declared in facts(client.get(statement).content.decode())[status]
    assert f'<a href="{statement}">{footer}</a>' in client.get(home).content.decode()
