"""The agenda's story, told by each role in turn, as they would live it in the real admin.

Édith (Éditeurs) announces a workshop in La Réunion and submits it; Maurice (Modérateurs)
publishes it; visitors find it in the agenda, in La Réunion's time, and add it to their
calendar. Édith is told when a department is not in the region she chose. A would-be
organiser proposes a local NEC without getting a cookie; Maurice is told, reads the proposal
and deletes it, which Édith cannot even see. Tristan (Traducteurs) translates the workshop
and English visitors find it, with the same calendar UID.

The steps run in order and share what they made (`story`): a step that needs what a failed
one should have made fails too.
"""

import datetime
import re
from pathlib import Path

import pytest
from icalendar import Calendar
from playwright.sync_api import expect

from tests.journeys.conftest import Person
from tests.journeys.test_stories import (
    add_subpage,
    more_actions,
    open_in_explorer,
    translate_every_segment,
)

DAY = datetime.date.today() + datetime.timedelta(days=60)
TITLE = "Atelier de médiation numérique à Saint-Denis"
TITLE_EN = "Digital mediation workshop in Saint-Denis"
SLUG = "atelier-de-mediation-numerique-a-saint-denis"
VENUE = "Médiathèque François-Mitterrand"
ACCESS_DETAILS = "Entrée par le parvis, rampe à gauche."
THEME, THEME_EN = "Inclusion numérique", "Digital inclusion"
AUDIENCE, AUDIENCE_EN = "Médiateurs et médiatrices numériques", "Digital mediators"
ENGLISH = {
    TITLE: TITLE_EN,
    SLUG: "digital-mediation-workshop-saint-denis",
    VENUE: VENUE,
    ACCESS_DETAILS: "Entrance on the square, ramp on the left.",
}
MISPLACED = "Rencontre des aidants numériques"
PROPOSAL = {
    "Organisation": "Tiers-lieu La Fabrique du Sud",
    "Territoire": "Saint-Pierre, La Réunion",
    "Dates envisagées": "12 et 13 octobre",
    "Nom de la personne à contacter": "Awa Payet",
    "Adresse électronique": "awa.payet@example.org",
    "Votre projet en quelques lignes": "Deux jours de rencontres entre médiateurs du Sud.",
}


@pytest.fixture(scope="module")
def organiser(site, browser):
    """Someone who has never been to the site: a browser context of their own."""
    context = browser.new_context(viewport={"width": 1280, "height": 860}, locale="fr-FR")
    context.set_default_timeout(20_000)
    yield Person(site, context, "organisatrice")
    context.close()


@pytest.fixture(scope="module")
def story():
    """What earlier steps made, for the later ones, and the steps that failed."""
    return {"failed": []}


@pytest.fixture(autouse=True)
def screenshots_on_failure(story, request, people, organiser):
    yield
    report = getattr(request.node, "rep_call", None)
    if report is not None and report.failed:
        story["failed"].append(request.node.name)
        for role, person in {**people, "organiser": organiser}.items():
            person.shot(f"echec-{request.node.name}-{role}")


def needs(story, *keys):
    """Fail at once when an earlier step did not make what this one starts from."""
    absent = [key for key in keys if key not in story]
    if absent:
        pytest.fail(f"an earlier step failed ({', '.join(story['failed'])}): no {absent}")


def from_site_map(page, site, link):
    """From the home page, the footer's site map, then `link` (the main menu has no agenda)."""
    page.goto(site.url("/"))
    page.get_by_role("contentinfo").get_by_role("link", name="Plan du site").click()
    page.locator("main").get_by_role("link", name=link, exact=True).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(link)


def read_calendar(page):
    """Click the event's calendar link as a visitor would: the .ics comes as a download."""
    with page.expect_download() as download:
        page.locator('main a[type="text/calendar"]').click()
    calendar = Calendar.from_ical(Path(download.value.path()).read_bytes())
    (event,) = calendar.walk("VEVENT")
    return download.value, calendar, event


