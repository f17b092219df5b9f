"""Page types only go where they make sense, and every field explains itself in French."""

import pytest
from django.apps import apps
from wagtail.models import Page

from editions.models import EditionIndexPage, EditionPage
from home.models import (
    CharterPage,
    ContentPage,
    HomePage,
    LegalPage,
    SitemapPage,
)
from nec_cms.models import Navigation
from tests.factories import edition_index, home_page

pytestmark = pytest.mark.django_db

OUR_PAGE_MODELS = [
    HomePage,
    ContentPage,
    LegalPage,
    CharterPage,
    SitemapPage,
    EditionIndexPage,
    EditionPage,
]


def test_edition_pages_only_go_under_the_edition_index():
    assert EditionPage.can_create_at(edition_index())
    assert not EditionPage.can_create_at(home_page())
    assert not EditionPage.can_create_at(Page.get_first_root_node())
    assert EditionIndexPage.allowed_subpage_models() == [EditionPage]


def test_one_home_one_charter_one_edition_index_one_site_map():
    root = Page.get_first_root_node()
    home = home_page()
    assert not HomePage.can_create_at(root)  # the seed's home already exists
    assert not HomePage.can_create_at(home)
    assert not CharterPage.can_create_at(home)
    assert not EditionIndexPage.can_create_at(home)
    assert not SitemapPage.can_create_at(home)
    assert LegalPage.can_create_at(home)
    assert ContentPage.can_create_at(home)


def test_leaf_pages_have_no_children():
    from editions.models import SessionPage, SpeakerPage

    for model in (CharterPage, LegalPage, SitemapPage, SessionPage, SpeakerPage):
        assert model.allowed_subpage_models() == [], model


def test_an_edition_holds_only_its_programme():
    from editions.models import ProgrammePage

    assert EditionPage.allowed_subpage_models() == [ProgrammePage]


@pytest.mark.parametrize("model", [*OUR_PAGE_MODELS, Navigation])
def test_every_field_has_french_help_text(model):
    own_fields = [
        field
        for field in model._meta.get_fields()
        if getattr(field, "model", None) is model
        and field.concrete
        and not field.auto_created
        and field.name not in {"page_ptr", "id", "translation_key", "locale"}
    ]
    assert own_fields or model in (SitemapPage,)
    for field in own_fields:
        assert str(field.help_text).strip(), f"{model.__name__}.{field.name} has no help text"


def test_intro_field_from_the_mixin_has_help_text():
    assert str(HomePage._meta.get_field("intro").help_text)


def test_page_models_are_registered():
    labels = {m._meta.label for m in apps.get_models()}
    assert {"home.HomePage", "editions.EditionPage", "nec_cms.Navigation"} <= labels
