"""Starting a translation creates an unpublished draft: nothing of it is public (page,
library, search, switcher, hreflang, sitemap.xml) until a translator publishes it from the
translation editor. Syncing a source brings new sentences in without publishing anything."""

import pytest
from django.urls import reverse
from wagtail_localize.models import Translation, TranslationSource

from caching.models import Purge
from home.models import CharterPage
from search.models import SearchDocument
from tests.factories import make_resource, make_user
from tests.l10n.conftest import NEW_CHARTER_INTRO

pytestmark = pytest.mark.django_db


def submit_page(client, page, locale, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("wagtail_localize:submit_page_translation", args=[page.pk]),
            {"locales": [locale.pk]},
        )
    assert response.status_code == 302
    return page.get_translation(locale)


def test_a_new_translation_is_an_unpublished_draft(
    client, translator_client, french_page, english, django_capture_on_commit_callbacks
):
    purges = Purge.objects.count()
    draft = submit_page(translator_client, french_page, english, django_capture_on_commit_callbacks)

    assert not draft.live
    assert Purge.objects.count() == purges  # nothing visible changed: no purge either
    client.logout()
    assert client.get(f"/en/{draft.slug}/").status_code == 404
    french_html = client.get(french_page.url).content.decode()
    assert '<link rel="alternate" hreflang="en"' not in french_html
    assert '<a href="/en/" hreflang="en"' in french_html  # the switcher offers the English home
    assert f"/en/{draft.slug}/" not in french_html
    assert f"/en/{draft.slug}/" not in client.get("/sitemap.xml").content.decode()
    assert not SearchDocument.objects.filter(page_id=draft.pk).exists()


def test_the_translator_publishes_from_the_translation_editor(
    client, translator_client, french_page, english, django_capture_on_commit_callbacks
):
    draft = submit_page(translator_client, french_page, english, django_capture_on_commit_callbacks)
    with django_capture_on_commit_callbacks(execute=True):
        response = translator_client.post(
            reverse("wagtailadmin_pages:edit", args=[draft.pk]), {"action": "publish"}
        )
    assert response.status_code == 302
    draft.refresh_from_db()
    assert draft.live
    client.logout()
    assert client.get(f"/en/{draft.slug}/").status_code == 200
    french_html = client.get(french_page.url).content.decode()
    assert f'hreflang="en" href="http://testserver/en/{draft.slug}/"' in french_html


def test_a_translated_resource_stays_out_of_the_english_library_until_published(
    client, translator_client, english, django_capture_on_commit_callbacks
):
    resource = make_resource("Guide des tiers-lieux", themes=["inclusion-numerique"])
    draft = submit_page(translator_client, resource, english, django_capture_on_commit_callbacks)
    assert not draft.live
    client.logout()
    assert "Guide des tiers-lieux" not in client.get("/en/resources/").content.decode()
    assert "Guide des tiers-lieux" not in client.get("/en/search/", {"q": "tiers"}).content.decode()


def test_syncing_a_source_publishes_nothing(
    client, translator_client, english, changed_charter_source, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = translator_client.post(
            reverse("wagtail_localize:update_translations", args=[changed_charter_source.pk])
        )
    assert response.status_code == 302
    client.logout()
    english_html = client.get("/en/charter/").content.decode()
    assert NEW_CHARTER_INTRO not in english_html
    translation = Translation.objects.get(source=changed_charter_source, target_locale=english)
    total, done = translation.get_progress()
    assert done == total - 1  # the new sentence waits for the translator


def test_the_seed_translations_are_published(client):
    assert CharterPage.objects.get(locale__language_code="en").live
    assert client.get("/en/charter/").status_code == 200


def sync_and_publish(client, source, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        return client.post(
            reverse("wagtail_localize:update_translations", args=[source.pk]),
            {"publish_translations": "on"},
        )


def test_sync_cannot_publish_a_translation_nobody_published(
    client, translator_client, french_page, english, django_capture_on_commit_callbacks
):
    draft = submit_page(translator_client, french_page, english, django_capture_on_commit_callbacks)
    source = TranslationSource.objects.get_for_instance(french_page)
    response = sync_and_publish(translator_client, source, django_capture_on_commit_callbacks)
    assert response.status_code == 200  # the form again, with the reason
    assert "personne n’a encore publiée" in response.content.decode()
    draft.refresh_from_db()
    assert not draft.live


def test_editors_cannot_publish_translations_through_the_sync(
    client, changed_charter_source, django_capture_on_commit_callbacks
):
    client.force_login(make_user("redaction", ["Éditeurs"]))
    response = sync_and_publish(client, changed_charter_source, django_capture_on_commit_callbacks)
    assert response.status_code == 200
    assert "pas le droit de publier" in response.content.decode()
    assert "Une nouvelle introduction" not in client.get("/en/charter/").content.decode()


def test_moderators_may_sync_and_publish_live_translations(
    client, changed_charter_source, django_capture_on_commit_callbacks
):
    client.force_login(make_user("moderation", ["Modérateurs"]))
    response = sync_and_publish(client, changed_charter_source, django_capture_on_commit_callbacks)
    assert response.status_code == 302
    assert "Une nouvelle introduction" in client.get("/en/charter/").content.decode()


def test_a_page_is_not_translated_before_its_parent(
    client,
    translator_client,
    english,
    untranslated_parent_and_child,
    django_capture_on_commit_callbacks,
):
    """wagtail-localize would publish a copy of the French parent (an alias) under /en/."""
    parent, child = untranslated_parent_and_child
    with django_capture_on_commit_callbacks(execute=True):
        response = translator_client.post(
            reverse("wagtail_localize:submit_page_translation", args=[child.pk]),
            {"locales": [english.pk]},
        )
    assert response.status_code == 200
    assert "Traduisez d’abord la page parente" in response.content.decode()
    assert parent.get_translation_or_none(english) is None
    assert child.get_translation_or_none(english) is None
    client.logout()
    assert client.get("/en/nos-ateliers/").status_code == 404
