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
TITLE_EN = "A guide to digital mediation in third places"
EXCERPT = "Comment accueillir et accompagner les publics dans un tiers-lieu numérique."
ALT_TEXT = "Des personnes autour d’une table d’atelier numérique"
IMAGE_TITLE = "Atelier dans un tiers-lieu"
DOCUMENT_TITLE = "Guide de la médiation en tiers-lieux (version imprimable)"
NEW_EXCERPT = "Accueillir, accompagner et former les publics dans un tiers-lieu numérique."
ENGLISH = {
    TITLE: TITLE_EN,
    EXCERPT: "How to welcome and support people in a digital third place.",
    NEW_EXCERPT: "Welcoming, supporting and training people in a digital third place.",
    ALT_TEXT: "People around a digital workshop table",
    "ANCT, programme Société Numérique": "ANCT, Société Numérique programme",
    "guide-de-la-mediation-en-tiers-lieux": "guide-digital-mediation-third-places",
}


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
    sidebar = page.locator("#wagtail-sidebar")
    sidebar.get_by_role("button", name="Pages").click()
    *parents, last = titles
    for title in parents:
        sidebar.get_by_role("link", name=f"Voir les sous-pages de '{title}'").click()
    sidebar.get_by_role("link", name=last, exact=True).click()
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
    add_subpage(page, TITLE)
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
    response = page.request.get(site.url(document_link.get_attribute("href")))
    assert response.status == 200, response.status
    assert response.headers["content-type"] == "application/pdf"
    assert failures == []
    visitor.shot("visiteur-01-ressource")
    story["resource_url"] = page.url

    # The site search, and its suggestions as the visitor types.
    search = page.get_by_role("combobox", name="Rechercher sur le site")
    search.fill("médiation en tiers")
    option = page.get_by_role("option", name=re.compile(re.escape(TITLE)))
    expect(option).to_be_visible()
    search.press("Enter")
    expect(page.get_by_role("link", name=TITLE)).to_be_visible()
    visitor.shot("visiteur-02-recherche")


def add_subpage(page, title):
    """« Ajouter une sous-page » under the page the explorer shows, then the new page's title,
    typed once the form's scripts run: Wagtail makes the slug from the title when the title
    field is left, and a title typed before leaves the slug empty, so that the form is
    refused."""
    with page.expect_navigation():  # until the new page's load event
        page.get_by_role("link", name="Ajouter une sous-page").click()
    title_field = page.get_by_placeholder("Titre de la page*")
    title_field.fill(title)
    title_field.blur()
    expect(page.locator("#id_slug")).not_to_have_value("")


def translate_every_segment(page, english=None):
    """In wagtail-localize's editor: each segment still to translate, in English (from
    `english`, French → English), tab by tab (« Contenu », « Promotion »)."""
    expect(page.get_by_text("Traduction français → anglais").first).to_be_visible()
    expect(page.locator("main li h3").first).to_be_visible()  # the segments are drawn
    for tab in page.get_by_role("tab").all():
        tab.click()
        expect(tab).to_have_attribute("aria-selected", "true")
        translate_segments_shown(page, english)
    left = [item.locator("p").first.inner_text() for item in page.locator("li.incomplete").all()]
    assert not left, f"segments left untranslated: {left}"


def translate_segments_shown(page, english=None):
    """Translate every segment the current tab shows, from `english` (French → English)."""
    english = english or ENGLISH
    for _segment in range(40):
        segments = page.locator("li.incomplete:visible")
        if not segments.count():
            return
        segment = segments.first
        source = segment.locator("p").first.inner_text().strip()
        assert source in english, f"no English for the segment {source!r}"
        segment.get_by_role("button", name="Traduire", exact=True).click()
        editing = page.locator("textarea")
        editing.fill(english[source])
        with page.expect_response(lambda response: response.request.method in ("POST", "PUT")):
            page.get_by_role("button", name="Enregistrer", exact=True).click()
        expect(editing).to_have_count(0)
    raise AssertionError("segments kept asking for a translation")


def language_links(page):
    """The hreflang alternates of the page shown."""
    return {
        link.get_attribute("hreflang"): link.get_attribute("href")
        for link in page.locator("head link[rel=alternate]").all()
    }


