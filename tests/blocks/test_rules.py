"""Pure accessibility rules: no database, no Wagtail block."""

from types import SimpleNamespace

import pytest
from django.utils import translation

from blocks.rules import (
    alt_text_problem,
    describe_document,
    format_file_size,
    inspect_rich_text,
    is_rtl_language,
    is_vague_link_text,
    looks_like_file_name,
    normalize_language_tag,
    normalize_text,
    outline_problems,
    rich_text_is_blank,
)


@pytest.fixture(autouse=True)
def french():
    with translation.override("fr"):
        yield


def test_normalize_text_folds_case_accents_punctuation_and_spaces():
    assert normalize_text("  « Cliquez   ICI ! »  ") == "cliquez ici"
    assert normalize_text("Accédez à l’espace") == "accedez a l espace"
    assert normalize_text("En savoir +") == "en savoir"


@pytest.mark.parametrize(
    "text",
    [
        "Cliquez ici",
        "CLIQUEZ ICI !",
        "cliquer ici",
        "ici",
        "Ici.",
        "En savoir plus",
        "En savoir plus…",
        "  en   SAVOIR   plus ",
        "En savoir +",
        "Lire la suite",
        "lire la suite →",
        "La suite",
        "suite",
        "Plus",
        "Voir",
        "Voir plus",
        "En lire plus",
        "Lien",
        "Click here",
        "Read more",
        "here",
        "More",
        "Plus d’infos",
        "",
        "   ",
        "→",
    ],
)
def test_vague_link_texts_are_detected(text):
    assert is_vague_link_text(text)


@pytest.mark.parametrize(
    "text",
    [
        "En savoir plus sur la charte",
        "Lire la suite de l’article sur les ateliers",
        "Consulter le programme 2025",
        "Ici et ailleurs : la médiation numérique",
        "Voir les ateliers de Lyon",
        "Plus de 2 000 participants",
    ],
)
def test_descriptive_link_texts_are_accepted(text):
    assert not is_vague_link_text(text)


@pytest.mark.parametrize("alt", ["image", "Photo", "ILLUSTRATION", "Une image", "logo", "visuel"])
def test_generic_alt_texts_are_refused(alt):
    message = alt_text_problem(alt)
    assert message is not None
    assert "ne décrit pas l’image" in str(message)


@pytest.mark.parametrize("alt", ["IMG_1234.jpg", "DSC0042", "atelier-lyon.png", "photo_2024.webp"])
def test_file_names_are_refused_as_alt_text(alt):
    assert "nom de fichier" in str(alt_text_problem(alt))


def test_alt_text_matching_the_uploaded_file_name_is_refused():
    assert looks_like_file_name("atelier_lyon_2024", "original_images/atelier_lyon_2024.jpg")
    assert looks_like_file_name("Atelier lyon 2024", "original_images/atelier-lyon-2024.jpg")
    assert alt_text_problem("atelier_lyon_2024", "original_images/atelier_lyon_2024.jpg")


def test_descriptive_alt_text_is_accepted():
    alt = "Des participantes échangent autour d’une table lors d’un atelier"
    assert alt_text_problem(alt, "original_images/atelier_lyon_2024.jpg") is None
    assert alt_text_problem("Image de synthèse du futur tiers-lieu de Brest") is None
    assert alt_text_problem("") is None  # emptiness is judged by the block, not here


@pytest.mark.parametrize(
    ("tag", "expected"),
    [
        ("en", "en"),
        ("EN-gb", "en-GB"),
        ("de", "de"),
        ("es-419", "es-419"),
        ("it", "it"),
        ("oc", "oc"),
        ("br", "br"),
        ("ar", "ar"),
        ("zh-hant-tw", "zh-Hant-TW"),
        ("gcf", "gcf"),
        (" pt_BR ", "pt-BR"),
    ],
)
def test_valid_language_tags_are_normalized(tag, expected):
    assert normalize_language_tag(tag) == expected