def add_event_form(page, title):
    """Pages › La démarche › Agenda, then « Ajouter une sous-page »: an event's form, titled."""
    open_in_explorer(page, "La démarche", "Agenda")
    add_subpage(page, title)
    expect(page.get_by_role("heading", name="Nouveau: Évènement")).to_be_visible()


def test_editor_announces_an_event_in_la_reunion_and_submits_it(people, story):
    edith = people["editor"]
    page = edith.page
    add_event_form(page, TITLE)
    page.get_by_role("combobox", name="Type d’évènement").select_option(label="Atelier")
    page.get_by_role("textbox", name="Date de début").fill(DAY.isoformat())
    page.get_by_role("textbox", name="Heure de début").fill("14:00")
    page.get_by_role("textbox", name="Heure de fin").fill("17:00")
    # The time zone stays empty: La Réunion's comes with the region.
    expect(page.get_by_role("combobox", name="Fuseau horaire")).to_have_value("")
    page.get_by_role("textbox", name="Lieu", exact=True).fill(VENUE)
    page.get_by_role("textbox", name="Commune").fill("Saint-Denis")
    page.get_by_role("combobox", name="Région").select_option(label="La Réunion")
    page.get_by_role("listbox", name="Départements").select_option(label="La Réunion (974)")
    page.get_by_label(THEME, exact=True).check()
    page.get_by_label(AUDIENCE, exact=True).check()
    # Only the page's own language is offered, as for resources.
    expect(page.get_by_label(THEME_EN, exact=True)).to_have_count(0)
    expect(page.get_by_label(AUDIENCE_EN, exact=True)).to_have_count(0)
    page.get_by_label("Lieu accessible en fauteuil roulant").check()
    page.get_by_label("Sous-titrage en direct").check()
    page.get_by_role("textbox", name="Précisions sur l’accessibilité").fill(ACCESS_DETAILS)
    edith.shot("agenda-editeur-01-nouvel-evenement")

    more_actions(page)
    page.get_by_role("button", name="Soumettre à Relecture avant publication").click()
    expect(page.locator(".messages")).to_contain_text(
        f"Page « {TITLE} » créée et soumise pour modération."
    )
    story["submitted"] = True


def test_moderator_publishes_the_event(people, story, mailbox):
    needs(story, "submitted")
    mailbox.wait_for("maurice@example.org", TITLE)
    maurice = people["moderator"]
    page = maurice.page
    page.get_by_role("link", name="Tableau de bord").click()
    row = page.locator("section", has_text="En attente de votre vérification").locator(
        "tr", has_text=TITLE
    )
    row.get_by_role("button", name="Actions").click()
    row.get_by_text("Approuver", exact=True).click()
    expect(page.locator(".messages")).to_contain_text(
        f"La page « {TITLE} » a été approuvée et publiée."
    )
    mailbox.wait_for("edith@example.org", TITLE)
    story["published"] = True


