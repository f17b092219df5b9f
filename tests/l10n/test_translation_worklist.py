"""« À traduire »: translators find every French page and snippet to translate or to bring
up to date, start or sync the translation from there and land in the translation editor,
without any right on the French tree. Real views, real permission checks."""

import re

import pytest
from django.contrib.admin.utils import quote
from django.contrib.auth.models import Permission
from django.contrib.contenttypes.models import ContentType
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from wagtail_localize.models import Translation

from home.models import CharterPage, ContentPage
from ressources.models import Theme
from tests.factories import home_page, make_user
from tests.l10n.conftest import NEW_CHARTER_INTRO

pytestmark = pytest.mark.django_db


def start_url(instance, language="en"):
    content_type = ContentType.objects.get_for_model(
        getattr(instance, "specific_class", type(instance))
    )
    return reverse("translation_start", args=[content_type.pk, quote(instance.pk), language])


def row_of(html, title):
    """The table row that names `title`."""
    for row in re.findall(r"<tr.*?</tr>", html, flags=re.S):
        if title in row:
            return row
    raise AssertionError(f"no row for {title!r}")


def test_a_new_french_page_is_listed_as_not_translated(client, translator, french_page):
    assert not french_page.permissions_for_user(translator).can_edit()
    response = client.get(reverse("translation_status"), {"etat": "a_faire"})
    assert response.status_code == 200
    row = row_of(response.content.decode(), "Un atelier d’été")
    assert "Non traduit" in row
    assert start_url(french_page) in row
    assert "Traduire" in row


def test_up_to_date_seed_pages_are_not_in_the_to_do_list(client, translator):
    html = client.get(reverse("translation_status"), {"etat": "a_faire"}).content.decode()
    assert "La charte de NEC" not in html
    html = client.get(reverse("translation_status")).content.decode()
    assert "À jour" in row_of(html, "La charte de NEC")


def test_translators_find_the_list_in_the_admin_menu(client, translator):
    html = client.get(reverse("wagtailadmin_home")).content.decode()
    assert "À traduire" in html.encode().decode("unicode_escape") or "À traduire" in html
    assert reverse("translation_status") in html


def test_translator_starts_a_page_translation_and_lands_in_the_editor(
    client, translator, french_page, english, django_capture_on_commit_callbacks
):
    url = start_url(french_page)
    confirmation = client.get(url)
    assert confirmation.status_code == 200
    assert "Un atelier d’été" in confirmation.content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url)
    english_page = french_page.get_translation(english)
    assert not english_page.live
    assert response.status_code == 302
    assert response["Location"] == reverse("wagtailadmin_pages:edit", args=[english_page.pk])
    editor = client.get(response["Location"])
    assert editor.status_code == 200
    assert "js-translation-editor" in editor.content.decode()

    html = client.get(reverse("translation_status"), {"etat": "en_cours"}).content.decode()
    row = row_of(html, "Un atelier d’été")
    assert re.search(r"En cours : 0 segment traduit sur \d+", row)
    assert reverse("wagtailadmin_pages:edit", args=[english_page.pk]) in row


def test_translator_starts_a_snippet_translation(client, translator, english):
    theme = Theme.objects.create(name="Tiers-lieux", slug="tiers-lieux")
    html = client.get(reverse("translation_status"), {"etat": "non_traduit"}).content.decode()
    row = row_of(html, "Tiers-lieux")
    assert start_url(theme) in row
    response = client.post(start_url(theme))
    english_theme = theme.get_translation(english)
    assert response["Location"] == reverse(
        "wagtailsnippets_ressources_theme:edit", args=[quote(english_theme.pk)]
    )
    assert "js-translation-editor" in client.get(response["Location"]).content.decode()


def test_a_child_waits_for_its_parent_to_be_translated(
    client, translator, english, untranslated_parent_and_child
):
    _parent, child = untranslated_parent_and_child
    html = client.get(reverse("translation_status"), {"etat": "non_traduit"}).content.decode()
    row = row_of(html, "Atelier numérique")
    assert start_url(child) not in row
    assert "Traduisez d’abord la page parente" in row
    response = client.post(start_url(child))
    assert response.status_code == 302
    assert not ContentPage.objects.filter(translation_key=child.translation_key, locale=english)


