"""Translators work in wagtail-localize: translate, PO round trip, publish — without
touching the French source; out-of-date detection and sync keep what they translated."""

import re

import polib
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from wagtail.models import Locale
from wagtail_localize.models import StringTranslation, Translation, TranslationSource

from home.models import CharterPage

pytestmark = pytest.mark.django_db


def test_translator_translates_a_page_through_po_files_and_publishes(
    client, translator, french_page, django_capture_on_commit_callbacks
):
    english = Locale.objects.get(language_code="en")
    response = client.post(
        reverse("wagtail_localize:submit_page_translation", args=[french_page.pk]),
        {"locales": [english.pk]},
    )
    assert response.status_code == 302
    source = TranslationSource.objects.get_for_instance(french_page)
    translation = Translation.objects.get(source=source, target_locale=english)

    po_response = client.get(reverse("wagtail_localize:download_pofile", args=[translation.pk]))
    assert po_response.status_code == 200
    po = polib.pofile(po_response.content.decode())
    msgids = {entry.msgid for entry in po}
    assert "Un atelier d’été" in msgids
    english_text = {
        "Un atelier d’été": "A summer workshop",
        "un-atelier-d-ete": "a-summer-workshop",
        "Rendez-vous en juillet pour apprendre ensemble.": "See you in July to learn together.",
    }
    for entry in po:
        entry.msgstr = english_text.get(entry.msgid, entry.msgid)
    upload = SimpleUploadedFile("traduction.po", str(po).encode(), content_type="text/x-gettext")
    response = client.post(
        reverse("wagtail_localize:upload_pofile", args=[translation.pk]), {"file": upload}
    )
    assert response.status_code == 302
    assert StringTranslation.objects.filter(locale=english, data="A summer workshop").exists()

    with django_capture_on_commit_callbacks(execute=True):  # localize publishes on commit
        translation.save_target(user=translator, publish=True)
    english_page = french_page.get_translation(english)
    assert english_page.live
    html = client.get("/en/a-summer-workshop/").content.decode()
    assert "<h1>A summer workshop</h1>" in html
    assert "See you in July to learn together." in html


def test_translators_cannot_edit_or_publish_the_french_source(client, translator):
    charter = CharterPage.objects.get(locale__language_code="fr")
    english_charter = CharterPage.objects.get(locale__language_code="en")
    assert not charter.permissions_for_user(translator).can_edit()
    assert not charter.permissions_for_user(translator).can_publish()
    assert english_charter.permissions_for_user(translator).can_edit()
    assert english_charter.permissions_for_user(translator).can_publish()
    response = client.get(reverse("wagtailadmin_pages:edit", args=[charter.pk]))
    assert response.status_code in (302, 403)


def test_translators_see_the_translations_report(client, translator):
    response = client.get(reverse("wagtail_localize:translations_report"))
    assert response.status_code == 200
    html = response.content.decode()
    english_charter = CharterPage.objects.get(locale__language_code="en")
    edit_url = reverse("wagtailadmin_pages:edit", args=[english_charter.pk])
    assert re.search(rf'<a href="{edit_url}">\s*The NEC charter \(anglais\)\s*</a>', html)


def test_source_change_is_detected_and_sync_keeps_existing_translations(
    django_capture_on_commit_callbacks,
):
    english = Locale.objects.get(language_code="en")
    charter = CharterPage.objects.get(locale__language_code="fr")
    source = TranslationSource.objects.get_for_instance(charter)
    synced_at = source.last_updated_at

    charter.intro = "<p>Une nouvelle introduction de la charte.</p>"
    revision = charter.save_revision()
    revision.publish()
    assert revision.created_at > synced_at  # the English page is now out of date

    source.update_from_db()
    translation = Translation.objects.get(source=source, target_locale=english)
    total, done = translation.get_progress()
    assert done == total - 1  # only the new sentence is waiting for a translator
    with django_capture_on_commit_callbacks(execute=True):
        translation.save_target(publish=True)
    english_charter = charter.get_translation(english)
    english_charter.refresh_from_db()
    assert english_charter.title == "The NEC charter"  # kept
    assert "Une nouvelle introduction de la charte." in english_charter.intro  # to translate


def test_machine_translation_is_off_without_a_deepl_key(settings):
    from wagtail_localize.machine_translators import get_machine_translator

    assert not getattr(settings, "WAGTAILLOCALIZE_MACHINE_TRANSLATOR", None)
    assert get_machine_translator() is None


def test_taxonomies_are_translated_and_facets_stay_in_the_language(client):
    from ressources.models import Theme
    from tests.factories import make_resource

    theme = Theme.objects.get(slug="inclusion-numerique", locale__language_code="fr")
    english_theme = theme.get_translation(Locale.objects.get(language_code="en"))
    assert english_theme.name == "Digital inclusion"
    resource = make_resource("Guide de l’inclusion", themes=["inclusion-numerique"])
    english = Locale.objects.get(language_code="en")
    translated = resource.copy_for_translation(english)
    translated.title = "Inclusion guide"
    translated.save_revision().publish()
    translated.refresh_from_db()
    assert [t.name for t in translated.themes.all()] == ["Digital inclusion"]
    english_library = client.get("/en/resources/").content.decode()
    assert "Inclusion guide" in english_library
    assert "Guide de l’inclusion" not in english_library
    assert "Digital inclusion" in english_library
    assert "Inclusion numérique" not in english_library


def test_translators_see_what_is_out_of_date_in_french_in_the_admin(client, translator):
    url = reverse("translation_status")
    html = client.get(url).content.decode()
    assert "La charte de NEC" in html
    assert "Source modifiée : à synchroniser" not in html  # the seed is in step
    charter = CharterPage.objects.get(locale__language_code="fr")
    charter.intro = "<p>Une introduction revue.</p>"
    charter.save_revision().publish()
    html = client.get(url).content.decode()
    row = html[html.index("La charte de NEC") :][:2000]
    assert "Source modifiée : à synchroniser" in row
