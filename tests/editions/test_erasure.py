"""Speakers' gender declarations are erased twelve months after their edition
(`manage.py erase_gender_declarations`, run daily): the edition keeps its overall figures,
equal to what was counted from the answers; a recent edition keeps its answers; a dry run
touches nothing and a second run changes nothing."""

import datetime

import pytest
from django.core.management import call_command
from django.utils import timezone
from django.utils.text import slugify

from editions.choices import GenderAnswer, SessionFormat
from editions.models import (
    EditionParity,
    GenderDeclaration,
    ProgrammePage,
    SessionPage,
    SessionSpeaker,
    SpeakerIndexPage,
    SpeakerPage,
    count_answers,
    edition_share,
)
from tests.factories import make_edition, translate_page

pytestmark = pytest.mark.django_db


def days_ago(days):
    return timezone.localdate() - datetime.timedelta(days=days)


def make_speaker(name):
    page = SpeakerPage(title=name, slug=slugify(name))
    SpeakerIndexPage.objects.get(locale__language_code="fr").add_child(instance=page)
    page.save_revision().publish()
    return page


def programme_of(edition):
    """The edition's programme page, added if it has none (the seed's editions have one)."""
    programme = ProgrammePage.objects.child_of(edition).first()
    if programme is None:
        programme = ProgrammePage(title="Programme", slug="programme")
        edition.add_child(instance=programme)
        programme.save_revision().publish()
    return programme


def make_session(edition, day, people, slug="table-ronde"):
    """A live session of `edition` on `day`; its people's declarations must exist first."""
    session = SessionPage(
        title=f"Table ronde {slug}",
        slug=slug,
        format=SessionFormat.ROUND_TABLE,
        date=day,
        start_time=datetime.time(10, 0),
        end_time=datetime.time(11, 0),
        room="Grand amphithéâtre",
        speakers=[SessionSpeaker(speaker=person) for person in people],
    )
    programme_of(edition).add_child(instance=session)
    session.save_revision().publish()
    return session


def declare(edition, answers):
    """Speakers declaring `answers` ("" declares nothing) for `edition`."""
    people = []
    for number, answer in enumerate(answers, start=1):
        person = make_speaker(f"Personne {edition.year} {edition.city} {number}")
        if answer:
            GenderDeclaration.objects.create(speaker=person, edition=edition, answer=answer)
        people.append(person)
    return people


def edition_with_session(city, ended_days_ago, answers):
    """An edition whose only session took place `ended_days_ago` days ago."""
    edition = make_edition(days_ago(ended_days_ago).year, city)
    people = declare(edition, answers)
    make_session(edition, days_ago(ended_days_ago), people)
    return edition


OLD_ANSWERS = [
    GenderAnswer.WOMAN,
    GenderAnswer.WOMAN,
    GenderAnswer.MAN,
    GenderAnswer.OTHER,
    GenderAnswer.DECLINED,
    "",
]


def declarations_of(edition):
    return GenderDeclaration.objects.filter(edition__translation_key=edition.translation_key)


def erase(*args):
    call_command("erase_gender_declarations", *args, verbosity=1)


def test_an_old_editions_answers_are_erased_and_its_figures_kept(capsys):
    edition = edition_with_session("Rennes", 400, OLD_ANSWERS)
    counted = count_answers(edition)
    assert (counted.women, counted.men, counted.other, counted.not_declared) == (2, 1, 1, 2)
    assert declarations_of(edition).count() == 5

    erase()

    assert not declarations_of(edition).exists()
    kept = EditionParity.objects.get(edition_key=edition.translation_key)
    assert (kept.women, kept.men, kept.other, kept.not_declared) == (2, 1, 1, 2)
    assert kept.answers_erased_at is not None
    assert edition_share(edition) == counted
    out = capsys.readouterr().out
    assert f"{edition.title} : 5 déclaration(s) de genre effacée(s)" in out
    assert "2 femme(s), 1 homme(s), 1 autre(s) identité(s), 2 sans réponse" in out


def test_declarations_made_on_the_english_edition_are_erased_too():
    edition = edition_with_session("Rennes", 400, OLD_ANSWERS[:2])
    english = translate_page(edition, title="Rennes edition")
    late = make_speaker("Personne déclarée en anglais")
    GenderDeclaration.objects.create(speaker=late, edition=english, answer=GenderAnswer.WOMAN)
    assert declarations_of(edition).count() == 3

    erase()

    assert not GenderDeclaration.objects.filter(edition=english).exists()
    assert not declarations_of(edition).exists()


def test_a_recent_editions_answers_are_kept():
    recent = edition_with_session("Lille", 100, OLD_ANSWERS)
    old = edition_with_session("Rennes", 400, OLD_ANSWERS)

    erase()

    assert declarations_of(recent).count() == 5
    assert not EditionParity.objects.filter(edition_key=recent.translation_key).exists()
    assert not declarations_of(old).exists()


@pytest.mark.parametrize(("ended_days_ago", "erased"), [(366, True), (365, False)])
def test_twelve_months_means_more_than_365_days(ended_days_ago, erased):
    edition = edition_with_session("Rennes", ended_days_ago, OLD_ANSWERS)
    erase()
    assert declarations_of(edition).exists() is not erased


def test_the_latest_session_in_any_language_ends_the_edition():
    edition = edition_with_session("Rennes", 400, OLD_ANSWERS)
    english = translate_page(edition, title="Rennes edition")
    speaker = make_speaker("Personne du programme anglais")
    make_session(english, days_ago(30), [speaker], slug="english-only-session")

    erase()

    assert declarations_of(edition).count() == 5


def test_an_edition_without_sessions_ends_on_31_december_of_its_year():
    this_year = timezone.localdate().year
    two_years_ago = make_edition(this_year - 2, "Brest")
    last_year = make_edition(this_year - 1, "Quimper")
    declare(two_years_ago, [GenderAnswer.WOMAN])
    declare(last_year, [GenderAnswer.WOMAN])

    erase()

    assert not declarations_of(two_years_ago).exists()
    assert declarations_of(last_year).count() == 1


def test_a_dry_run_touches_nothing(capsys):
    edition = edition_with_session("Rennes", 400, OLD_ANSWERS)

    erase("--dry-run")

    assert declarations_of(edition).count() == 5
    assert not EditionParity.objects.exists()
    out = capsys.readouterr().out
    assert "5 déclaration(s) de genre à effacer" in out
    assert "simulation : rien n’est modifié" in out


def test_running_twice_changes_nothing(capsys):
    edition = edition_with_session("Rennes", 400, OLD_ANSWERS)
    erase()
    kept = list(EditionParity.objects.values())
    capsys.readouterr()

    erase()

    assert list(EditionParity.objects.values()) == kept
    assert not declarations_of(edition).exists()
    assert capsys.readouterr().out == "Aucune déclaration de genre à effacer.\n"


def test_a_declaration_added_after_the_erasure_goes_without_changing_the_figures():
    edition = edition_with_session("Rennes", 400, OLD_ANSWERS)
    erase()
    kept = list(EditionParity.objects.values())
    person = SpeakerPage.objects.get(slug=f"personne-{edition.year}-rennes-6")  # no answer
    GenderDeclaration.objects.create(speaker=person, edition=edition, answer=GenderAnswer.MAN)

    erase()

    assert not declarations_of(edition).exists()
    assert list(EditionParity.objects.values()) == kept
