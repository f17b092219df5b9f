"""Editors and moderators manage the library's themes, types and audiences in the admin; a
term that resources use cannot be deleted by accident; the resource form offers the terms of
the page's own language only."""

import html as htmllib
import re

import pytest
from django.urls import reverse
from wagtail.models import Locale

from ressources.models import Audience, ResourcePage, ResourceType, Theme
from tests.factories import library_page, make_resource, make_user

pytestmark = pytest.mark.django_db

TAXONOMIES = [
    (Theme, "theme"),
    (ResourceType, "resourcetype"),
    (Audience, "audience"),
]


def snippet_url(model_name, view, *args):
    return reverse(f"wagtailsnippets_ressources_{model_name}:{view}", args=args)


def french(model, slug):
    return model.objects.get(slug=slug, locale__language_code="fr")


def english(model, slug):
    """The English translation of the French term ``slug``."""
    return french(model, slug).get_translation(Locale.objects.get(language_code="en"))


# --- Who may manage the taxonomies ---------------------------------------------------------


@pytest.mark.parametrize(("model", "model_name"), TAXONOMIES)
@pytest.mark.parametrize("group", ["Éditeurs", "Modérateurs"])
def test_editors_and_moderators_add_and_change_terms_in_the_admin(client, group, model, model_name):
    client.force_login(make_user("membre", [group]))
    listing = client.get(snippet_url(model_name, "list"))
    assert listing.status_code == 200

    response = client.post(
        snippet_url(model_name, "add") + "?locale=fr",
        {"name": "Tiers-lieux", "slug": "tiers-lieux", "description": ""},
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    term = model.objects.get(slug="tiers-lieux", locale__language_code="fr")

    response = client.post(
        snippet_url(model_name, "edit", term.pk),
        {"name": "Tiers-lieux numériques", "slug": "tiers-lieux", "description": ""},
    )
    assert response.status_code == 302
    term.refresh_from_db()
    assert term.name == "Tiers-lieux numériques"


@pytest.mark.parametrize(("model", "model_name"), TAXONOMIES)
def test_only_moderators_delete_terms(client, model, model_name):
    unused = model.objects.create(
        name="À supprimer", slug="a-supprimer", locale=Locale.objects.get(language_code="fr")
    )
    client.force_login(make_user("editrice", ["Éditeurs"]))
    assert client.get(snippet_url(model_name, "delete", unused.pk)).status_code in (302, 403)
    assert model.objects.filter(pk=unused.pk).exists()

    client.force_login(make_user("moderateur", ["Modérateurs"]))
    assert client.get(snippet_url(model_name, "delete", unused.pk)).status_code == 200
    response = client.post(snippet_url(model_name, "delete", unused.pk))
    assert response.status_code == 302
    assert not model.objects.filter(pk=unused.pk).exists()


# --- A term in use stays ---------------------------------------------------------------------


def messages_on(response):
    html = htmllib.unescape(response.content.decode())
    return [
        re.sub(r"\s+", " ", m)
        for m in re.findall(r'<li class="[^"]*error[^"]*"[^>]*>(.*?)</li>', html, re.S)
    ]


def test_a_theme_used_by_resources_cannot_be_deleted(moderator_client):
    theme = french(Theme, "inclusion-numerique")
    used_by = [
        make_resource("Guide des lieux de médiation", themes=["inclusion-numerique"]),
        make_resource("Fiche atelier", themes=["inclusion-numerique"], publish=False),
    ]
    count = theme.resources.count()
    assert count >= 2

    # The confirmation page is replaced by the reason, and so is the deletion itself.
    for method in (moderator_client.get, moderator_client.post):
        response = method(snippet_url("theme", "delete", theme.pk), follow=True)
        assert response.status_code == 200
        errors = " ".join(messages_on(response))
        assert f"est utilisée par {count} ressources" in errors, errors
        assert "Guide des lieux de médiation" in errors
        assert Theme.objects.filter(pk=theme.pk).exists()
    assert ResourcePage.objects.get(pk=used_by[0].pk).themes.filter(pk=theme.pk).exists()


def test_bulk_deletion_refuses_terms_in_use_too(moderator_client):
    used = french(ResourceType, "guide")
    make_resource("Guide pratique", types=["guide"])
    unused = ResourceType.objects.create(
        name="Affiche", slug="affiche", locale=Locale.objects.get(language_code="fr")
    )
    url = (
        reverse("wagtail_bulk_action", args=("ressources", "resourcetype", "delete"))
        + f"?id={used.pk}&id={unused.pk}"
    )
    response = moderator_client.post(url, follow=True)
    errors = " ".join(messages_on(response))
    assert "« Guide » est utilisé par" in errors, errors
    assert ResourceType.objects.filter(pk=used.pk).exists()


def test_an_unused_audience_is_deleted_with_no_fuss(moderator_client):
    unused = Audience.objects.create(
        name="Bibliothécaires",
        slug="bibliothecaires",
        locale=Locale.objects.get(language_code="fr"),
    )
    response = moderator_client.post(snippet_url("audience", "delete", unused.pk), follow=True)
    assert response.status_code == 200
    assert not Audience.objects.filter(pk=unused.pk).exists()


# --- The resource form speaks the page's language ----------------------------------------


def checkbox_labels(html, field):
    """(value, label) of the checkboxes named ``field``: Django renders
    ``<label for=…><input type="checkbox" name=… value=…> Label</label>``."""
    pattern = rf'<input type="checkbox" name="{field}" value="(\d+)"[^>]*>\s*([^<]+)</label>'
    return [(int(v), label.strip()) for v, label in re.findall(pattern, htmllib.unescape(html))]


def test_a_new_french_resource_offers_french_terms_only(admin_client):
    url = reverse("wagtailadmin_pages:add", args=("ressources", "resourcepage", library_page().pk))
    html = admin_client.get(url).content.decode()
    for model, field in (
        (Theme, "themes"),
        (ResourceType, "resource_types"),
        (Audience, "audiences"),
    ):
        offered = checkbox_labels(html, field)
        french_terms = list(
            model.objects.filter(locale__language_code="fr").values_list("pk", "name")
        )
        assert sorted(offered) == sorted(french_terms), field
    assert "Businesses" not in html
    assert len(checkbox_labels(html, "themes")) == 6


def test_an_english_resource_offers_english_terms_only(admin_client):
    resource = make_resource("Guide des tiers-lieux", themes=["inclusion-numerique"])
    english_library = library_page().get_translation(Locale.objects.get(language_code="en"))
    translated = resource.copy_for_translation(Locale.objects.get(language_code="en"))
    assert translated.get_parent().pk == english_library.pk
    html = admin_client.get(
        reverse("wagtailadmin_pages:edit", args=(translated.pk,))
    ).content.decode()
    offered = dict(checkbox_labels(html, "themes"))
    english_themes = dict(
        Theme.objects.filter(locale__language_code="en").values_list("pk", "name")
    )
    assert offered == english_themes
    assert english(Theme, "inclusion-numerique").pk in offered


def test_a_term_of_another_language_is_refused_not_converted(admin_client):
    from tests.ressources.test_resource_page import admin_add_resource

    other_language = english(Theme, "inclusion-numerique")
    response = admin_add_resource(admin_client, themes=[other_language.pk])
    assert response.status_code == 200
    html = htmllib.unescape(response.content.decode())
    assert "Cochez seulement des thématiques de la langue de la page (français)." in html, html[
        html.find("error-message") :
    ][:600]
    assert not ResourcePage.objects.filter(slug="nouvelle-ressource").exists()


def test_both_versions_of_a_theme_cannot_fill_the_five_theme_limit(admin_client):
    from tests.ressources.test_resource_page import admin_add_resource

    french_themes = list(
        Theme.objects.filter(locale__language_code="fr").values_list("pk", flat=True)[:4]
    )
    english_twin = Theme.objects.get(pk=french_themes[0]).get_translation(
        Locale.objects.get(language_code="en")
    )
    response = admin_add_resource(admin_client, themes=[*french_themes, english_twin.pk])
    assert response.status_code == 200
    assert not ResourcePage.objects.filter(slug="nouvelle-ressource").exists()
