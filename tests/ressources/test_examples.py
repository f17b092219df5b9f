"""Example resources let a newcomer try the library: flagged, titled « (exemple n°…) », in
French and English (real wagtail-localize translations), never loaded in production."""

import os
import subprocess
import sys

import pytest
from django.conf import settings
from django.core.management import CommandError, call_command
from wagtail.models import Locale
from wagtail_localize.models import Translation, TranslationSource

from ressources.models import ResourcePage

pytestmark = pytest.mark.django_db


def test_examples_come_in_french_and_english_and_load_once(client):
    assert not ResourcePage.objects.filter(is_example=True).exists()  # plain seed: none
    call_command("load_nec_content", demo=4, verbosity=0)
    call_command("load_nec_content", demo=4, verbosity=0)
    french = ResourcePage.objects.filter(is_example=True, locale__language_code="fr")
    assert french.count() == 4
    english_locale = Locale.objects.get(language_code="en")
    titles = set()
    for resource in french:
        assert "(exemple n°" in resource.title
        assert resource.live
        assert 1 <= resource.themes.count() <= 5
        assert resource.resource_types.count() >= 1
        titles.add(resource.title)
        english = resource.get_translation(english_locale)
        assert english.live and english.is_example
        assert "(example no. " in english.title
        assert {theme.locale_id for theme in english.themes.all()} == {english_locale.pk}
        source = TranslationSource.objects.get_for_instance(resource)
        total, done = Translation.objects.get(
            source=source, target_locale=english_locale
        ).get_progress()
        assert total > 0 and done == total
    assert len(titles) == 4
    assert any(char in "".join(titles) for char in "éèàç’")
    english_library = client.get("/en/resources/").content.decode()
    assert "(example no. " in english_library
    assert "(exemple n°" not in english_library


def test_examples_are_refused_without_the_development_setting(settings):
    settings.NEC_EXAMPLE_CONTENT_ALLOWED = False
    with pytest.raises(CommandError, match="ne se chargent pas avec les réglages de production"):
        call_command("load_nec_content", demo=4, verbosity=0)
    assert not ResourcePage.objects.filter(is_example=True).exists()
    call_command("load_nec_content", verbosity=0)  # the seed itself still loads


def test_production_settings_refuse_examples(tmp_path):
    env = {
        **os.environ,
        # Should the refusal ever break, the examples land in a throwaway database.
        "DATABASE_URL": f"sqlite:///{tmp_path / 'production.sqlite3'}",
        "DJANGO_SETTINGS_MODULE": "nec_cms.settings.production",
        "SECRET_KEY": "a-production-like-secret-key-of-sufficient-length-123",
        "ALLOWED_HOSTS": "example.org",
    }
    result = subprocess.run(
        [sys.executable, "manage.py", "load_nec_content", "--demo", "2"],
        cwd=settings.BASE_DIR,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode != 0
    assert "Les ressources d’exemple ne se chargent pas avec les réglages de production" in (
        result.stderr
    )
