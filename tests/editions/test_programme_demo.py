"""The example programmes (`load_nec_content --demo N`): the two most recent editions get
sessions in every format, in French and English, with people who did and did not consent,
replays that all have their transcript, sessions not to be recorded, and gender declarations
such that every session obeys the charter's parity rule, one of them through a moderator's
attestation. Everything is flagged as an example, and loading again adds nothing."""

import pytest
from django.core.management import call_command
from django.db import transaction
from wagtail.models import Locale

from editions import demo, parity
from editions.choices import SessionFormat, SpeakerRole
from editions.models import (
    EditionPage,
    EditionParity,
    GenderDeclaration,
    ParityAttestation,
    ProgrammePage,
    SessionPage,
    SpeakerPage,
    edition_share,
)
from editions.seed import DEMO_EDITIONS, SPEAKERS
from nec_cms.models import SeedRecord
from nec_cms.seeding import SeedPage

# The examples are loaded once for the module, on one pytest-xdist worker.
pytestmark = [pytest.mark.django_db, pytest.mark.xdist_group("programme-demo")]

# Enough sessions for every format, a « ne pas enregistrer » and ten declared people.
COUNT = 8
DEMO_SLUGS = ["2023-bordeaux", "2022-lens"]


@pytest.fixture(scope="module")
def examples(django_db_setup, django_db_blocker):
    """The examples, loaded once for this module (loading takes a while) in a transaction
    rolled back after its last test; each test still runs in its own rolled-back savepoint,
    so no test sees what another changed."""
    from caching.memory import clear_all

    with django_db_blocker.unblock(), transaction.atomic():
        call_command("load_nec_content", demo=COUNT, verbosity=0)
        yield
        transaction.set_rollback(True)
    clear_all()


def sessions(language, slug=None):
    pages = SessionPage.objects.filter(locale__language_code=language)
    if slug:
        pages = pages.filter(url_path__contains=f"/{slug}/")
    return pages


def speakers(language):
    return SpeakerPage.objects.filter(locale__language_code=language)


def edition(slug, language="fr"):
    return EditionPage.objects.get(slug=slug, locale__language_code=language)


@pytest.mark.parametrize("language", ["fr", "en"])
def test_the_two_latest_editions_get_every_format(examples, language):
    for slug in DEMO_SLUGS:
        programme = sessions(language, slug)
        assert programme.count() == COUNT
        assert {session.format for session in programme} == set(SessionFormat.values)
        assert all(session.live for session in programme)
    assert sessions(language).count() == 2 * COUNT  # the older editions get none


def test_sessions_are_spread_over_two_days_and_three_or_four_rooms(examples):
    for slug in DEMO_SLUGS:
        programme = sessions("fr", slug)
        year = edition(slug).year
        assert {session.date.year for session in programme} == {year}
        assert len({session.date for session in programme}) == 2
        assert len({session.room for session in programme}) in (3, 4)
        for session in programme:
            assert session.start_time < session.end_time
        slots = [(session.date, session.start_time, session.room) for session in programme]
        assert len(slots) == len(set(slots))  # never two sessions in one room at once


def test_never_more_than_thirty_sessions_per_edition():
    items = demo.examples(500, DEMO_EDITIONS, SPEAKERS.key)
    per_programme = {}
    for item in items:
        if isinstance(item, SeedPage) and item.model is SessionPage:
            per_programme[item.parent] = per_programme.get(item.parent, 0) + 1
    assert per_programme == {f"{key}:programme": 30 for key, _year in DEMO_EDITIONS}


def test_english_sessions_are_wagtail_localize_translations_with_english_terms(examples):
    english = Locale.objects.get(language_code="en")
    for french in sessions("fr"):
        translated = french.get_translation(english)
        assert translated.live and not translated.has_unpublished_changes
        assert "(example no. " in translated.title
        assert translated.title != french.title
        assert translated.intro != french.intro
        assert translated.themes.exists()
        assert {term.locale_id for term in translated.themes.all()} == {english.pk}
        assert {term.locale_id for term in translated.audiences.all()} == {english.pk}
        assert {term.locale_id for term in french.themes.all()} == {french.locale_id}
        assert translated.get_parent().specific_class is ProgrammePage
        assert translated.get_parent().locale_id == english.pk


def test_each_session_has_one_to_four_people_with_a_role(examples):
    for session in sessions("fr"):
        people = list(session.speakers.all())
        assert 1 <= len(people) <= 4, session.title
        assert {person.role for person in people} <= set(SpeakerRole.values)
        assert len({person.speaker_id for person in people}) == len(people)
    roles = {person.role for session in sessions("fr") for person in session.speakers.all()}
    assert roles == set(SpeakerRole.values)


