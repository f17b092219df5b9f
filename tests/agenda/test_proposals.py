"""The call for organisers: a Wagtail form with no third party against spam (a honeypot and a
rate limit), no cookie, a mail to moderators, answers readable by moderators only."""

import re

import pytest
from django.core.cache import cache
from wagtail.contrib.forms.models import FormSubmission

from agenda.models import OrganiserFormPage, ProposalField
from tests.factories import make_user
from tests.html import fillable_controls, unlabelled_controls

pytestmark = pytest.mark.django_db

ANSWERS = {
    "organisation": "Hub du numérique de Bretagne",
    "territoire": "Rennes Métropole",
    "dates_envisagees": "12 et 13 octobre",
    "nom_de_la_personne_a_contacter": "Camille Martin",
    "adresse_electronique": "camille@example.org",
    "votre_projet_en_quelques_lignes": "Une journée pour les médiateurs du territoire.",
}


@pytest.fixture(autouse=True)
def fresh_rate_limit():
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def form_page():
    return OrganiserFormPage.objects.get(locale__language_code="fr")


def post(client, page, data, **headers):
    return client.post(f"/propositions/{page.pk}/", data, headers=headers)


def test_the_form_page_sets_no_cookie_and_asks_the_seeded_questions(client, form_page):
    response = client.get(form_page.url)
    assert response.status_code == 200
    assert not response.cookies
    html = response.content.decode()
    for name in ANSWERS:
        assert f'name="{name}"' in html
    assert f'action="/propositions/{form_page.pk}/"' in html
    assert "csrfmiddlewaretoken" not in html
    assert "Vos réponses sont lues par l’équipe nationale" in html  # the consent wording


def test_a_proposal_is_saved_and_moderators_are_told(client, form_page, mailoutbox):
    moderator = make_user("moderatrice", ["Modérateurs"])
    make_user("editrice", ["Éditeurs"])
    response = post(client, form_page, ANSWERS)
    assert response.status_code == 200
    assert "Merci, votre proposition est envoyée" in response.content.decode()
    assert not response.cookies
    (submission,) = FormSubmission.objects.filter(page=form_page)
    assert submission.get_data()["organisation"] == "Hub du numérique de Bretagne"
    (mail,) = mailoutbox
    assert mail.to == [moderator.email]
    assert "Hub du numérique de Bretagne" in mail.body
    assert mail.subject == "Nouvelle proposition de NEC local"


def test_the_page_addresses_replace_the_moderators_when_editors_set_them(
    client, form_page, mailoutbox
):
    make_user("moderatrice", ["Modérateurs"])
    form_page.to_address = "nec@example.org, equipe@example.org"
    form_page.save_revision().publish()
    post(client, form_page, ANSWERS)
    assert mailoutbox[0].to == ["nec@example.org", "equipe@example.org"]


def test_a_missing_answer_is_said_next_to_its_field_and_nothing_is_lost(client, form_page):
    response = post(client, form_page, {**ANSWERS, "adresse_electronique": "pas une adresse"})
    assert response.status_code == 200
    html = response.content.decode()
    assert "<title>Erreur :" in html
    # Its help text (the expected format) first, then the error.
    ids = "id_adresse_electronique_helptext id_adresse_electronique_error"
    assert f'aria-describedby="{ids}"' in html
    assert 'aria-invalid="true"' in html
    assert 'value="Hub du numérique de Bretagne"' in html
    assert not FormSubmission.objects.exists()


def test_every_field_of_the_form_has_an_explicit_label_before_and_after_errors(client, form_page):
    """RGAA 11.1.1: each field has an id and one <label for> naming it."""
    for response in (
        client.get(form_page.url),
        post(client, form_page, {**ANSWERS, "adresse_electronique": "x", "organisation": ""}),
    ):
        html = response.content.decode()
        assert len(fillable_controls(html)) > len(ANSWERS)
        assert unlabelled_controls(html) == []


def error_of(html, name):
    """The error shown under the field `name`, or None."""
    found = re.search(rf'<div class="error" id="id_{name}_error"><p>(.*?)</p>', html)
    return found and found.group(1)


