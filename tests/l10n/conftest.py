"""What the translation tests share: the English locale, a translator logged in, a new
French page to translate, the French charter changed since its translation, and a new
French page whose parent is not translated either."""

import pytest
from wagtail.models import Locale
from wagtail_localize.models import TranslationSource

from home.models import CharterPage, ContentPage
from tests.factories import home_page, make_user


@pytest.fixture
def english():
    return Locale.objects.get(language_code="en")


@pytest.fixture
def translator(client):
    user = make_user("traductrice", ["Traducteurs"])
    client.force_login(user)
    return user


@pytest.fixture
def translator_client(client, translator):
    return client


@pytest.fixture
def french_page():
    page = ContentPage(
        title="Un atelier d’été",
        slug="un-atelier-d-ete",
        intro="<p>Rendez-vous en juillet pour apprendre ensemble.</p>",
    )
    home_page().add_child(instance=page)
    page.save_revision().publish()
    return page


NEW_CHARTER_INTRO = "Une nouvelle introduction de la charte."


@pytest.fixture
def changed_charter_source():
    """The French charter with a new sentence, published: the TranslationSource its English
    translation now lags behind."""
    charter = CharterPage.objects.get(locale__language_code="fr")
    charter.intro = f"<p>{NEW_CHARTER_INTRO}</p>"
    charter.save_revision().publish()
    return TranslationSource.objects.get_for_instance(charter)


@pytest.fixture
def untranslated_parent_and_child():
    """A new French page and its child, both published, neither translated."""
    parent = ContentPage(title="Nos ateliers", slug="nos-ateliers")
    home_page().add_child(instance=parent)
    parent.save_revision().publish()
    child = ContentPage(title="Atelier numérique", slug="atelier-numerique")
    parent.add_child(instance=child)
    child.save_revision().publish()
    return parent, child