def test_speakers_who_consented_and_speakers_who_did_not(examples):
    consenting = speakers("fr").filter(consent=True)
    refusing = speakers("fr").filter(consent=False)
    assert consenting.exists() and refusing.exists()
    for speaker in consenting:
        assert speaker.consent_date and speaker.bio and speaker.public_bio == speaker.bio
    for speaker in refusing:
        assert speaker.public_bio == "" and speaker.consent_date is None
    english = Locale.objects.get(language_code="en")
    for speaker in speakers("fr"):
        translated = speaker.get_translation(english)
        assert translated.live
        assert "(example no. " in translated.title
        assert (translated.consent, translated.email) == (speaker.consent, speaker.email)
        if speaker.consent:
            assert translated.bio != speaker.bio  # an English bio, not the French one
    assert speakers("en").count() == speakers("fr").count()


def test_accessibility_and_recording_choices_vary(examples):
    programme = sessions("fr")
    assert programme.filter(sign_language=True).exists()
    assert programme.filter(live_captions=True).exists()
    assert programme.filter(sign_language=False, live_captions=False).exists()
    assert programme.filter(do_not_record=True).exists()


@pytest.mark.parametrize("language", ["fr", "en"])
def test_every_replay_has_its_transcript_and_no_unrecorded_session_has_one(examples, language):
    replays = sessions(language).exclude(replay_url="")
    assert replays.exists()
    for session in replays:
        assert session.replay_url.startswith("https://video.numerique-en-communs.fr/")
        assert session.transcript.strip(), session.title
        assert session.replay_duration and session.replay_licence
        assert session.has_replay
    for session in sessions(language).filter(do_not_record=True):
        assert session.replay_url == "" and not session.has_replay


def test_every_live_session_passes_the_parity_rule(examples):
    live = SessionPage.objects.live()
    assert live.count() == 4 * COUNT  # both editions, both languages
    for session in live:
        verdict = session.parity_verdict()
        assert verdict.publishable, session.title
        assert verdict.status != parity.REFUSED


def test_one_session_needed_a_moderators_attestation(examples):
    attested = [
        session
        for session in sessions("fr")
        if session.parity_verdict().status == parity.NEEDS_ATTESTATION
    ]
    assert attested
    for session in attested:
        assert session.parity_verdict().attested
        attestation = ParityAttestation.objects.get(session_key=session.translation_key)
        assert attestation.attested_by_name == "Exemple — modération"
        assert attestation.lineup == parity.lineup_key(session.speaker_keys())


def test_one_edition_has_enough_declared_people_for_its_share_to_show(examples):
    share = edition_share(edition("2023-bordeaux"))
    assert share.declared >= 10
    assert share.shown
    assert share.women and share.men and share.not_declared
    # Declarations belong to one edition each, never to a session or a speaker page.
    assert set(GenderDeclaration.objects.values_list("edition__slug", flat=True)) == set(DEMO_SLUGS)


@pytest.mark.parametrize(("language", "mark"), [("fr", "(exemple n°"), ("en", "(example no. ")])
def test_everything_is_flagged_as_an_example(examples, language, mark):
    for page in [*sessions(language), *speakers(language)]:
        assert page.is_example, page.title
        assert mark in page.title
    for speaker in speakers(language):
        assert speaker.email.endswith("@example.org")


def test_every_example_is_recorded_under_an_example_key(examples):
    records = SeedRecord.objects.filter(locale__language_code="fr")
    keys = dict(records.values_list("translation_key", "key"))
    for page in [*sessions("fr"), *speakers("fr")]:
        assert keys[page.translation_key].startswith("editions:example-"), page.title
    rows = records.filter(key__startswith="editions:example-declaration:")
    assert rows.count() == GenderDeclaration.objects.count()


def test_loading_the_examples_again_adds_nothing(examples, capsys):
    before = (
        SessionPage.objects.count(),
        SpeakerPage.objects.count(),
        GenderDeclaration.objects.count(),
        ParityAttestation.objects.count(),
        SeedRecord.objects.count(),
    )
    call_command("load_nec_content", demo=COUNT, verbosity=1)
    after = (
        SessionPage.objects.count(),
        SpeakerPage.objects.count(),
        GenderDeclaration.objects.count(),
        ParityAttestation.objects.count(),
        SeedRecord.objects.count(),
    )
    assert after == before
    assert "(0 élément(s) ajouté(s))" in capsys.readouterr().out


def test_erased_declarations_are_not_brought_back_by_the_examples(examples, capsys):
    call_command("erase_gender_declarations", verbosity=0)  # the demo editions are old
    assert not GenderDeclaration.objects.exists()
    assert EditionParity.objects.count() == 2
    call_command("load_nec_content", demo=COUNT, verbosity=0)
    assert not GenderDeclaration.objects.exists()
    assert edition_share(edition("2023-bordeaux")).shown  # the figures were kept
