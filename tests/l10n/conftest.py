"""What the translation tests share: the English locale, a translator logged in, and a new
French page to translate."""

import pytest
from wagtail.models import Locale

from home.models import ContentPage
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