def test_visitors_find_the_event_in_reunion_time_and_add_it_to_their_calendar(people, story, site):
    needs(story, "published")
    visitor = people["visitor"]
    page = visitor.page
    from_site_map(page, site, "Agenda")
    upcoming = page.get_by_role("region", name=re.compile("^À venir"))
    card = upcoming.get_by_role("listitem").filter(has=page.get_by_role("link", name=TITLE))
    expect(card).to_contain_text("de 14:00 à 17:00 (heure de La Réunion)")
    expect(card).to_contain_text("Atelier · Saint-Denis (La Réunion)")
    expect(card.locator(f'time[datetime="{DAY.isoformat()}"]')).to_be_visible()

    # The audience filter finds it.
    page.get_by_role("combobox", name="Public").select_option(label=AUDIENCE)
    page.get_by_role("button", name="Filtrer", exact=True).click()
    expect(upcoming.get_by_role("link", name=TITLE)).to_be_visible()

    upcoming.get_by_role("link", name=TITLE).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(TITLE)
    facts = page.locator("dl.facts").first
    expect(facts).to_contain_text("de 14:00 à 17:00 (heure de La Réunion)")
    expect(facts).to_contain_text(VENUE)
    expect(facts).to_contain_text("La Réunion (974)")
    expect(facts).to_contain_text(THEME)
    expect(facts).to_contain_text(AUDIENCE)
    expect(facts.get_by_role("listitem")).to_have_text(
        ["Sous-titrage en direct", "Lieu accessible en fauteuil roulant"]
    )
    expect(facts).to_contain_text(ACCESS_DETAILS)
    visitor.shot("agenda-visiteur-01-evenement")
    story["event_url"] = page.url

    expect(page.locator('main a[type="text/calendar"]')).to_have_text("Ajouter à mon agenda")
    download, calendar, event = read_calendar(page)
    assert download.url == page.url + "calendrier/", download.url
    assert str(event["SUMMARY"]) == TITLE
    assert event["DTSTART"].params["TZID"] == "Indian/Reunion", event["DTSTART"].to_ical()
    start, end = event.decoded("DTSTART"), event.decoded("DTEND")
    assert (start.date(), start.time(), end.time()) == (
        DAY,
        datetime.time(14),
        datetime.time(17),
    ), (start, end)
    assert start.utcoffset() == datetime.timedelta(hours=4), start
    assert [zone["TZID"] for zone in calendar.walk("VTIMEZONE")] == ["Indian/Reunion"]
    assert visitor.context.cookies() == []
    story["uid"] = str(event["UID"])


def test_editor_is_told_a_department_is_not_in_the_region_and_loses_nothing(people, story):
    edith = people["editor"]
    page = edith.page
    add_event_form(page, MISPLACED)
    page.get_by_role("textbox", name="Date de début").fill(DAY.isoformat())
    page.get_by_role("textbox", name="Heure de début").fill("09:30")
    page.get_by_role("textbox", name="Commune").fill("Saint-Denis")
    page.get_by_role("combobox", name="Région").select_option(label="La Réunion")
    departments = page.get_by_role("listbox", name="Départements")
    departments.select_option(label="Seine-Saint-Denis (93)")
    page.get_by_label("Boucle à induction magnétique").check()
    page.locator("footer").get_by_role("button", name="Enregistrer le brouillon").click()

    expect(page.locator(".messages")).to_contain_text("erreurs de validation")
    error = "Ces départements ne sont pas dans la région choisie : Seine-Saint-Denis."
    # Next to the field, and read out with it.
    field = page.locator("[data-field-wrapper]").filter(has=departments)
    expect(field).to_contain_text(error)
    expect(departments).to_have_attribute("aria-invalid", "true")
    expect(departments).to_have_accessible_description(re.compile(re.escape(error)))
    edith.shot("agenda-editeur-02-departement-hors-region")
    # Nothing typed is lost.
    expect(page.get_by_placeholder("Titre de la page*")).to_have_value(MISPLACED)
    expect(page.get_by_role("textbox", name="Date de début")).to_have_value(DAY.isoformat())
    expect(page.get_by_role("textbox", name="Heure de début")).to_have_value("09:30")
    expect(page.get_by_role("textbox", name="Commune")).to_have_value("Saint-Denis")
    expect(page.get_by_role("combobox", name="Région")).to_have_value("04")
    expect(departments).to_have_values(["93"])
    expect(page.get_by_label("Boucle à induction magnétique")).to_be_checked()

    # Corrected, the draft saves.
    departments.select_option(label="La Réunion (974)")
    page.locator("footer").get_by_role("button", name="Enregistrer le brouillon").click()
    expect(page.locator(".messages")).to_contain_text(f"Page « {MISPLACED} » créée.")
    expect(page.get_by_label("Boucle à induction magnétique")).to_be_checked()