@pytest.mark.parametrize(
    "tag", ["", "anglais", "english", "xx", "e", "en-", "en--GB", "12", "fr-<b>"]
)
def test_invalid_language_tags_are_refused(tag):
    assert normalize_language_tag(tag) is None


def test_right_to_left_languages():
    assert is_rtl_language("ar")
    assert is_rtl_language("he-IL")
    assert not is_rtl_language("en")
    assert not is_rtl_language("ku-Latn")


def test_inspect_rich_text_finds_headings_links_and_embeds():
    summary = inspect_rich_text(
        '<h2 data-block-key="a">Titre</h2><p>Voir <a href="https://x.fr">le <b>programme</b></a>'
        ' et <a linktype="page" id="3">ici</a></p><h4>Sous-titre</h4>'
        '<embed embedtype="image" id="1" format="left" alt="x"/>'
    )
    assert summary.headings == [2, 4]
    assert [link.text for link in summary.links] == ["le programme", "ici"]
    assert summary.links[1].linktype == "page"
    assert summary.embedded == [("embed", "image")]


def test_rich_text_blankness():
    assert rich_text_is_blank("")
    assert rich_text_is_blank("<p></p>")
    assert rich_text_is_blank("<p> <br/> </p>")
    assert not rich_text_is_blank("<p>Bonjour</p>")


@pytest.mark.parametrize("levels", [[2, 3, 4], [2, 2, 3], [2, 3, 4, 2], [2, 3, 4, 3, 2, 3]])
def test_good_outlines(levels):
    assert outline_problems(levels) == []


def test_skipped_level_is_reported_with_the_level_to_use():
    problems = outline_problems([2, 4])
    assert [problem.position for problem in problems] == [1]
    assert str(problems[0].message) == (
        "Niveau de titre sauté : un titre de niveau 4 ne peut pas suivre un titre de "
        "niveau 2. Utilisez un titre de niveau 3."
    )


def test_first_heading_must_be_level_two():
    problems = outline_problems([3, 4])
    assert [problem.position for problem in problems] == [0]
    assert "Le premier titre du contenu doit être de niveau 2" in str(problems[0].message)


def test_level_one_is_reserved_for_the_page_title():
    problems = outline_problems([2, 1])
    assert [problem.position for problem in problems] == [1]
    assert "réservé au titre de la page" in str(problems[0].message)


def test_outline_can_continue_from_a_previous_level():
    assert outline_problems([4], previous_level=3) == []
    assert [p.position for p in outline_problems([4], previous_level=2)] == [0]


@pytest.mark.parametrize(
    ("size", "expected"),
    [
        (1, "1 octet"),
        (512, "512 octets"),
        (2048, "2\xa0Ko"),
        (350 * 1024 + 200, "350\xa0Ko"),
        (int(1.2 * 1024 * 1024), "1,2\xa0Mo"),
        (5 * 1024 * 1024, "5\xa0Mo"),
        (int(2.5 * 1024**3), "2,5\xa0Go"),
    ],
)
def test_file_sizes_use_french_units_and_decimal_comma(size, expected):
    assert format_file_size(size) == expected


def test_describe_document_states_format_and_size():
    document = SimpleNamespace(
        title="Programme", file_extension="pdf", file_size=int(1.2 * 1024 * 1024)
    )
    assert describe_document(document) == "Programme (PDF, 1,2\xa0Mo)"
    assert describe_document(document, title="Programme 2025") == "Programme 2025 (PDF, 1,2\xa0Mo)"


def test_describe_document_without_known_size():
    class MissingFile:
        name = "documents/charte.odt"

        @property
        def size(self):
            raise FileNotFoundError

    document = SimpleNamespace(
        title="Charte", file_extension="odt", file_size=None, file=MissingFile()
    )
    assert describe_document(document) == "Charte (ODT)"