def test_an_out_of_date_page_is_synced_from_the_list_and_keeps_its_translations(
    client, translator, english, changed_charter_source, django_capture_on_commit_callbacks
):
    translation = Translation.objects.get(source=changed_charter_source, target_locale=english)
    sync_url = reverse("translation_sync", args=[translation.pk])

    html = client.get(reverse("translation_status"), {"etat": "a_synchroniser"}).content.decode()
    row = row_of(html, "La charte de NEC")
    assert "Source modifiée : à synchroniser" in row
    assert sync_url in row

    assert client.get(sync_url).status_code == 200
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(sync_url)
    english_charter = CharterPage.objects.get(locale=english)
    assert response["Location"] == reverse("wagtailadmin_pages:edit", args=[english_charter.pk])
    total, done = translation.get_progress()
    assert done == total - 1
    english_html = client.get("/en/charter/").content.decode()
    assert NEW_CHARTER_INTRO not in english_html  # nothing published
    html = client.get(reverse("translation_status"), {"etat": "a_synchroniser"}).content.decode()
    assert "La charte de NEC" not in html


def test_the_translation_editor_offers_the_sync_when_the_source_changed(client, translator):
    charter = CharterPage.objects.get(locale__language_code="fr")
    english_charter = CharterPage.objects.get(locale__language_code="en")
    editor_url = reverse("wagtailadmin_pages:edit", args=[english_charter.pk])
    assert "translation_sync" not in client.get(editor_url).content.decode()
    charter.intro = "<p>Une introduction revue.</p>"
    charter.save_revision().publish()
    translation = Translation.objects.get(
        source__object_id=charter.translation_key, target_locale=english_charter.locale
    )
    html = client.get(editor_url).content.decode()
    assert "a été modifiée depuis la dernière synchronisation" in html
    assert reverse("translation_sync", args=[translation.pk]) in html


def test_a_changed_french_snippet_is_out_of_date(client, translator):
    client.force_login(make_user("administration", superuser=True))
    theme = Theme.objects.get(slug="inclusion-numerique", locale__language_code="fr")
    response = client.post(
        reverse("wagtailsnippets_ressources_theme:edit", args=[quote(theme.pk)]),
        {"name": "Inclusion numérique pour tous", "slug": theme.slug, "description": ""},
    )
    assert response.status_code == 302
    client.force_login(translator)
    html = client.get(reverse("translation_status"), {"etat": "a_synchroniser"}).content.decode()
    assert "Source modifiée" in row_of(html, "Inclusion numérique pour tous")


def test_people_without_the_translation_right_are_refused(client, french_page):
    user = make_user("lecteur")
    user.user_permissions.add(Permission.objects.get(codename="access_admin"))
    client.force_login(user)
    for response in [
        client.get(reverse("translation_status")),
        client.post(start_url(french_page)),
    ]:
        assert response.status_code in (302, 403)
    assert not ContentPage.objects.filter(translation_key=french_page.translation_key).exclude(
        pk=french_page.pk
    )


@pytest.mark.parametrize(
    "path",
    [
        "traductions/traduire/999999/1/en/",
        "traductions/traduire/{page_type}/999999/en/",
        "traductions/traduire/{page_type}/{page}/xx/",
        "traductions/traduire/{page_type}/{page}/fr/",
        "traductions/synchroniser/999999/",
    ],
)
def test_bad_addresses_answer_404(client, translator, french_page, path):
    content_type = ContentType.objects.get_for_model(ContentPage)
    url = "/admin/" + path.format(page_type=content_type.pk, page=french_page.pk)
    assert client.get(url).status_code == 404


def test_the_list_costs_the_same_queries_whatever_the_number_of_rows(client, translator):
    def queries():
        with CaptureQueriesContext(connection) as captured:
            response = client.get(reverse("translation_status"), {"etat": "non_traduit"})
        assert response.status_code == 200
        return len(captured)

    def add_pages(count, start):
        for number in range(start, start + count):
            page = ContentPage(title=f"Page à traduire {number}", slug=f"a-traduire-{number}")
            home_page().add_child(instance=page)
            page.save_revision().publish()

    add_pages(2, 0)
    few = queries()
    add_pages(8, 2)
    assert queries() == few


@pytest.mark.parametrize(
    "query",
    [
        {"etat": "n'importe quoi", "langue": "zz", "type": "home.inconnu"},
        {"p": "abc"},
        {"p": "99999"},
        {"type": "ressources.theme", "etat": "a_jour"},
    ],
)
def test_any_filter_value_gets_a_page(client, translator, query):
    response = client.get(reverse("translation_status"), query)
    assert response.status_code == 200
    if query.get("type") == "ressources.theme":
        html = response.content.decode()
        assert "Inclusion numérique" in html
        assert "La charte de NEC" not in html
