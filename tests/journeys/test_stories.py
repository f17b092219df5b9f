"""One story, told by each role in turn, as they would live it in the real admin.

Édith (Éditeurs) writes a resource with a picture and a PDF and submits it; Maurice
(Modérateurs) approves it from his dashboard; visitors find it in the library, the search
and the suggestions; Tristan (Traducteurs) translates it into English and publishes it;
Édith changes the French text, Tristan sees the translation out of date and syncs it.
The steps run in order and share what they made (`story`).
"""

import re

import pytest
from playwright.sync_api import expect

from tests.journeys.files import pdf, photograph

TITLE = "Guide de la médiation en tiers-lieux"
EXCERPT = "Comment accueillir et accompagner les publics dans un tiers-lieu numérique."
ALT_TEXT = "Des personnes autour d’une table d’atelier numérique"
IMAGE_TITLE = "Atelier dans un tiers-lieu"
DOCUMENT_TITLE = "Guide de la médiation en tiers-lieux (version imprimable)"


@pytest.fixture(scope="module")
def story():
    """What earlier steps made, for the later ones; a failed step fails those after it."""
    return {"failed": None}


@pytest.fixture(autouse=True)
def in_order(story, request, people):
    if story["failed"]:
        pytest.fail(f"an earlier step failed: {story['failed']}")
    yield
    report = getattr(request.node, "rep_call", None)
    if report is not None and report.failed:
        story["failed"] = request.node.name
        for role, person in people.items():
            person.shot(f"echec-{request.node.name}-{role}")


def open_in_explorer(page, *titles):
    """Pages menu, then down the tree by clicking each title in turn."""
    page.get_by_role("button", name="Pages").click()
    *parents, last = titles
    for title in parents:
        page.get_by_role("link", name=f"Voir les sous-pages de '{title}'").click()
    page.get_by_role("link", name=last, exact=True).click()
    expect(page.get_by_role("heading", name=last)).to_be_visible()


def upload_in_chooser(page, button, file_path, title):
    button.click()
    dialog = page.get_by_role("dialog")
    dialog.get_by_role("tab", name="Transférer").click()
    dialog.get_by_label("Fichier").set_input_files(str(file_path))
    dialog.get_by_label("Titre").fill(title)
    dialog.get_by_role("button", name="Transférer").last.click()
    expect(dialog).to_have_count(0)


def more_actions(page):
    page.locator("footer").get_by_role("button", name=re.compile("Plus d.actions")).click()


def test_editor_writes_a_resource_and_submits_it_for_review(people, story, tmp_path):
    edith = people["editor"]
    page = edith.page
    edith.shot("editeur-01-tableau-de-bord", guide=True)

    open_in_explorer(page, "La démarche", "Ressources")
    page.get_by_role("link", name="Ajouter une sous-page").click()
    page.get_by_placeholder("Titre de la page*").fill(TITLE)
    page.locator("#id_excerpt").fill(EXCERPT)

    body = page.locator("#panel-child-contenu-body-section")
    body.get_by_role("button", name="Insérer un bloc").first.click()
    page.get_by_role("option", name="Image").click()
    upload_in_chooser(
        page,
        body.get_by_role("button", name="Choisir une image"),
        photograph(tmp_path / "atelier-tiers-lieu.jpg"),
        IMAGE_TITLE,
    )
    body.get_by_label("Texte alternatif").fill(ALT_TEXT)

    documents = page.locator("#panel-child-contenu-documents-section")
    documents.get_by_role("button", name="Insérer un bloc").first.click()
    upload_in_chooser(
        page,
        documents.get_by_role("button", name="Choisir un document"),
        pdf(tmp_path / "guide-tiers-lieux.pdf", DOCUMENT_TITLE),
        DOCUMENT_TITLE,
    )

    page.get_by_label("Inclusion numérique", exact=True).check()
    page.get_by_label("Guide", exact=True).check()
    # Only the page's own language is offered.
    expect(page.get_by_label("Businesses", exact=True)).to_have_count(0)
    page.get_by_label("Auteurs et autrices").fill("ANCT, programme Société Numérique")
    edith.shot("editeur-02-nouvelle-ressource", guide=True)

    more_actions(page)
    page.get_by_role("button", name="Soumettre à Relecture avant publication").click()
    expect(page.locator(".messages")).to_contain_text(TITLE)
    edith.shot("editeur-03-soumise", guide=True)
    story["submitted"] = True


def test_moderator_is_notified_and_approves_from_the_dashboard(people, story, mailbox):
    mailbox.wait_for("maurice@example.org", TITLE)
    maurice = people["moderator"]
    page = maurice.page
    page.reload()
    panel = page.locator("section", has_text="En attente de votre vérification").first
    expect(panel).to_contain_text(TITLE)
    maurice.shot("moderateur-01-a-relire", guide=True)
    row = panel.locator("tr", has_text=TITLE)
    row.get_by_role("button", name="Actions").click()
    row.get_by_text("Approuver", exact=True).click()
    expect(page.locator(".messages")).to_contain_text(
        f"La page « {TITLE} » a été approuvée et publiée."
    )
    expect(page.locator("section", has_text="En attente de votre vérification")).to_have_count(0)
    maurice.shot("moderateur-02-approuvee", guide=True)
    mailbox.wait_for("edith@example.org", TITLE)

    # The background worker measured the new page: its weight is in the report.
    page.get_by_role("button", name="Rapports").click()
    page.get_by_role("link", name="Poids des pages").click()
    for _attempt in range(20):
        if page.get_by_role("table").get_by_text(TITLE).count():
            break
        page.wait_for_timeout(500)
        page.reload()
    expect(page.get_by_role("table").get_by_text(TITLE)).to_be_visible()


def test_visitors_find_the_resource_with_its_picture_and_pdf(people, story, site):
    visitor = people["visitor"]
    page = visitor.page
    failures = []
    page.on(
        "response", lambda r: failures.append(f"{r.status} {r.url}") if r.status >= 400 else None
    )
    page.goto(site.url("/"))
    page.get_by_role("navigation", name="Menu principal").get_by_role(
        "link", name="Ressources"
    ).click()
    page.get_by_role("link", name=TITLE).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(TITLE)
    picture = page.get_by_role("img", name=ALT_TEXT)
    expect(picture).to_be_visible()
    assert picture.evaluate("image => image.complete && image.naturalWidth > 0"), "image not loaded"
    document_link = page.get_by_role("link", name=re.compile(re.escape(DOCUMENT_TITLE)))
    response = page.request.get(document_link.get_attribute("href"))
    assert response.status == 200, response.status
    assert response.headers["content-type"] == "application/pdf"
    assert failures == []
    visitor.shot("visiteur-01-ressource")
    story["resource_url"] = page.url

    # The site search, and its suggestions as the visitor types.
    search = page.get_by_role("search").get_by_role("searchbox")
    search.fill("médiation en tiers")
    option = page.get_by_role("option", name=re.compile(re.escape(TITLE)))
    expect(option).to_be_visible()
    search.press("Enter")
    expect(page.get_by_role("link", name=TITLE)).to_be_visible()
    visitor.shot("visiteur-02-recherche")
