"""The programme's story, told by each role in turn in the real admin.

Maurice (Modérateurs) publishes two speakers and records that both declared « homme » for
the 2023 edition. Édith (Éditeurs) puts them on stage in a round table of that edition's
programme and submits it; she never sees the declarations. Maurice's approval is refused
by the charter's engagement n°2. Once one of them has said he would rather not answer,
Maurice attests the panel's diversity and the approval publishes it. Visitors find the
session in the programme, filtered by format, and the speakers' pages: the biography only
of the one who agreed. Tristan (Traducteurs) translates the session.

The steps run in order and share what they made (`story`).
"""

import re

import pytest
from playwright.sync_api import expect

from tests.journeys.test_agenda_stories import needs
from tests.journeys.test_stories import (
    add_subpage,
    more_actions,
    open_in_explorer,
    translate_every_segment,
)

EDITION = "Édition 2023 — Bordeaux"
SPEAKERS_INDEX = "Intervenantes et intervenants"
CONSENTING = ("Paul Martin", "Coopérative des communs", "Paul anime un tiers-lieu à Pessac.")
NOT_CONSENTING = ("Jean Durand", "Ville de Talence")
TITLE = "Table ronde : les communs numériques dans les territoires"
TITLE_EN = "Round table: digital commons in the regions"
ENGLISH = {
    TITLE: TITLE_EN,
    "table-ronde-les-communs-numeriques-dans-les-territoires": "round-table-digital-commons",
    "Grand amphithéâtre": "Grand amphithéâtre",
}
REFUSAL = "L’engagement n°2 de la charte"


@pytest.fixture(scope="module")
def story():
    return {"failed": []}


@pytest.fixture(autouse=True)
def screenshots_on_failure(story, request, people):
    yield
    report = getattr(request.node, "rep_call", None)
    if report is not None and report.failed:
        story["failed"].append(request.node.name)
        for role, person in people.items():
            person.shot(f"echec-{request.node.name}-{role}")


def messages(page):
    return page.locator(".messages")


def add_speaker(page, name, organisation, bio=None):
    open_in_explorer(page, "La démarche", SPEAKERS_INDEX)
    add_subpage(page, name)
    if bio:
        page.get_by_label("Accord pour publier la biographie et la photo").check()
        page.get_by_role("textbox", name="Date de l’accord").fill("2026-11-02")
        page.keyboard.press("Escape")  # the date picker
        editor = page.locator("#panel-child-contenu-bio-section [contenteditable=true]")
        editor.click()
        editor.press_sequentially(bio)
        expect(editor).to_contain_text(bio)
        # Draftail writes what was typed into the form a moment after the typing stops, as
        # it does for a person, who never publishes within that moment.
        expect(page.locator("input[name=bio]")).to_have_value(re.compile(re.escape(bio)))
    page.get_by_role("textbox", name="Organisation").fill(organisation)
    more_actions(page)
    page.locator("footer").get_by_role("button", name="Publier").click()
    expect(messages(page)).to_contain_text(f"« {name} »")


def declare(page, name, answer):
    page.locator("#wagtail-sidebar").get_by_role("link", name="Déclarations de genre").click()
    page.get_by_role("link", name=re.compile("Ajouter")).first.click()
    page.locator("#id_speaker").select_option(label=name)
    page.locator("#id_edition").select_option(label=EDITION)
    page.get_by_label("Genre déclaré par la personne").select_option(label=answer)
    page.get_by_role("button", name="Créer").click()
    expect(messages(page)).to_contain_text(name)


def test_moderator_publishes_two_speakers_and_records_their_declarations(people, story):
    maurice = people["moderator"]
    page = maurice.page
    add_speaker(page, *CONSENTING)
    add_speaker(page, *NOT_CONSENTING)
    declare(page, CONSENTING[0], "Homme")
    declare(page, NOT_CONSENTING[0], "Homme")
    maurice.shot("programme-moderateur-01-declarations")
    story["speakers"] = True


def choose_speaker(page, index, name):
    """« Ajouter personne » in « Sur scène », then the page chooser down to the speaker."""
    page.keyboard.press("Escape")  # a date or time picker left open
    page.locator("#id_speakers-ADD").click()
    page.locator(f"#inline_child_speakers-{index}").get_by_role(
        "button", name=re.compile("Choisissez une page")
    ).click()
    dialog = page.get_by_role("dialog")
    dialog.get_by_role("link", name=name).click()
    expect(dialog).to_have_count(0)


def test_editor_puts_them_on_stage_and_submits_the_session(people, story):
    needs(story, "speakers")
    edith = people["editor"]
    page = edith.page
    sidebar = page.locator("#wagtail-sidebar")
    expect(sidebar.get_by_role("link", name="Déclarations de genre")).to_have_count(0)

    open_in_explorer(page, "La démarche", "Les éditions", EDITION, "Programme")
    add_subpage(page, TITLE)
    page.get_by_role("combobox", name="Format").select_option(label="Table ronde")
    page.get_by_role("textbox", name="Jour").fill("2023-10-05")
    page.get_by_role("textbox", name="Heure de début").fill("10:30")
    page.get_by_role("textbox", name="Heure de fin").fill("11:30")
    page.get_by_role("textbox", name="Salle").fill("Grand amphithéâtre")
    choose_speaker(page, 0, CONSENTING[0])
    choose_speaker(page, 1, NOT_CONSENTING[0])
    edith.shot("programme-editeur-01-session")
    more_actions(page)
    page.get_by_role("button", name="Soumettre à Relecture avant publication").click()
    expect(messages(page)).to_contain_text(f"« {TITLE} » créée et soumise pour modération")
    # Saved, the session's form says the rule's verdict to its editor.
    page.locator("main").get_by_role("link", name=TITLE).first.click()
    expect(page.locator("[data-parity-verdict]")).to_have_attribute(
        "data-parity-verdict", "refused"
    )
    expect(page.get_by_role("link", name="Attester la diversité")).to_have_count(0)
    story["submitted"] = True


