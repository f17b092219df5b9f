"""Who may keep a response, and for how long (caching.middleware): anonymous public pages
may be shared by Varnish (`s-maxage`) and briefly kept by browsers (`max-age`); anything
personal says `private, no-store`."""

import pytest
from django.http import HttpResponse
from django.test import RequestFactory, override_settings
from django.urls import reverse
from wagtail.contrib.redirects.models import Redirect
from wagtail.models import PageViewRestriction

from caching.middleware import CacheControlMiddleware
from tests.factories import edition_index, home_page, make_user

pytestmark = pytest.mark.django_db

PRIVATE = "private, no-store"


def vary(response):
    return {value.strip().lower() for value in response.get("Vary", "").split(",")}


def test_an_anonymous_public_page_may_be_shared(client):
    response = client.get("/")
    assert response.status_code == 200
    assert response["Cache-Control"] == "public, max-age=60, s-maxage=300"
    assert not response.cookies


def test_lifetimes_come_from_the_settings_and_browsers_never_keep_longer(client):
    with override_settings(NEC_PAGE_CACHE_SECONDS=120, NEC_BROWSER_CACHE_SECONDS=30):
        assert client.get("/editions/")["Cache-Control"] == "public, max-age=30, s-maxage=120"
    with override_settings(NEC_PAGE_CACHE_SECONDS=120, NEC_BROWSER_CACHE_SECONDS=600):
        assert client.get("/editions/")["Cache-Control"] == "public, max-age=120, s-maxage=120"
    with override_settings(NEC_PAGE_CACHE_SECONDS=0):
        assert client.get("/editions/")["Cache-Control"] == "no-cache"


def test_head_and_not_found_are_shared_too(client):
    assert client.head("/")["Cache-Control"] == "public, max-age=60, s-maxage=300"
    missing = client.get("/cette-page-n-existe-pas/")
    assert missing.status_code == 404
    assert missing["Cache-Control"] == "public, max-age=60, s-maxage=300"


def test_a_temporary_redirect_is_not_shared(client):
    Redirect.add_redirect("/bientot", redirect_to="/editions/", is_permanent=False)
    response = client.get("/bientot")
    assert response.status_code == 302
    assert response["Cache-Control"] == "no-cache"


def test_the_admin_is_private(client):
    login = client.get(reverse("wagtailadmin_login"))
    assert login.status_code == 200
    assert login["Cache-Control"] == PRIVATE
    assert "csrftoken" in login.cookies, "the login form sets its CSRF cookie"
    assert client.get(reverse("wagtailadmin_home"))["Cache-Control"] == PRIVATE  # redirect


@override_settings(NEC_ADMIN_PATH="gestion-nec/")
def test_the_admin_path_comes_from_the_settings():
    request = RequestFactory().get("/gestion-nec/pages/")
    response = CacheControlMiddleware(lambda request: HttpResponse("admin"))(request)
    assert response["Cache-Control"] == PRIVATE


def test_a_logged_in_visitor_gets_a_private_page(client):
    client.force_login(make_user("redaction", superuser=True))
    response = client.get("/")
    assert response.status_code == 200
    assert response["Cache-Control"] == PRIVATE
    assert "cookie" in vary(response)
    assert "w-userbar" in response.content.decode(), "the editor's own page: userbar"


def test_a_session_cookie_alone_makes_the_response_private(client):
    client.cookies["sessionid"] = "expiree-ou-inconnue"
    assert client.get("/")["Cache-Control"] == PRIVATE


def test_a_view_that_chose_its_cache_control_keeps_it_unless_personal(client):
    assert client.get("/robots.txt")["Cache-Control"] == "max-age=86400, public"
    client.force_login(make_user("redaction", superuser=True))
    assert client.get("/robots.txt")["Cache-Control"] == PRIVATE


def test_a_preview_is_private():
    """Wagtail runs a preview through the whole middleware chain with a dummy request for the
    page's public URL: no session needed for it to be private."""
    response = home_page().make_preview_request()
    assert response.status_code == 200
    assert response["Cache-Control"] == PRIVATE


def test_a_preview_in_the_admin_is_private(client):
    client.force_login(make_user("redaction", superuser=True))
    page = home_page()
    url = reverse("wagtailadmin_pages:preview_on_edit", args=(page.pk,))
    response = client.get(url)
    assert response["Cache-Control"] == PRIVATE


def test_a_form_with_its_csrf_token_is_private(client):
    """A password-protected page shows a form with a CSRF token: the token is the visitor's."""
    PageViewRestriction.objects.create(
        page=edition_index(), restriction_type="password", password="partenaires"
    )
    response = client.get("/editions/")
    assert response.status_code == 200
    assert 'name="csrfmiddlewaretoken"' in response.content.decode()
    assert "csrftoken" in response.cookies
    assert response["Cache-Control"] == PRIVATE


def test_a_view_that_sets_a_cookie_is_private():
    def sets_a_cookie(request):
        response = HttpResponse("bonjour")
        response.set_cookie("choix", "oui")
        return response

    def sets_the_header_itself(request):
        response = HttpResponse("bonjour")
        response["Set-Cookie"] = "choix=oui; Path=/"
        return response

    for view in (sets_a_cookie, sets_the_header_itself):
        response = CacheControlMiddleware(view)(RequestFactory().get("/"))
        assert response["Cache-Control"] == PRIVATE, view.__name__


def test_a_post_is_private(client):
    response = client.post("/", {"q": "numérique"})
    assert response["Cache-Control"] == PRIVATE
    response = client.post("/recherche/", {"q": "numérique"})
    assert response["Cache-Control"] == PRIVATE


def test_a_view_cannot_make_a_personal_response_public():
    def public_view(request):
        response = HttpResponse("bonjour")
        response["Cache-Control"] = "public, max-age=3600"
        response.set_cookie("choix", "oui")
        return response

    response = CacheControlMiddleware(public_view)(RequestFactory().get("/"))
    assert response["Cache-Control"] == PRIVATE
