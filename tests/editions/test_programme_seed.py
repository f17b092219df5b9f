"""The plain seed gives each of the six editions its (empty) programme page and the site one
speakers' index, in French and English; it invents no session and no speaker, and loading
it again adds nothing."""

import pytest
from django.core.management import call_command
from wagtail.models import Locale

from editions.models import (
    EditionPage,
    GenderDeclaration,
    ParityAttestation,
    ProgrammePage,
    SessionPage,
    SpeakerIndexPage,
    SpeakerPage,
)
from nec_cms.models import SeedRecord

pytestmark = pytest.mark.django_db

# The seed's editions, written out here independently of editions/seed.py.
EDITION_SLUGS = {
    "2023-bordeaux",
    "2022-lens",
    "2021-sud-charente",
    "2020-lyon",
    "2019-marseille",
    "2018-nantes",
}
INTROS = {
    "fr": "Les sessions de l’édition, jour par jour",
    "en": "The edition's sessions, day by day",
}


@pytest.mark.parametrize("language", ["fr", "en"])
def test_every_edition_has_one_live_programme_page(language):
    programmes = ProgrammePage.objects.filter(locale__language_code=language)
    assert programmes.count() == 6
    editions = set()
    for programme in programmes:
        edition = programme.get_parent().specific
        assert isinstance(edition, EditionPage)
        assert edition.locale_id == programme.locale_id
        assert (programme.slug, programme.title) == ("programme", "Programme")
        assert programme.live
        assert INTROS[language] in programme.intro
        editions.add(edition.slug)
    assert editions == EDITION_SLUGS


def test_english_programmes_translate_the_french_ones_under_the_english_editions():
    english_locale = Locale.objects.get(language_code="en")
    for french in ProgrammePage.objects.filter(locale__language_code="fr"):
        english = french.get_translation(english_locale)
        assert english.get_parent().translation_key == french.get_parent().translation_key
    lens = ProgrammePage.objects.get(url_path__contains="/2022-lens/", locale=english_locale)
    assert lens.get_url() == "/en/editions/2022-lens/programme/"


def test_one_speakers_index_per_language_under_the_home_page():
    french = SpeakerIndexPage.objects.get(locale__language_code="fr")
    english = SpeakerIndexPage.objects.get(locale__language_code="en")
    assert french.get_url() == "/intervenants/"
    assert english.get_url() == "/en/speakers/"
    assert french.title == "Intervenantes et intervenants"
    assert english.title == "Speakers"
    assert english.translation_key == french.translation_key
    assert french.live and english.live
    assert french.get_parent().specific_class.__name__ == "HomePage"


def test_the_seed_names_no_session_and_no_speaker():
    assert not SessionPage.objects.exists()
    assert not SpeakerPage.objects.exists()
    assert not GenderDeclaration.objects.exists()
    assert not ParityAttestation.objects.exists()


def test_loading_the_seed_again_adds_no_programme_and_no_index(capsys):
    records = SeedRecord.objects.count()
    call_command("load_nec_content", verbosity=1)
    call_command("load_nec_content", verbosity=1)
    assert ProgrammePage.objects.count() == 12
    assert SpeakerIndexPage.objects.count() == 2
    assert SeedRecord.objects.count() == records
    assert capsys.readouterr().out.count("(0 élément(s) ajouté(s))") == 2


def test_a_deleted_programme_stays_deleted():
    programme = ProgrammePage.objects.get(
        locale__language_code="fr", url_path__contains="/2019-marseille/"
    )
    programme.delete()
    call_command("load_nec_content", verbosity=0)
    assert not ProgrammePage.objects.filter(
        locale__language_code="fr", url_path__contains="/2019-marseille/"
    ).exists()
