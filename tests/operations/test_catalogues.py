"""The gettext catalogues: one per language under LOCALE_PATHS, complete, in step between
French and English, compiled by `manage.py compile_catalogues` and then used by Django (English
strings, English search URL /en/search/)."""

import importlib
import shutil
from pathlib import Path

import polib
import pytest
from django.conf import settings
from django.core.management import call_command
from django.test.utils import override_settings
from django.urls import clear_url_caches, resolve, reverse
from django.utils import translation
from django.utils.translation.reloader import translation_file_changed

from operations.management.commands.check_catalogues import (
    app_locale_dirs,
    entry_keys,
    override_problems,
    translation_problems,
)
from search.views import search_view

LOCALE_DIR = Path(settings.LOCALE_PATHS[0])
OVERRIDES_DIR = Path(settings.LOCALE_PATHS[1])
LANGUAGE_CODES = [code for code, _name in settings.LANGUAGES]


def catalogue(language, locale_dir=LOCALE_DIR):
    return polib.pofile(str(Path(locale_dir, language, "LC_MESSAGES", "django.po")))


def forget_translations():
    """Forget what Django cached from the catalogues it loaded so far: the translations
    themselves (as the runserver reloader does when a .mo changes) and the per-language URL
    patterns built from them (`path(_("recherche/"), …)` caches one regex per language)."""
    translation_file_changed(sender=None, file_path=Path("django.mo"))
    clear_url_caches()
    importlib.reload(importlib.import_module(settings.ROOT_URLCONF))
    clear_url_caches()


@pytest.fixture
def compiled_catalogues(tmp_path):
    """The committed catalogues compiled by compile_catalogues, in a throwaway copy of
    LOCALE_PATHS: the test never writes into the source tree, and Django loads fresh files."""
    locale_dir = tmp_path / "locale"
    shutil.copytree(LOCALE_DIR, locale_dir, ignore=shutil.ignore_patterns("*.mo"))
    with override_settings(LOCALE_PATHS=[str(locale_dir)]):
        call_command("compile_catalogues", verbosity=0)
        forget_translations()
        try:
            yield locale_dir
        finally:
            translation.deactivate()
    forget_translations()


def test_one_catalogue_per_language_and_no_app_level_locale_dir():
    assert [Path(path) for path in settings.LOCALE_PATHS] == [
        Path(settings.BASE_DIR, "nec_cms", "locale"),
        Path(settings.BASE_DIR, "nec_cms", "locale_overrides"),
    ]
    for code, _name in settings.LANGUAGES:
        assert Path(LOCALE_DIR, code, "LC_MESSAGES", "django.po").is_file(), code
    assert app_locale_dirs(settings.BASE_DIR, settings.LOCALE_PATHS) == []


def test_english_catalogue_has_no_empty_or_fuzzy_entry():
    english = catalogue("en")
    assert not english.metadata_is_fuzzy
    assert len(english) > 0
    assert [entry.msgid for entry in english if entry.fuzzy] == []
    assert [entry.msgid for entry in english.untranslated_entries()] == []
    assert translation_problems(english) == []


def test_french_catalogue_is_complete_and_repeats_the_msgids():
    french = catalogue("fr")
    assert not french.metadata_is_fuzzy
    assert translation_problems(french) == []
    for entry in french:
        if entry.msgid_plural:
            assert entry.msgstr_plural == {0: entry.msgid, 1: entry.msgid_plural}
        else:
            assert entry.msgstr == entry.msgid


def test_french_and_english_catalogues_have_the_same_msgids():
    french, english = entry_keys(catalogue("fr")), entry_keys(catalogue("en"))
    assert sorted(english - french) == []
    assert sorted(french - english) == []


def test_english_search_url_is_in_the_catalogue():
    assert catalogue("en").find("recherche/").msgstr == "search/"


def test_problems_are_reported():
    po = polib.POFile()
    po.append(polib.POEntry(msgid="Vide", msgstr=""))
    po.append(polib.POEntry(msgid="Floue", msgstr="Fuzzy", flags=["fuzzy"]))
    po.append(
        polib.POEntry(msgid="Bonjour %(name)s", msgstr="Hello %(nom)s", flags=["python-format"])
    )
    po.append(
        polib.POEntry(
            msgid="%(n)s page",
            msgid_plural="%(n)s pages",
            msgstr_plural={0: "one page", 1: ""},
            flags=["python-format"],
        )
    )
    po.append(
        polib.POEntry(
            msgid="%(n)s ressource",
            msgid_plural="%(n)s ressources",
            msgstr_plural={0: "one resource", 1: "%(n)s resources"},
            flags=["python-format"],
        )
    )
    assert translation_problems(po) == [
        "empty msgstr: 'Vide'",
        "fuzzy: 'Floue'",
        "placeholders differ from the msgid: 'Bonjour %(name)s'",
        "empty msgstr: '%(n)s page' / plural '%(n)s pages'",
    ]


