"""Seed text in French and English side by side: the English version of each seed item is
paired with the French one segment by segment, and a difference in structure fails loudly."""

import pytest

from home import seed as home_seed
from home.models import CharterPage, LegalPage
from nec_cms.seed_loader import seed_modules
from nec_cms.seeding import SeedError, SeedPage, Text, english_pairs
from ressources import seed as ressources_seed

pytestmark = pytest.mark.django_db  # a page instance looks its content type up


def declared_items():
    items = [item for module in seed_modules() for item in module.SEED]
    return items + ressources_seed.examples(25)


def no_refs(key):
    return None


@pytest.mark.parametrize("item", declared_items(), ids=lambda item: item.key)
def test_every_seed_item_has_the_same_structure_in_french_and_english(item):
    if not item.translatable:
        return
    pairs = english_pairs(item, "en", no_refs)
    assert pairs, item.key
    assert all(french and english for french, english in pairs)


def test_french_and_english_are_paired_by_position_not_by_sentence():
    edited = SeedPage(
        key=home_seed.CHARTER.key,
        model=CharterPage,
        parent="home:home",
        fields=dict(home_seed.CHARTER.fields, title=Text("La charte révisée", "The NEC charter")),
    )
    pairs = english_pairs(edited, "en", no_refs)
    assert ("La charte révisée", "The NEC charter") in pairs
    assert ("charte", "charter") in pairs  # the English slug comes from the seed too


@pytest.mark.parametrize(
    ("intro", "facts"),
    [
        (Text("<p>Un.</p><p>Deux.</p>", "<p>One and two.</p>"), []),  # a paragraph less
        ("<p>Un.</p>", [("fact", {"label": Text("Hébergeur", "Host"), "value": Text("", "OVH")})]),
    ],
)
def test_a_translation_with_another_structure_is_refused(intro, facts):
    item = SeedPage(
        key="test:legal",
        model=LegalPage,
        parent="home:home",
        fields={"slug": "test", "title": "Test", "intro": intro, "facts": facts},
    )
    with pytest.raises(SeedError, match="test:legal: the French and en versions differ"):
        english_pairs(item, "en", no_refs)


def test_the_english_keyed_by_french_table_is_gone():
    import importlib.util

    assert importlib.util.find_spec("nec_cms.seed_en") is None
