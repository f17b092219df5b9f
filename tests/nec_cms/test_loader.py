"""`load_nec_content` loads what every app's `seed.py` declares: it creates what is missing,
never overwrites, never duplicates, and never brings back what editors deleted."""

import ast
from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import call_command
from django.test import Client
from wagtail.models import Page, Revision, Site
from wagtail_localize.models import Translation, TranslationSource

from editions.models import EditionPage
from home.models import CharterPage, HomePage, LegalPage
from nec_cms.models import Navigation, SeedRecord
from nec_cms.seed_loader import in_dependency_order, seed_modules
from nec_cms.seeding import Ref, SeedError, SeedPage, SeedSnippet

pytestmark = pytest.mark.django_db

SHELL = Path(settings.BASE_DIR) / "nec_cms"


def tree_snapshot():
    return list(
        Page.objects.order_by("path").values_list(
            "path", "slug", "title", "content_type__model", "live", "latest_revision_id"
        )
    )


def test_loading_twice_leaves_the_same_tree():
    before = tree_snapshot()
    revisions = Revision.objects.count()
    records = SeedRecord.objects.count()
    call_command("load_nec_content", verbosity=0)
    call_command("load_nec_content", verbosity=0)
    assert tree_snapshot() == before
    assert Revision.objects.count() == revisions
    assert SeedRecord.objects.count() == records
    assert Navigation.objects.count() == 2  # French and English


def test_every_seed_item_is_recorded_in_both_languages():
    keys = {item.key for module in seed_modules() for item in module.SEED}
    recorded = SeedRecord.objects.values_list("key", "locale__language_code")
    assert {key for key, language in recorded if language == "fr"} == keys
    translatable = {
        item.key for module in seed_modules() for item in module.SEED if item.translatable
    }
    assert {key for key, language in recorded if language == "en"} == translatable


def test_the_default_site_serves_the_home_page():
    site = Site.objects.get(is_default_site=True)
    assert isinstance(site.root_page.specific, HomePage)
    assert HomePage.objects.filter(locale__language_code="fr").count() == 1
    # Wagtail's placeholder "Welcome" page is gone.
    others = Page.objects.filter(depth=2).exclude(pk=site.root_page_id)
    assert [page.specific_class for page in others] == [HomePage]  # the English home only


def test_a_renamed_page_is_kept_and_a_deleted_page_stays_deleted():
    charter = CharterPage.objects.get(locale__language_code="fr")
    charter.slug = "notre-charte"
    charter.save_revision().publish()
    LegalPage.objects.get(slug="accessibilite", locale__language_code="fr").delete()
    live = Page.objects.live().count()

    call_command("load_nec_content", verbosity=0)

    assert Page.objects.live().count() == live
    assert not Page.objects.filter(slug="charte").exists()
    assert not Page.objects.filter(slug="accessibilite").exists()
    assert not Page.objects.filter(slug__endswith="-1").exists()
    assert CharterPage.objects.filter(locale__language_code="fr").get().slug == "notre-charte"
    assert Client().get("/notre-charte/").status_code == 200
    assert Client().get("/en/charter/").status_code == 200
    assert Client().get("/en/accessibility/").status_code == 200  # the translation is kept


def test_a_deleted_translation_stays_deleted():
    CharterPage.objects.get(locale__language_code="en").delete()
    call_command("load_nec_content", verbosity=0)
    assert not CharterPage.objects.filter(locale__language_code="en").exists()
    assert CharterPage.objects.filter(locale__language_code="fr").exists()


def test_a_french_text_changed_before_its_translation_waits_for_translators():
    english = CharterPage.objects.get(locale__language_code="en")
    SeedRecord.objects.filter(key="home:charter", locale=english.locale).delete()
    english.delete()  # as if the charter had never been translated
    charter = CharterPage.objects.get(locale__language_code="fr")
    charter.title = "Notre charte"
    charter.save_revision().publish()

    call_command("load_nec_content", verbosity=0)

    english = CharterPage.objects.get(locale__language_code="en")
    assert english.title == "Notre charte"  # no seed translation for this text
    assert english.engagements[0].value["title"] == "Guarantee openness and access for everyone"
    source = TranslationSource.objects.get_for_instance(charter)
    total, done = Translation.objects.get(
        source=source, target_locale=english.locale
    ).get_progress()
    assert done == total - 1


