"""Error pages speak French, stay light, and the 500 page renders without the database."""

from unittest import mock

import pytest
from django.core.exceptions import PermissionDenied
from django.db import OperationalError
from django.test import Client
from django.utils import translation
from django.views.defaults import permission_denied

from home.models import HomePage
from nec_cms.views import server_error


def assert_light_error_page(html, lang="fr"):
    assert f'<html lang="{lang}"' in html
    assert html.count("<h1") == 1
    assert "<main" in html
    assert "<script" not in html
    assert "style=" not in html


def test_the_500_page_renders_without_the_database(rf):
    """No `db` fixture: pytest-django refuses any query, so touching the database fails."""
    with translation.override("fr"):
        response = server_error(rf.get("/"))
    assert response.status_code == 500
    html = response.content.decode()
    assert "Une erreur est survenue" in html
    assert 'href="/"' in html
    assert_light_error_page(html)


def test_the_500_page_follows_the_language_of_the_url(rf):
    with translation.override("en"):
        html = server_error(rf.get("/en/")).content.decode()
    assert '<html lang="en"' in html
    assert 'href="/en/"' in html


@pytest.mark.django_db
def test_a_database_away_gives_a_503_that_asks_to_come_back_not_a_traceback():
    """Stopped, restarting or out of connections, the database is away for a moment: visitors,
    crawlers and the proxy are told so, and when to come back."""
    client = Client(raise_request_exception=False)
    with mock.patch(
        "django.db.backends.base.base.BaseDatabaseWrapper.ensure_connection",
        side_effect=OperationalError("connexion perdue"),
    ):
        response = client.get("/charte/")
    assert response.status_code == 503
    assert response["Retry-After"] == "30"
    assert "no-store" in response["Cache-Control"]
    assert not response.cookies
    html = response.content.decode()
    assert "Site momentanément indisponible" in html
    assert "connexion perdue" not in html
    assert "Traceback" not in html
    assert_light_error_page(html)


@pytest.mark.django_db
def test_any_other_failure_gives_the_500_page_not_a_traceback():
    client = Client(raise_request_exception=False)
    with mock.patch.object(HomePage, "serve", side_effect=ValueError("valeur inattendue")):
        response = client.get("/")
    assert response.status_code == 500
    assert "Retry-After" not in response
    html = response.content.decode()
    assert "Une erreur est survenue" in html
    assert "valeur inattendue" not in html
    assert "Traceback" not in html


@pytest.mark.django_db
def test_a_bad_host_gives_the_french_400_page(client):
    response = client.get("/", HTTP_HOST="attaquant.example")
    assert response.status_code == 400
    html = response.content.decode()
    assert "Requête incorrecte" in html
    assert_light_error_page(html)


def test_the_403_page_is_french(rf):
    with translation.override("fr"):
        response = permission_denied(rf.get("/"), PermissionDenied())
    assert response.status_code == 403
    html = response.content.decode()
    assert "Accès refusé" in html
    assert_light_error_page(html)


@pytest.mark.django_db
def test_an_expired_form_gives_the_french_csrf_page():
    client = Client(enforce_csrf_checks=True)
    response = client.post("/admin/login/", {"username": "x", "password": "y"})
    assert response.status_code == 403
    html = response.content.decode()
    assert "Formulaire expiré" in html
    assert_light_error_page(html)


@pytest.mark.django_db
def test_the_404_page_is_french(client):
    response = client.get("/nulle-part/")
    assert response.status_code == 404
    assert "Page introuvable" in response.content.decode()


@pytest.mark.django_db
def test_the_404_page_links_to_pages_in_the_visitors_language(client):
    french = client.get("/nulle-part/").content.decode()
    assert 'href="/editions/"' in french
    assert 'href="/plan-du-site/"' in french
    english = client.get("/en/nowhere/")
    assert english.status_code == 404
    html = english.content.decode()
    assert 'href="/en/editions/"' in html
    assert 'href="/en/site-map/"' in html
    assert 'href="/plan-du-site/"' not in html