@pytest.mark.parametrize(
    "language, endpoint, message",
    [
        (
            "fr",
            "/propositions/",
            "Saisissez une adresse électronique valide, par exemple nom@exemple.fr.",
        ),
        ("en", "/en/proposals/", "Enter a valid email address, for example name@example.org."),
    ],
)
def test_a_mistyped_email_address_gets_an_example_of_a_valid_one(
    client, language, endpoint, message
):
    """RGAA 11.11: an error on a field with a format suggests what is expected."""
    page = OrganiserFormPage.objects.get(locale__language_code=language)
    answers = {**ANSWERS, "adresse_electronique": "camille.example.org"}
    response = client.post(f"{endpoint}{page.pk}/", answers)
    assert error_of(response.content.decode(), "adresse_electronique") == message


@pytest.mark.parametrize(
    "language, hint",
    [("fr", "Format attendu : nom@exemple.fr"), ("en", "Expected format: name@example.org")],
)
def test_the_email_question_says_which_format_is_expected(client, language, hint):
    """RGAA 11.11 (and 11.10): the expected format is said before any error."""
    page = OrganiserFormPage.objects.get(locale__language_code=language)
    html = client.get(page.url).content.decode()
    assert f'<p class="help" id="id_adresse_electronique_helptext">{hint}</p>' in html
    field = re.search(r'<input type="email" name="adresse_electronique"[^>]*>', html).group(0)
    assert 'aria-describedby="id_adresse_electronique_helptext"' in field


@pytest.mark.parametrize(
    "field_type, wrong, message",
    [
        ("date", "le 12", "Saisissez une date valide, par exemple "),
        ("datetime", "demain", "Saisissez une date et une heure valides, par exemple "),
        ("url", "pas un site", "Saisissez une adresse web valide, par exemple "),
    ],
)
def test_questions_with_a_format_that_editors_add_suggest_a_valid_answer(
    client, form_page, field_type, wrong, message
):
    """RGAA 11.11: the example given is one the form accepts."""
    ProposalField.objects.create(
        page=form_page, locale=form_page.locale, label="Question ajoutée", field_type=field_type
    )
    refused = post(client, form_page, {**ANSWERS, "question_ajoutee": wrong})
    error = error_of(refused.content.decode(), "question_ajoutee")
    assert error.startswith(message), error
    example = error.removeprefix(message).removesuffix(".")
    accepted = post(client, form_page, {**ANSWERS, "question_ajoutee": example})
    assert error_of(accepted.content.decode(), "question_ajoutee") is None, example
    assert FormSubmission.objects.filter(page=form_page).count() == 1


def test_a_robot_filling_the_hidden_field_is_thanked_and_ignored(client, form_page, mailoutbox):
    make_user("moderatrice", ["Modérateurs"])
    response = post(client, form_page, {**ANSWERS, "site_web": "https://spam.example"})
    assert response.status_code == 200
    assert "Merci" in response.content.decode()
    assert not FormSubmission.objects.exists()
    assert not mailoutbox


def test_too_many_proposals_from_one_address_are_refused_with_answers_kept(
    client, form_page, settings
):
    settings.NEC_PROPOSAL_LIMIT = 2
    assert post(client, form_page, ANSWERS).status_code == 200
    assert post(client, form_page, ANSWERS).status_code == 200
    response = post(client, form_page, ANSWERS)
    assert response.status_code == 429
    html = response.content.decode()
    assert "réessayez plus tard" in html
    assert 'value="Hub du numérique de Bretagne"' in html
    assert FormSubmission.objects.count() == 2
    # Another address is not held back.
    assert post(client, form_page, ANSWERS, **{"X-Forwarded-For": "x"}).status_code == 429
    other = client.post(f"/propositions/{form_page.pk}/", ANSWERS, REMOTE_ADDR="10.0.0.9")
    assert other.status_code == 200


@pytest.mark.parametrize(
    "headers",
    [{"Origin": "https://evil.example"}, {"Sec-Fetch-Site": "cross-site"}],
)
def test_a_post_from_another_site_is_refused(client, form_page, headers):
    assert post(client, form_page, ANSWERS, **headers).status_code == 403
    assert not FormSubmission.objects.exists()


