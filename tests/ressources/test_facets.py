"""Each kind of library facet maps URL values to what is stored and lists its options."""

import pytest
from django.utils import translation
from wagtail.models import Locale

from ressources.facets import ChoiceFacet, EditionFacet, TaxonomyFacet
from ressources.library import FACETS
from ressources.licences import DEFAULT_LICENCE, LICENCES
from ressources.models import ResourcePage, Theme
from tests.factories import edition_index, library_page

pytestmark = pytest.mark.django_db


@pytest.fixture
def locale_id():
    return library_page().locale_id


def test_a_taxonomy_facet_reads_slugs_of_the_visitors_language(locale_id):
    facet = TaxonomyFacet("theme", "Thématique", "themes")
    theme = Theme.objects.get(slug="inclusion-numerique", locale_id=locale_id)
    assert facet.resolve(["inclusion-numerique", "nexiste-pas"], ResourcePage, locale_id) == [
        theme.pk
    ]
    options = facet.options({theme.pk: 3}, ResourcePage, locale_id)
    names = [label for _slug, label, _count in options]
    assert names == sorted(names)
    assert ("inclusion-numerique", theme.name, 3) in options
    assert all(count == 0 for slug, _label, count in options if slug != theme.slug)


def test_a_taxonomy_facet_counts_through_the_relation_table():
    sql = TaxonomyFacet("theme", "Thématique", "themes").index_sql(ResourcePage, "agg(pos)")
    through = ResourcePage.themes.through._meta.db_table
    assert f"JOIN {through} t ON t.resourcepage_id = b.pk GROUP BY t.theme_id" in sql
    assert TaxonomyFacet("theme", "", "themes").row_column(ResourcePage) is None


def test_an_edition_facet_offers_editions_with_resources_newest_first(locale_id):
    facet = EditionFacet("edition", "Édition", "edition")
    editions = {page.slug: page for page in edition_index().get_children().specific()}
    lens, lyon = editions["2022-lens"], editions["2020-lyon"]
    # Every language version of the edition: a resource may point to any of them.
    assert set(facet.resolve(["2022-lens", "1999"], ResourcePage, locale_id)) == {
        page.pk for page in lens.get_translations(inclusive=True)
    }
    options = facet.options({lyon.pk: 1, lens.pk: 2}, ResourcePage, locale_id)
    assert options == [("2022-lens", lens.title, 2), ("2020-lyon", lyon.title, 1)]
    assert facet.row_column(ResourcePage) == "edition_id"
    assert facet.index_key("42") == 42


def test_a_choice_facet_keeps_known_codes_in_declared_order():
    facet = ChoiceFacet("licence", "Licence", "licence", [("a", "A"), ("b", "B")])
    assert facet.resolve(["b", "proprietaire", "a"], ResourcePage, None) == ["b", "a"]
    assert facet.options({"b": 4}, ResourcePage, None) == [("a", "A", 0), ("b", "B", 4)]
    assert facet.index_key("b") == "b"
    assert "GROUP BY licence" in facet.index_sql(ResourcePage, "agg(pos)")


def test_every_facet_parameter_is_declared_once():
    params = [facet.param for facet in FACETS]
    assert params == ["theme", "type", "audience", "licence", "edition", "language"]


def test_licences_come_from_one_translated_table():
    field = ResourcePage._meta.get_field("licence")
    assert [code for code, _label in field.choices] == list(LICENCES)
    assert field.default == DEFAULT_LICENCE
    licence_facet = next(facet for facet in FACETS if facet.param == "licence")
    assert licence_facet.choices == [(code, LICENCES[code].short_name) for code in LICENCES]
    labels = dict(field.choices)
    with translation.override("fr"):
        assert str(labels["cc0-1.0"]) == "CC0 1.0 — Creative Commons Zéro 1.0 (domaine public)"
    with translation.override("en"):
        assert str(labels["cc0-1.0"]) == "CC0 1.0 — Creative Commons Zero 1.0 (public domain)"


def test_an_edition_facet_counts_a_translated_resource_under_the_edition_of_its_language():
    """wagtail-localize keeps a translated resource pointing to the French edition: the
    English library offers it under the English edition's slug and title all the same."""
    facet = EditionFacet("edition", "Édition", "edition")
    english_id = Locale.objects.get(language_code="en").pk
    lens = edition_index().get_children().get(slug="2022-lens").specific
    english_lens = lens.get_translation(english_id)
    # One resource still points to the French page, another to the English one.
    options = facet.options({lens.pk: 2, english_lens.pk: 1}, ResourcePage, english_id)
    assert options == [(english_lens.slug, english_lens.title, 3)]
    assert set(facet.resolve([english_lens.slug], ResourcePage, english_id)) == {
        lens.pk,
        english_lens.pk,
    }
