"""The accessibility statement follows the official template, says which facts the team
must still provide, and links to every remedy the law offers."""

import re

import pytest
from wagtail.models import Page

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
    missing = missing_facts(html)
    assert "Référent ou référente accessibilité (contact)" in missing
    assert "Date de l’audit" in missing
    # Facts the seed knows are not listed as missing.
    assert "Technologies utilisées" not in missing
    assert "État de conformité" not in missing


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
    assert "Accessibility contact" in missing_facts(html)