def test_overrides_translate_upstream_msgids_only():
    assert OVERRIDES_DIR.is_dir()
    assert override_problems(OVERRIDES_DIR, entry_keys(catalogue("fr")), LANGUAGE_CODES) == []


def test_dead_wrong_or_misplaced_overrides_are_reported(tmp_path):
    messages = tmp_path / "fr" / "LC_MESSAGES"
    messages.mkdir(parents=True)
    po = polib.POFile()
    po.append(polib.POEntry(msgid="Locales", msgstr="Langues"))  # wagtail-localize: fine
    po.append(polib.POEntry(msgid="No installed app says this", msgstr="Personne"))
    po.append(polib.POEntry(msgid=SEARCH_LABEL, msgstr="Chercher"))  # one of ours
    po.append(
        polib.POEntry(msgid="{} locales", msgstr="{n} langues", flags=["python-brace-format"])
    )
    po.save(str(messages / "django.po"))
    po.save(str(messages / "other.po"))
    problems = override_problems(tmp_path, entry_keys(catalogue("fr")), LANGUAGE_CODES)
    assert problems == [
        "fr/LC_MESSAGES/django.po:\n"
        "    placeholders differ from the msgid: '{} locales'\n"
        "    no installed app has this msgid any more: 'No installed app says this'\n"
        f"    our own string, translate it in our catalogue: {SEARCH_LABEL!r}",
        "fr/LC_MESSAGES/other.po: a language of LANGUAGES and a domain of ('django', 'djangojs')",
    ]


def test_overrides_win_over_the_upstream_catalogues():
    with translation.override("fr"):
        assert translation.gettext(UPSTREAM_LOCALES) == "Langues"  # wagtail-localize: « Régions »


def test_compile_catalogues_writes_a_mo_for_every_po(compiled_catalogues):
    po_files = sorted(compiled_catalogues.rglob("*.po"))
    assert len(po_files) == len(settings.LANGUAGES)
    for po_path in po_files:
        mo = polib.mofile(str(po_path.with_suffix(".mo")))
        assert len(mo) == len(polib.pofile(str(po_path)).translated_entries())
    assert not list(compiled_catalogues.rglob("*.tmp.mo"))


# Msgids held in variables: a literal gettext() call here would be extracted by makemessages
# and would keep the string "used in the code" even after the templates drop it.
SEARCH_LABEL = "Rechercher sur le site"
RESOURCES = ("%(n)s ressource", "%(n)s ressources")
BYTES = ("file size", "%(size)s octet", "%(size)s octets")
NOT_A_MSGID = "Chaîne absente des catalogues"
UPSTREAM_LOCALES = "Locales"


def test_django_uses_the_compiled_catalogues(compiled_catalogues):
    with translation.override("en"):
        assert translation.gettext(SEARCH_LABEL) == "Search the site"
        assert translation.gettext(NOT_A_MSGID) == NOT_A_MSGID
        assert translation.ngettext(*RESOURCES, 2) == "%(n)s resources"
        assert translation.npgettext(*BYTES, 1) == "%(size)s byte"
    with translation.override("fr"):
        assert translation.gettext(SEARCH_LABEL) == SEARCH_LABEL
        assert translation.ngettext(*RESOURCES, 1) == "%(n)s ressource"
        assert translation.ngettext(*RESOURCES, 2) == "%(n)s ressources"


def test_english_search_is_at_en_search(compiled_catalogues):
    with translation.override("en"):
        match = resolve("/en/search/")
        assert match.func is search_view
        assert match.url_name == "search"
        assert reverse("search") == "/en/search/"
        # The French slug under /en/ is no search page any more (Wagtail's catch-all).
        assert resolve("/en/recherche/").func is not search_view
    with translation.override("fr"):
        assert resolve("/recherche/").func is search_view
        assert reverse("search") == "/recherche/"