def test_editor_changes_survive_a_reload():
    charter = CharterPage.objects.get(locale__language_code="fr")
    charter.title = "Notre charte"
    charter.engagements = [(c.block_type, c.value) for c in charter.engagements[:2]]
    charter.save_revision().publish()
    EditionPage.objects.get(slug="2022-lens", locale__language_code="fr").delete()

    call_command("load_nec_content", verbosity=0)

    charter.refresh_from_db()
    assert charter.title == "Notre charte"
    assert len(charter.engagements) == 2
    assert not EditionPage.objects.filter(slug="2022-lens", locale__language_code="fr").exists()


def test_a_database_loaded_before_seed_keys_is_adopted_once_by_slug():
    before = tree_snapshot()
    snippets = Navigation.objects.count()
    records = set(SeedRecord.objects.values_list("key", "locale_id", "translation_key"))
    SeedRecord.objects.all().delete()  # as loaded by the loader that found pages by slug

    call_command("load_nec_content", verbosity=0)

    assert tree_snapshot() == before
    assert Navigation.objects.count() == snippets
    assert set(SeedRecord.objects.values_list("key", "locale_id", "translation_key")) == records


def test_menus_edited_by_editors_are_not_reset():
    navigation = Navigation.objects.get(locale__language_code="fr")
    navigation.footer_text = "Texte de l’équipe"
    navigation.main_menu = []
    navigation.save()
    call_command("load_nec_content", verbosity=0)
    navigation.refresh_from_db()
    assert navigation.footer_text == "Texte de l’équipe"
    assert len(navigation.main_menu) == 0


def test_the_plain_command_prints_what_it_did(capsys):
    call_command("load_nec_content", verbosity=1)
    assert "Contenu NEC en place (0 élément(s) ajouté(s))." in capsys.readouterr().out


@pytest.mark.parametrize(
    "url", ["/en/", "/en/charter/", "/en/editions/2022-lens/", "/en/resources/"]
)
def test_english_routes_answer_after_loading(client, url):
    assert client.get(url).status_code == 200


def test_every_page_knows_how_many_children_it_has():
    """Translations are published as they are made, never later from a stale copy of a
    parent: treebeard's child counts, which routing trusts, stay exact."""
    for page in Page.objects.all():
        children = Page.objects.filter(path__startswith=page.path, depth=page.depth + 1)
        assert page.numchild == children.count(), page.url_path


def test_english_seed_pages_are_published_and_complete():
    english = Page.objects.filter(locale__language_code="en").exclude(depth=1)
    assert english.count() == Page.objects.filter(locale__language_code="fr", depth__gt=1).count()
    for page in english:
        assert page.live and not page.has_unpublished_changes, page.url_path
        source = TranslationSource.objects.get(object_id=page.translation_key)
        translation = Translation.objects.get(source=source, target_locale=page.locale)
        total, done = translation.get_progress()
        assert total > 0 and done == total, page.url_path


def test_seed_modules_are_discovered_in_installed_apps_order():
    names = [module.__name__ for module in seed_modules()]
    assert names == [
        "home.seed",
        "editions.seed",
        "ressources.seed",
        "agenda.seed",
        "opendata.seed",
    ]


def test_the_shell_imports_no_domain_app():
    domain = {"home", "editions", "ressources", "search", "agenda", "opendata"}
    for path in SHELL.rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text())):
            if isinstance(node, ast.ImportFrom) and node.module:
                assert node.module.split(".")[0] not in domain, path
            elif isinstance(node, ast.Import):
                assert not {alias.name.split(".")[0] for alias in node.names} & domain, path


def page(key, parent, **fields):
    return SeedPage(key=key, model=CharterPage, parent=parent, fields=fields)


def test_items_load_after_what_they_depend_on():
    child = page("test:child", "test:parent", title="Enfant")
    parent = page("test:parent", None, title="Parent")
    menu = SeedSnippet(
        key="test:menu",
        model=Navigation,
        adopt_by=(),
        fields={"main_menu": [("item", {"page": Ref("test:child")})]},
    )
    assert [item.key for item in in_dependency_order([menu, child, parent])] == [
        "test:parent",
        "test:child",
        "test:menu",
    ]


@pytest.mark.parametrize(
    ("items", "message"),
    [
        ([page("test:a", "test:missing", title="A")], "refers to 'test:missing'"),
        ([page("test:a", "test:b", title="A"), page("test:b", "test:a", title="B")], "depend on"),
        ([page("test:a", None, title="A"), page("test:a", None, title="B")], "Two seed items"),
    ],
)
def test_a_broken_seed_declaration_fails_loudly(items, message):
    with pytest.raises(SeedError, match=message):
        in_dependency_order(items)