def approve_from_dashboard(page):
    page.get_by_role("link", name="Tableau de bord").click()
    row = page.locator("section", has_text="En attente de votre vérification").locator(
        "tr", has_text=TITLE
    )
    row.get_by_role("button", name="Actions").click()
    row.get_by_text("Approuver", exact=True).click()


def test_moderator_approval_is_refused_by_the_charter(people, story, site):
    needs(story, "submitted")
    maurice = people["moderator"]
    page = maurice.page
    approve_from_dashboard(page)
    expect(messages(page)).to_contain_text(REFUSAL)
    maurice.shot("programme-moderateur-02-refus")
    # Still awaiting review, and not public.
    expect(
        page.locator("section", has_text="En attente de votre vérification").locator(
            "tr", has_text=TITLE
        )
    ).to_be_visible()
    visitor = people["visitor"].page
    response = visitor.goto(site.url("/editions/2023-bordeaux/programme/"))
    assert response.status == 200
    expect(visitor.get_by_role("link", name=TITLE)).to_have_count(0)
    story["refused"] = True


def test_moderator_attests_the_diversity_and_publishes(people, story):
    needs(story, "refused")
    maurice = people["moderator"]
    page = maurice.page
    page.locator("#wagtail-sidebar").get_by_role("link", name="Déclarations de genre").click()
    page.get_by_role("link", name=re.compile(NOT_CONSENTING[0])).first.click()
    page.get_by_label("Genre déclaré par la personne").select_option(
        label="Ne souhaite pas répondre"
    )
    page.get_by_role("button", name="Enregistrer").click()
    expect(messages(page)).to_contain_text(NOT_CONSENTING[0])

    open_in_explorer(page, "La démarche", "Les éditions", EDITION, "Programme")
    page.locator("main").get_by_role("link", name=TITLE).first.click()
    page.get_by_role("link", name="Attester la diversité").click()
    expect(page.locator("main")).to_contain_text(CONSENTING[0])
    page.get_by_role("button", name="J’atteste la diversité de ce panel").click()
    expect(messages(page)).to_contain_text("Diversité attestée")
    expect(page.locator("[data-parity-verdict]")).to_contain_text("Diversité attestée par")
    maurice.shot("programme-moderateur-03-attestation")

    approve_from_dashboard(page)
    expect(messages(page)).to_contain_text(f"La page « {TITLE} » a été approuvée et publiée.")
    story["published"] = True


def test_visitors_find_the_session_and_the_speakers(people, story, site):
    needs(story, "published")
    visitor = people["visitor"]
    page = visitor.page
    page.goto(site.url("/editions/"))
    page.locator("main").get_by_role("link", name=EDITION).first.click()
    page.locator("main").get_by_role("link", name="Voir le programme de l’édition").click()
    page.reload()  # seen empty a moment ago: the browser may keep it a minute (max-age)
    expect(page.get_by_role("heading", level=1)).to_contain_text("Programme")
    page.get_by_role("combobox", name="Format").select_option(label="Table ronde")
    page.get_by_role("button", name="Filtrer", exact=True).click()
    page.get_by_role("link", name=TITLE).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(TITLE)
    main = page.locator("main")
    expect(main).to_contain_text("Grand amphithéâtre")
    expect(main.get_by_role("link", name=CONSENTING[0])).to_be_visible()
    visitor.shot("programme-visiteur-01-session")
    story["session_url"] = page.url

    main.get_by_role("link", name=CONSENTING[0]).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(CONSENTING[0])
    expect(page.locator("main")).to_contain_text(CONSENTING[2])
    page.go_back()
    page.locator("main").get_by_role("link", name=NOT_CONSENTING[0]).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(NOT_CONSENTING[0])
    expect(page.locator("main")).to_contain_text(NOT_CONSENTING[1])
    # Nothing says what anyone declared.
    for word in ("Homme", "genre", "Ne souhaite pas répondre"):
        expect(page.locator("main")).not_to_contain_text(word)
    assert visitor.context.cookies() == []


def test_translator_translates_the_session(people, story):
    needs(story, "session_url")
    tristan = people["translator"]
    page = tristan.page
    page.get_by_role("link", name="À traduire").click()
    row = page.locator("tr", has_text=TITLE)
    row.get_by_role("link", name="Traduire").click()
    page.locator("main").get_by_role("button", name="Traduire").click()
    translate_every_segment(page, ENGLISH)
    tristan.shot("programme-traducteur-01-session")
    page.locator("footer").get_by_role("button", name="Publier en anglais").click()
    expect(messages(page)).to_contain_text(f"« {TITLE_EN} »")
    expect(messages(page)).not_to_contain_text("manquantes")

    visitor = people["visitor"].page
    visitor.goto(story["session_url"])
    visitor.reload()
    visitor.get_by_role("navigation", name="Choisir la langue").get_by_role(
        "link", name=re.compile("English")
    ).click()
    expect(visitor.get_by_role("heading", level=1)).to_have_text(TITLE_EN)
    expect(visitor.locator("main")).to_contain_text(CONSENTING[0])