def test_a_post_from_the_site_itself_is_accepted(client, form_page):
    headers = {"Origin": "http://testserver", "Sec-Fetch-Site": "same-origin"}
    assert post(client, form_page, ANSWERS, **headers).status_code == 200


@pytest.mark.parametrize("path", ["/propositions/999999/", "/propositions/abc/"])
def test_a_post_to_no_form_is_a_404(client, path):
    assert client.post(path, ANSWERS).status_code == 404


def test_the_endpoint_refuses_get(client, form_page):
    assert client.get(f"/propositions/{form_page.pk}/").status_code == 405


def test_the_english_form_works_too(client):
    english = OrganiserFormPage.objects.get(locale__language_code="en")
    html = client.get(english.url).content.decode()
    assert 'name="organisation"' in html  # answers share the French names
    assert "Contact name" in html
    assert f'action="/en/proposals/{english.pk}/"' in html
    response = client.post(f"/en/proposals/{english.pk}/", ANSWERS)
    assert response.status_code == 200
    assert FormSubmission.objects.filter(page=english).count() == 1


def test_only_moderators_read_and_delete_the_proposals(client, form_page):
    post(client, form_page, ANSWERS)
    submissions_url = f"/admin/forms/submissions/{form_page.pk}/"
    client.force_login(make_user("editrice", ["Éditeurs"]))
    refused = client.get(submissions_url)
    assert refused.status_code in (302, 403)  # Wagtail's admin redirects with a message
    assert "Camille Martin" not in refused.content.decode()
    assert client.get("/admin/forms/").status_code in (200, 403)
    if client.get("/admin/forms/").status_code == 200:
        assert form_page.title not in client.get("/admin/forms/").content.decode()
    client.force_login(make_user("moderatrice", ["Modérateurs"]))
    response = client.get(submissions_url)
    assert response.status_code == 200
    assert "Camille Martin" in response.content.decode()
    submission = FormSubmission.objects.get()
    delete_url = (
        f"/admin/forms/submissions/{form_page.pk}/delete/?selected-submissions={submission.pk}"
    )
    assert client.post(delete_url).status_code == 302
    assert not FormSubmission.objects.exists()


@pytest.mark.parametrize(
    "field, value",
    [
        ("organisation", "\x00"),
        ("organisation", "x" * 100000),
        ("adresse_electronique", "a@b\x00c"),
        ("dates_envisagees", "<script>alert(1)</script>"),
    ],
)
def test_hostile_answers_get_a_clear_answer_never_a_500(client, form_page, field, value):
    response = post(client, form_page, {**ANSWERS, field: value})
    assert response.status_code in (200, 400)
    assert "<script>alert(1)</script>" not in response.content.decode()


def test_proposals_older_than_their_retention_are_deleted_by_the_daily_command(client, form_page):
    import datetime

    from django.core.management import call_command
    from django.utils import timezone

    post(client, form_page, ANSWERS)
    post(client, form_page, {**ANSWERS, "organisation": "Récente"})
    old = FormSubmission.objects.order_by("pk").first()
    FormSubmission.objects.filter(pk=old.pk).update(
        submit_time=timezone.now() - datetime.timedelta(days=366)
    )
    call_command("delete_old_proposals", verbosity=0)
    (kept,) = FormSubmission.objects.all()
    assert kept.get_data()["organisation"] == "Récente"


def test_browsers_may_fill_in_the_name_organisation_and_email(client, form_page):
    html = client.get(form_page.url).content.decode()
    for name, purpose in [
        ("organisation", "organization"),
        ("nom_de_la_personne_a_contacter", "name"),
        ("adresse_electronique", "email"),
    ]:
        (tag,) = re.findall(rf'<input[^>]*name="{name}"[^>]*>', html)
        assert f'autocomplete="{purpose}"' in tag, name


def test_editors_editing_the_form_page_see_nothing_of_the_proposals(client, form_page):
    post(client, form_page, ANSWERS)
    client.force_login(make_user("editrice", ["Éditeurs"]))
    html = client.get(f"/admin/pages/{form_page.pk}/edit/").content.decode()
    assert "Organiser un NEC local" in html
    assert f"/admin/forms/submissions/{form_page.pk}/" not in html