def test_a_would_be_organiser_proposes_a_local_nec_and_gets_no_cookie(organiser, story, site):
    page = organiser.page
    responses = []
    page.on("response", lambda response: responses.append(response))
    from_site_map(page, site, "NEC locaux")
    page.get_by_role("link", name="Organiser un NEC local").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Organiser un NEC local")
    assert organiser.context.cookies() == []

    for label, answer in PROPOSAL.items():
        page.get_by_label(label).fill(answer)
    # The honeypot is off-screen, and nobody fills it in.
    honeypot = page.locator("input[name=site_web]")
    assert honeypot.bounding_box()["x"] < 0
    expect(honeypot).to_have_value("")
    organiser.shot("agenda-organisatrice-01-proposition")
    with page.expect_response(lambda response: response.request.method == "POST") as sent:
        page.get_by_role("button", name="Envoyer la proposition").click()
    assert sent.value.status == 200, sent.value.status
    match = re.fullmatch(re.escape(site.url("/propositions/")) + r"(\d+)/", sent.value.url)
    assert match, sent.value.url
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "Merci, votre proposition est envoyée"
    )
    expect(page.locator("main").get_by_role("status")).to_have_text(
        "L’équipe nationale revient vers vous rapidement."
    )
    organiser.shot("agenda-organisatrice-02-merci")
    assert organiser.context.cookies() == []
    set_cookies = [r.url for r in responses if r.header_value("set-cookie") is not None]
    assert set_cookies == [], set_cookies
    story["proposal_page_id"] = match.group(1)


def test_editors_never_see_the_proposals(people, story, site):
    needs(story, "proposal_page_id")
    page = people["editor"].page
    page.get_by_role("link", name="Tableau de bord").click()
    sidebar = page.locator("#wagtail-sidebar")
    expect(sidebar.get_by_role("link", name="Fragments")).to_be_visible()
    expect(sidebar.get_by_role("link", name="Formulaires")).to_have_count(0)
    # Even by typing the addresses: no form listed, no answer shown.
    page.goto(site.url("/admin/forms/"))
    expect(page.locator("main")).to_contain_text("Il n'y a pas de résultats.")
    expect(page.locator("main").get_by_role("link", name="Organiser un NEC local")).to_have_count(0)
    page.goto(site.url(f"/admin/forms/submissions/{story['proposal_page_id']}/"))
    expect(page).to_have_url(site.url("/admin/"))
    expect(page.locator(".messages")).to_contain_text("vous n'avez pas les autorisations")
    expect(page.get_by_text(PROPOSAL["Adresse électronique"])).to_have_count(0)


def test_moderator_is_told_reads_the_proposal_and_deletes_it(people, story, mailbox):
    needs(story, "proposal_page_id")
    mail = mailbox.wait_for("maurice@example.org", PROPOSAL["Organisation"])
    assert mail["subject"] == "Nouvelle proposition de NEC local"
    body = mail.get_body(("plain",)).get_content()
    for answer in PROPOSAL.values():
        assert answer in body, (answer, body)
    assert not [
        message
        for message in mailbox.to("edith@example.org")
        if PROPOSAL["Organisation"] in message.get_body(("plain",)).get_content()
    ], "an editor was sent the proposal"

    maurice = people["moderator"]
    page = maurice.page
    page.get_by_role("link", name="Tableau de bord").click()
    page.locator("#wagtail-sidebar").get_by_role("link", name="Formulaires").click()
    page.locator("main").get_by_role("link", name="Organiser un NEC local", exact=True).click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Organiser un NEC local")
    answers = page.get_by_role("table").filter(has_text="Date de soumission")
    row = answers.locator("tbody tr", has_text=PROPOSAL["Nom de la personne à contacter"])
    for answer in PROPOSAL.values():
        expect(row).to_contain_text(answer)
    headings = answers.locator("thead th")
    expect(headings).to_contain_text(["Organisation", "Adresse électronique"])
    expect(headings).not_to_contain_text(["site_web"])  # the honeypot is not kept
    maurice.shot("agenda-moderateur-01-propositions")

    row.get_by_role("checkbox").check()
    page.get_by_role("button", name="Supprimer les réponses sélectionnées").click()
    expect(page.locator("main")).to_contain_text("Êtes-vous sûr(e) de vouloir supprimer")
    page.locator("main").get_by_role("button", name="Supprimer").click()
    expect(page.locator(".messages")).to_contain_text("Une soumission a été supprimée.")
    expect(page.locator("main")).to_contain_text(
        "Aucune soumission pour le formulaire « Organiser un NEC local »."
    )


