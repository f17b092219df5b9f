"""Security headers, as an HTTP observatory would read them: a strict Content-Security-Policy
on the public site, the relaxed one the Wagtail admin needs only under the admin path."""

import importlib
import re

import pytest
from django.test import override_settings
from django.urls import clear_url_caches, reverse

from tests.factories import home_page, make_user

pytestmark = pytest.mark.django_db

PUBLIC_URLS = ["/", "/editions/", "/editions/2022-lens/", "/charte/", "/plan-du-site/"]


def directives(response):
    policy = response["Content-Security-Policy"]
    return {part.split()[0]: part.split()[1:] for part in policy.split("; ")}


def assert_common_headers(response):
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "strict-origin-when-cross-origin"
    assert response["Cross-Origin-Opener-Policy"] == "same-origin"
    permissions = response["Permissions-Policy"]
    for feature in ("camera", "microphone", "geolocation", "payment", "usb", "browsing-topics"):
        assert f"{feature}=()" in permissions


@pytest.mark.parametrize("url", PUBLIC_URLS)
def test_public_pages_have_a_strict_policy(client, url):
    response = client.get(url)
    assert response.status_code == 200
    assert_common_headers(response)
    assert response["X-Frame-Options"] == "DENY"
    csp = directives(response)
    assert csp["default-src"] == ["'none'"]
    assert csp["script-src"] == ["'self'"]
    assert csp["style-src"] == ["'self'"]
    assert csp["img-src"] == ["'self'", "data:"]
    assert csp["object-src"] == ["'none'"]
    assert csp["base-uri"] == ["'self'"]
    assert csp["form-action"] == ["'self'"]
    assert csp["frame-ancestors"] == ["'none'"]
    assert "unsafe" not in response["Content-Security-Policy"]
    # Over plain HTTP (tests, development) no HSTS: production.py adds it over HTTPS.
    assert "Strict-Transport-Security" not in response


@pytest.mark.parametrize("url", PUBLIC_URLS)
def test_public_pages_need_nothing_inline(client, url):
    """The strict policy fits the pages: no inline script, style element or style attribute."""
    html = client.get(url).content.decode()
    # Data blocks (JSON, JSON-LD) are not scripts: browsers never run them.
    data_blocks = ('type="application/json"', 'type="application/ld+json"')
    for script in re.findall(r"<script\b[^>]*>", html):
        assert "src=" in script or any(kind in script for kind in data_blocks), script
    assert "<style" not in html
    assert not re.search(r"\sstyle=", html)
    assert not re.search(r"\son[a-z]+=", html), "inline event handler"


def test_error_pages_have_the_strict_policy_too(client):
    response = client.get("/cette-page-n-existe-pas/")
    assert response.status_code == 404
    assert directives(response)["script-src"] == ["'self'"]
    assert_common_headers(response)


def test_admin_login_gets_the_relaxed_policy_only_under_the_admin_path(client):
    response = client.get(reverse("wagtailadmin_login"))
    assert response.status_code == 200
    assert_common_headers(response)
    csp = directives(response)
    # Wagtail 7.4's admin runs inline scripts and styles; it never needs eval.
    assert csp["script-src"] == ["'self'", "'unsafe-inline'"]
    assert csp["style-src"] == ["'self'", "'unsafe-inline'"]
    assert "'unsafe-eval'" not in response["Content-Security-Policy"]
    assert csp["frame-ancestors"] == ["'none'"]
    assert csp["object-src"] == ["'none'"]
    assert response["X-Frame-Options"] == "DENY"


def test_logged_in_admin_pages_load_with_the_admin_policy(client):
    client.force_login(make_user("securite", superuser=True))
    for name, args in [
        ("wagtailadmin_home", ()),
        ("wagtailadmin_explore", (home_page().pk,)),
        ("wagtailadmin_pages:edit", (home_page().pk,)),
        ("wagtailimages:index", ()),
        ("wagtaildocs:index", ()),
    ]:
        response = client.get(reverse(name, args=args))
        assert response.status_code == 200, name
        assert "'unsafe-inline'" in directives(response)["script-src"], name


def test_an_editor_on_the_public_site_keeps_the_strict_policy(client):
    """The userbar (and its accessibility checker) works without inline code."""
    client.force_login(make_user("editrice", ["Éditeurs"]))
    response = client.get("/")
    html = response.content.decode()
    assert "wagtail-userbar" in html
    assert directives(response)["script-src"] == ["'self'"]
    # Data blocks (JSON, JSON-LD) are not scripts: browsers never run them.
    data_blocks = ('type="application/json"', 'type="application/ld+json"')
    for script in re.findall(r"<script\b[^>]*>", html):
        assert "src=" in script or any(kind in script for kind in data_blocks), script


def test_previews_may_be_framed_by_the_admin_only(client):
    client.force_login(make_user("apercu", superuser=True))
    response = client.get(reverse("wagtailadmin_pages:preview_on_edit", args=(home_page().pk,)))
    assert response.status_code == 200
    assert response["X-Frame-Options"] == "SAMEORIGIN"
    assert directives(response)["frame-ancestors"] == ["'self'"]


def test_no_third_party_request_from_the_admin(settings):
    assert settings.WAGTAIL_ENABLE_UPDATE_CHECK is False
    assert settings.WAGTAIL_GRAVATAR_PROVIDER_URL is None


@pytest.fixture
def custom_admin_path():
    """Serve the admin under another path, as NEC_ADMIN_PATH would, then restore the URLs."""
    import nec_cms.urls

    with override_settings(NEC_ADMIN_PATH="gestion-nec/"):
        importlib.reload(nec_cms.urls)
        clear_url_caches()
        yield
    importlib.reload(nec_cms.urls)
    clear_url_caches()


def test_the_admin_path_is_configurable(client, custom_admin_path):
    response = client.get("/gestion-nec/login/")
    assert response.status_code == 200
    assert "'unsafe-inline'" in directives(response)["script-src"]
    assert client.get("/admin/login/").status_code == 404
    robots = client.get("/robots.txt").content.decode()
    assert "gestion-nec" not in robots
    assert "Disallow: /admin/" not in robots
