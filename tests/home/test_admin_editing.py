"""Communications staff edit pages in the French admin, and cannot publish inaccessible
content: the accessibility rules of the blocks apply in the real edit views."""

import re
from html import unescape

import pytest
from django.contrib.auth.models import Group
from django.urls import reverse
from django.utils.html import escape
from wagtail.images.models import Image
from wagtail.images.tests.utils import get_test_image_file
from wagtail.models import Workflow
from wagtail.test.utils.form_data import nested_form_data, rich_text, streamfield

from home.models import CharterPage, ContentPage
from tests.factories import home_page, make_user

pytestmark = pytest.mark.django_db


@pytest.fixture
def admin_client(client):
    client.force_login(make_user("redaction", superuser=True))
    return client


@pytest.fixture
def image():
    return Image.objects.create(title="Plénière", file=get_test_image_file())


def add_content_page(client, body, slug="nouvelle-page"):
    url = reverse("wagtailadmin_pages:add", args=("home", "contentpage", home_page().pk))
    data = nested_form_data(
        {
            "title": "Nouvelle page",
            "slug": slug,
            "intro": rich_text("<p>Une page de test.</p>"),
            "body": streamfield(body),
            "action-publish": "publish",
        }
    )
    return client.post(url, data)


def assert_refused(response, message):
    assert response.status_code == 200, "the page must not be saved"
    html = unescape(response.content.decode())
    assert "La page ne peut être créée du fait d'erreurs de validation." in html
    assert message in html, message
    assert not ContentPage.objects.filter(slug="nouvelle-page").exists()


def test_admin_speaks_french(admin_client):
    response = admin_client.get(reverse("wagtailadmin_home"))
    html = response.content.decode()
    assert '<html lang="fr"' in html
    assert "Tableau de bord" in html


def test_editor_can_open_every_seed_page_in_the_admin(admin_client):
    for page in home_page().get_descendants(inclusive=True):
        response = admin_client.get(reverse("wagtailadmin_pages:edit", args=(page.pk,)))
        assert response.status_code == 200, page.url_path
        # The edit form, filled with the page: not an error or a login page.
        assert f'name="title" value="{escape(page.title)}"' in response.content.decode()


def test_admin_publishes_an_accessible_page(admin_client, image):
    response = add_content_page(
        admin_client,
        [
            ("heading", {"text": "Un titre", "level": "h2"}),
            ("image", {"image": image.pk, "alt_text": "La salle plénière", "caption": ""}),
        ],
    )
    assert response.status_code == 302
    page = ContentPage.objects.get(slug="nouvelle-page")
    assert page.live
    assert 'alt="La salle plénière"' in admin_client.get(page.url).content.decode()


def test_admin_refuses_an_image_without_alt_text(admin_client, image):
    response = add_content_page(
        admin_client, [("image", {"image": image.pk, "alt_text": "", "caption": ""})]
    )
    assert_refused(response, "texte alternatif")


def test_admin_accepts_a_decorative_image_without_alt_text(admin_client, image):
    response = add_content_page(
        admin_client,
        [("image", {"image": image.pk, "alt_text": "", "decorative": "on", "caption": ""})],
    )
    assert response.status_code == 302
    page = ContentPage.objects.get(slug="nouvelle-page")
    assert page.live
    saved = page.body[0].value
    assert saved["image"] == image and saved["decorative"] is True
    html = admin_client.get(page.url).content.decode()
    img = re.search(r"<img [^>]*>", html.split("<main", 1)[1]).group(0)
    assert 'alt=""' in img  # screen readers skip it


def test_admin_refuses_a_skipped_heading_level(admin_client):
    response = add_content_page(
        admin_client,
        [
            ("heading", {"text": "Partie", "level": "h2"}),
            ("heading", {"text": "Sous-sous-partie", "level": "h4"}),
        ],
    )
    assert_refused(response, "niveau 3")


def test_admin_refuses_a_vague_call_to_action(admin_client):
    response = add_content_page(
        admin_client,
        [("call_to_action", {"text": "Cliquez ici", "url": "https://example.org/", "page": ""})],
    )
    assert_refused(response, "Texte de lien trop vague")


def test_editors_and_moderators_groups_exist_with_fitting_rights():
    editor = make_user("editrice", ["Éditeurs"])
    moderator = make_user("moderateur", ["Modérateurs"])
    charter = CharterPage.objects.get(locale__language_code="fr")
    editor_perms = charter.permissions_for_user(editor)
    moderator_perms = charter.permissions_for_user(moderator)
    assert editor_perms.can_edit() and not editor_perms.can_publish()
    assert moderator_perms.can_edit() and moderator_perms.can_publish()
    assert editor.has_perm("wagtailadmin.access_admin")
    assert moderator.has_perm("nec_cms.change_navigation")
    assert not editor.has_perm("nec_cms.change_navigation")
    assert not Group.objects.filter(name__in=["Editors", "Moderators"]).exists()


def test_review_workflow_applies_to_the_whole_site():
    workflow = Workflow.objects.get(name="Relecture avant publication")
    assert workflow.active
    for page in home_page().get_descendants(inclusive=True).specific():
        assert page.get_workflow() == workflow, page.url_path
    task = workflow.tasks.get().specific
    assert list(task.groups.values_list("name", flat=True)) == ["Modérateurs"]


def test_an_editor_submits_for_review_and_the_page_stays_unpublished(client):
    editor = make_user("editrice", ["Éditeurs"])
    client.force_login(editor)
    charter = CharterPage.objects.get(locale__language_code="fr")
    url = reverse("wagtailadmin_pages:edit", args=(charter.pk,))
    data = nested_form_data(
        {
            "title": "La charte de NEC (révisée)",
            "slug": charter.slug,
            "intro": rich_text("<p>Nouvelle introduction.</p>"),
            "engagements": streamfield(
                [("engagement", {"title": "Un engagement", "text": rich_text("<p>Texte</p>")})]
            ),
            "body": streamfield([]),
            "action-submit": "submit",
        }
    )
    response = client.post(url, data)
    assert response.status_code == 302
    charter.refresh_from_db()
    assert charter.title == "La charte de NEC"  # live version unchanged until review
    assert charter.has_unpublished_changes
    assert charter.current_workflow_state.status == "in_progress"


def test_accessibility_checker_is_offered_to_logged_in_editors_only(client):
    assert "checker-axe-configuration" not in client.get("/").content.decode()
    client.force_login(make_user("editrice", ["Éditeurs"]))
    assert "checker-axe-configuration" in client.get("/").content.decode()


def test_a_draft_with_an_image_without_alt_text_is_refused_too(admin_client, image):
    url = reverse("wagtailadmin_pages:add", args=("home", "contentpage", home_page().pk))
    data = nested_form_data(
        {
            "title": "Brouillon",
            "slug": "nouvelle-page",
            "intro": rich_text("<p>Brouillon.</p>"),
            "body": streamfield([("image", {"image": image.pk, "alt_text": "", "caption": ""})]),
        }
    )
    assert_refused(admin_client.post(url, data), "texte alternatif")