def test_translator_translates_the_event_and_english_visitors_find_it(people, story):
    needs(story, "event_url", "uid")
    tristan = people["translator"]
    page = tristan.page
    page.get_by_role("link", name="À traduire").click()
    row = page.locator("tr", has_text=TITLE)
    expect(row).to_contain_text("Non traduit")
    row.get_by_role("link", name="Traduire").click()
    page.locator("main").get_by_role("button", name="Traduire").click()
    expect(page.locator(".messages")).to_contain_text("non publiée")
    translate_every_segment(page, ENGLISH)
    tristan.shot("agenda-traducteur-01-evenement")
    page.locator("footer").get_by_role("button", name="Publier en anglais").click()
    expect(page.locator(".messages")).to_contain_text(f"« {TITLE_EN} »")
    expect(page.locator(".messages")).not_to_contain_text("manquantes")

    visitor = people["visitor"]
    page = visitor.page
    page.goto(story["event_url"])
    page.reload()  # the browser may keep a page a minute (max-age): it asks again
    page.get_by_role("navigation", name="Choisir la langue").get_by_role(
        "link", name=re.compile("English")
    ).click()
    expect(page.locator("html")).to_have_attribute("lang", "en")
    expect(page.get_by_role("heading", level=1)).to_have_text(TITLE_EN)
    story["english_url"] = page.url
    page.get_by_role("navigation", name="Breadcrumb").get_by_role("link", name="Events").click()
    expect(page).to_have_url(re.compile(r"/en/events/$"))
    expect(page.get_by_role("link", name=TITLE_EN)).to_be_visible()
    expect(page.get_by_role("link", name=TITLE)).to_have_count(0)
    visitor.shot("agenda-visiteur-02-agenda-en-anglais")

    page.get_by_role("link", name=TITLE_EN).click()
    _download, _calendar, event = read_calendar(page)
    assert str(event["UID"]) == story["uid"]
    assert str(event["SUMMARY"]) == TITLE_EN
    assert event["DTSTART"].params["TZID"] == "Indian/Reunion"
    assert visitor.context.cookies() == []


def test_english_visitors_read_the_event_in_english_and_filter_on_it(people, story):
    needs(story, "english_url")
    visitor = people["visitor"]
    page = visitor.page
    page.goto(story["english_url"])
    expect(page.get_by_role("heading", level=1)).to_have_text(TITLE_EN)
    facts = page.locator("dl.facts").first
    expect(facts).to_contain_text("(Réunion time)")
    expect(facts).to_contain_text(ENGLISH[ACCESS_DETAILS])
    expect(facts.get_by_role("listitem")).to_have_text(
        ["Live captions", "Wheelchair-accessible venue"]
    )
    # The terms of the English page's language, not the French ones it was translated from.
    expect(facts).to_contain_text(THEME_EN)
    expect(facts).to_contain_text(AUDIENCE_EN)
    expect(facts).not_to_contain_text(THEME)
    expect(page.locator('main a[type="text/calendar"]')).to_have_text("Add to my calendar")

    page.get_by_role("navigation", name="Breadcrumb").get_by_role("link", name="Events").click()
    page.get_by_role("combobox", name="Audience").select_option(label=AUDIENCE_EN)
    page.get_by_role("button", name="Filter", exact=True).click()
    expect(page).to_have_url(re.compile(r"[?&]audience="))
    upcoming = page.get_by_role("region", name=re.compile("^Upcoming"))
    expect(upcoming.get_by_role("link", name=TITLE_EN)).to_be_visible()
    visitor.shot("agenda-visiteur-03-filtre-en-anglais")
