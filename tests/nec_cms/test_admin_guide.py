"""Staff find the team's French guide in the admin, and a dashboard that says what they can
start from there."""

import re

import pytest
from django.urls import reverse

from nec_cms.guide import GUIDE_DIR
from tests.factories import make_user

pytestmark = pytest.mark.django_db


@pytest.fixture
def editor_client(client):
    client.force_login(make_user("edith", ["Éditeurs"]))
    return client


def test_every_guide_page_renders_with_admin_links(editor_client):
    names = sorted(path.stem for path in GUIDE_DIR.glob("*.md"))
    assert {"index", "editer", "moderer", "traduire"} <= set(names)
    for name in names:
        response = editor_client.get(reverse("nec_guide_page", args=[name]))
        assert response.status_code == 200, name
        html = response.content.decode()
        for target in re.findall(r'(?:href|src)="([^"]+)"', html):
            assert not target.endswith(".md"), f"{name}: {target} not rewritten"
            if target.startswith("/admin/guide/images/"):
                image = editor_client.get(target)
                assert image.status_code == 200, f"{name}: {target}"
                assert image["Content-Type"] == "image/png"


def test_guide_is_for_staff_only(client):
    response = client.get(reverse("nec_guide"))
    assert response.status_code == 302
    assert reverse("wagtailadmin_login") in response["Location"]


@pytest.mark.parametrize("name", ["absent", "..%2Fsettings", "INDEX"])
def test_unknown_guide_pages_are_not_found(editor_client, name):
    assert editor_client.get(f"/admin/guide/{name}/").status_code == 404


@pytest.mark.parametrize("name", ["absent.png", "x.svg", "..%2F..%2Fmanage.py"])
def test_only_guide_pictures_are_served(editor_client, name):
    response = editor_client.get(f"/admin/guide/images/{name}", follow=True)
    assert response.status_code == 404


def test_help_menu_leads_to_the_french_guide_not_wagtails(editor_client):
    html = editor_client.get(reverse("wagtailadmin_home")).content.decode()
    assert "Guide de l’équipe NEC" in html
    assert "guide.wagtail.org" not in html


def test_editors_can_start_a_resource_from_the_dashboard(editor_client):
    html = editor_client.get(reverse("wagtailadmin_home")).content.decode()
    assert "Bonjour" in html
    link = re.search(r'href="([^"]+)">Ajouter une ressource à la bibliothèque<', html)
    assert link is not None
    assert editor_client.get(link.group(1), follow=True).status_code == 200


def test_translators_are_not_offered_to_add_a_resource(client):
    client.force_login(make_user("tristan", ["Traducteurs"]))
    html = client.get(reverse("wagtailadmin_home")).content.decode()
    assert "Bonjour" in html
    assert "Ajouter une ressource à la bibliothèque" not in html


def menu_labels(items):
    return {str(item.label): item for item in items}


def test_menu_paths_in_the_guide_are_the_menus_staff_see(rf):
    """A path written « **Rapports → État des traductions** » names a top-level item of the
    French admin menu, then an item of its submenu, as a superuser sees them."""
    from django.utils import translation
    from wagtail.admin.menu import SubmenuMenuItem, admin_menu

    request = rf.get("/admin/")
    request.user = make_user("root", superuser=True)
    with translation.override("fr"):
        top = menu_labels(admin_menu.menu_items_for_request(request))
        paths = []
        for path in GUIDE_DIR.glob("*.md"):
            for bold in re.findall(r"\*\*([^*]+)\*\*", path.read_text()):
                if "→" in bold:
                    paths.append((path.name, [part.strip() for part in bold.split("→")]))
        assert paths, "the guide names no menu path"
        for name, (first, second, *_rest) in paths:
            assert first in top, f"{name}: no menu « {first} » in {sorted(top)}"
            item = top[first]
            if isinstance(item, SubmenuMenuItem):
                sub = menu_labels(item.menu.menu_items_for_request(request))
                assert second in sub, f"{name}: no « {second} » under « {first} »: {sorted(sub)}"