def test_translator_finds_the_new_resource_and_its_translation_stays_private(people, story, site):
    tristan = people["translator"]
    page = tristan.page
    page.reload()
    page.get_by_role("link", name="À traduire").click()
    row = page.locator("tr", has_text=TITLE)
    expect(row).to_contain_text("Non traduit")
    tristan.shot("traducteur-01-a-traduire", guide=True)
    row.get_by_role("link", name="Traduire").click()
    page.locator("main").get_by_role("button", name="Traduire").click()
    expect(page.locator(".messages")).to_contain_text("non publiée")
    translate_every_segment(page)
    page.get_by_role("tab").first.click()  # the guide shows the body, not the slug
    tristan.shot("traducteur-02-editeur-de-traduction", guide=True)

    # Translated but not published: visitors see nothing of it.
    visitor = people["visitor"].page
    visitor.goto(story["resource_url"])
    assert "en" not in language_links(visitor)
    switcher = visitor.get_by_role("navigation", name="Choisir la langue")
    expect(switcher.get_by_role("link", name=re.compile("English"))).to_have_attribute(
        "href", "/en/"
    )
    assert visitor.request.get(site.url("/en/resources/")).text().count(TITLE_EN) == 0


def test_translator_publishes_and_the_english_page_appears(people, story, site):
    page = people["translator"].page
    page.locator("footer").get_by_role("button", name="Publier en anglais").click()
    expect(page.locator(".messages")).to_contain_text(f"« {TITLE_EN} »")
    expect(page.locator(".messages")).not_to_contain_text("manquantes")

    visitor = people["visitor"]
    visitor.page.goto(story["resource_url"])
    visitor.page.reload()  # the browser may keep a page a minute (max-age): it asks again
    english_url = language_links(visitor.page).get("en")
    assert english_url and "/en/resources/" in english_url, language_links(visitor.page)
    visitor.page.get_by_role("navigation", name="Choisir la langue").get_by_role(
        "link", name=re.compile("English")
    ).click()
    expect(visitor.page.locator("html")).to_have_attribute("lang", "en")
    expect(visitor.page.get_by_role("heading", level=1)).to_have_text(TITLE_EN)
    expect(visitor.page.get_by_role("img", name=ENGLISH[ALT_TEXT])).to_be_visible()
    visitor.shot("visiteur-03-ressource-en-anglais")
    story["english_url"] = visitor.page.url


def test_editor_changes_the_source_and_the_moderator_publishes_it(people, story, mailbox):
    edith = people["editor"]
    page = edith.page
    open_in_explorer(page, "La démarche", "Ressources")
    page.get_by_role("link", name=TITLE).click()
    page.locator("#id_excerpt").fill(NEW_EXCERPT)
    more_actions(page)
    page.get_by_role("button", name="Soumettre à Relecture avant publication").click()
    expect(page.locator(".messages")).to_contain_text(TITLE)

    maurice = people["moderator"].page
    maurice.get_by_role("link", name="Tableau de bord").click()
    row = maurice.locator("section", has_text="En attente de votre vérification").locator(
        "tr", has_text=TITLE
    )
    row.get_by_role("button", name="Actions").click()
    row.get_by_text("Approuver", exact=True).click()
    expect(maurice.locator(".messages")).to_contain_text("approuvée et publiée")


def test_translator_sees_the_translation_out_of_date_and_syncs_it(people, story, site):
    tristan = people["translator"]
    page = tristan.page
    page.get_by_role("link", name="À traduire").click()
    row = page.locator("tr", has_text=TITLE)
    expect(row).to_contain_text("Source modifiée")
    tristan.shot("traducteur-03-a-synchroniser", guide=True)
    row.get_by_role("link", name="Synchroniser").click()
    page.locator("main").get_by_role("button", name="Synchroniser").click()
    translate_every_segment(page)
    page.locator("footer").get_by_role("button", name="Publier en anglais").click()
    expect(page.locator(".messages")).to_contain_text(f"« {TITLE_EN} »")
    expect(page.locator(".messages")).not_to_contain_text("manquantes")

    visitor = people["visitor"].page
    visitor.goto(story["english_url"])
    visitor.reload()
    expect(visitor.get_by_text(ENGLISH[NEW_EXCERPT])).to_be_visible()


def test_translator_is_refused_on_french_pages_and_snippets(people, story):
    page = people["translator"].page
    # The page explorer only offers the English tree: the French one is not theirs.
    sidebar = page.locator("#wagtail-sidebar")
    sidebar.get_by_role("button", name="Pages").click()
    expect(sidebar.get_by_role("link", name="Our approach")).to_be_visible()
    expect(sidebar.get_by_role("link", name=re.compile("La démarche"))).to_have_count(0)
    sidebar.get_by_role("button", name="Pages").click()

    # French themes are listed without any action; English ones open in the editor.
    page.get_by_role("link", name="Fragments").click()
    page.get_by_role("link", name="Thématiques").click()
    expect(page.locator("tr", has_text="Inclusion numérique").get_by_role("link")).to_have_count(0)
    page.locator("tr", has_text="Digital inclusion").get_by_role("link").first.click()
    # A translated theme opens in the translation editor, beside its French source.
    expect(page.get_by_role("heading", name="Digital inclusion", exact=True)).to_be_visible()
    expect(page.get_by_text("Traduction français → anglais").first).to_be_visible()
    people["translator"].shot("traducteur-04-fragments")
