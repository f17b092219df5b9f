"""`load_nec_content` creates what is missing, never overwrites, never duplicates."""

import pytest
from django.core.management import call_command
from wagtail.models import Page, Revision, Site

from editions.models import EditionPage
from home.models import CharterPage, HomePage
from nec_cms.models import Navigation

pytestmark = pytest.mark.django_db


def tree_snapshot():
    return list(
        Page.objects.order_by("path").values_list(
            "path", "slug", "title", "content_type__model", "live", "latest_revision_id"
        )
    )


def test_loading_twice_leaves_the_same_tree():
    before = tree_snapshot()
    revisions = Revision.objects.count()
    call_command("load_nec_content", verbosity=0)
    call_command("load_nec_content", verbosity=0)
    assert tree_snapshot() == before
    assert Revision.objects.count() == revisions
    assert Navigation.objects.count() == 2  # French and English


def test_the_default_site_serves_the_home_page():
    site = Site.objects.get(is_default_site=True)
    assert isinstance(site.root_page.specific, HomePage)
    assert HomePage.objects.filter(locale__language_code="fr").count() == 1
    # Wagtail's placeholder "Welcome" page is gone.
    others = Page.objects.filter(depth=2).exclude(pk=site.root_page_id)
    assert [page.specific_class for page in others] == [HomePage]  # the English home only


def test_editor_changes_survive_a_reload():
    charter = CharterPage.objects.get(locale__language_code="fr")
    charter.title = "Notre charte"
    charter.engagements = [(c.block_type, c.value) for c in charter.engagements[:2]]
    charter.save_revision().publish()
    lens = EditionPage.objects.get(slug="2022-lens", locale__language_code="fr")
    lens.delete()  # a deleted seed page comes back, but the edited one is left alone

    call_command("load_nec_content", verbosity=0)

    charter.refresh_from_db()
    assert charter.title == "Notre charte"
    assert len(charter.engagements) == 2
    assert EditionPage.objects.filter(slug="2022-lens", locale__language_code="fr").count() == 1


def test_menus_edited_by_editors_are_not_reset():
    settings = Navigation.objects.get(locale__language_code="fr")
    settings.footer_text = "Texte de l’équipe"
    settings.main_menu = []
    settings.save()
    call_command("load_nec_content", verbosity=0)
    settings.refresh_from_db()
    assert settings.footer_text == "Texte de l’équipe"
    assert len(settings.main_menu) == 0


def test_the_plain_command_prints_what_it_did(capsys):
    call_command("load_nec_content", verbosity=1)
    assert "Contenu NEC en place" in capsys.readouterr().out
