"""The accessible block library: each rule refuses a bad value and accepts a good one, through
the block API, and the templates render accessible HTML."""

import inspect
import re

import pytest
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.template.loader import render_to_string
from django.utils import translation
from wagtail import blocks as wagtail_blocks
from wagtail.blocks import StreamBlockValidationError, StructBlockValidationError
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.images.tests.utils import get_test_image_file
from wagtail.models import Page

import blocks as nec_blocks
from blocks import (
    RICH_TEXT_FEATURES,
    AccessibleStreamBlock,
    AccessibleStructBlock,
    AccordionBlock,
    BodyStreamBlock,
    CallToActionBlock,
    DocumentBlock,
    EmbedBlock,
    ForeignLanguageBlock,
    HeadingBlock,
    ImageBlock,
    KeyFiguresBlock,
    LinkBlock,
    MediaBlock,
    ParagraphBlock,
    QuoteBlock,
    TableBlock,
    collect_heading_levels,
    describe_document,
)
from tests.html import captioned_figures

TRANSCRIPT = "<p>Bonjour à toutes et à tous, bienvenue à Numérique en Commun[s].</p>"


# --------------------------------------------------------------------------------------
# Helpers and fixtures
# --------------------------------------------------------------------------------------


def all_messages(error):
    """Every message of a (possibly nested) block validation error, as strings."""
    if isinstance(error, StreamBlockValidationError | StructBlockValidationError):
        messages = [str(m) for e in error.non_block_errors.as_data() for m in e.messages]
        for child in error.block_errors.values():
            messages.extend(all_messages(child))
        return messages
    if hasattr(error, "block_errors"):  # ListBlockValidationError
        messages = [str(m) for e in error.non_block_errors.as_data() for m in e.messages]
        for child in error.block_errors.values():
            messages.extend(all_messages(child))
        return messages
    return [str(message) for message in error.messages]


def field_messages(error, name):
    assert name in error.block_errors, f"no error on {name!r}: {dict(error.block_errors)}"
    return all_messages(error.block_errors[name])


def clean(block, raw):
    return block.clean(block.to_python(raw))


@pytest.fixture(autouse=True)
def french():
    with translation.override("fr"):
        yield


@pytest.fixture
def media_root(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    return tmp_path


@pytest.fixture
def image(media_root):
    return get_image_model().objects.create(
        title="atelier_lyon_2024", file=get_test_image_file("atelier_lyon_2024.png")
    )


@pytest.fixture
def make_document(media_root):
    def make(name, size=64, title="Programme"):
        document = get_document_model()(title=title)
        document.file.save(name, ContentFile(b"x" * size), save=False)
        document.save()
        return document

    return make


def image_raw(image_id, **values):
    raw = {"image": image_id, "alt_text": "", "decorative": False, "caption": "", "credit": ""}
    raw.update(values)
    return raw


def heading(text, level):
    return {"type": "heading", "value": {"text": text, "level": level}}


def paragraph(html):
    return {"type": "paragraph", "value": html}


# --------------------------------------------------------------------------------------
# Images
# --------------------------------------------------------------------------------------


@pytest.mark.django_db
def test_image_without_alt_text_is_refused(image):
    with pytest.raises(StructBlockValidationError) as excinfo:
        clean(ImageBlock(), image_raw(image.pk))
    assert any(
        "Ajoutez un texte alternatif" in m for m in field_messages(excinfo.value, "alt_text")
    )


@pytest.mark.django_db
@pytest.mark.parametrize(
    "alt", ["image", "Photo", "illustration", "IMG_1234.jpg", "atelier_lyon_2024"]
)
def test_image_with_meaningless_alt_text_is_refused(image, alt):
    with pytest.raises(StructBlockValidationError) as excinfo:
        clean(ImageBlock(), image_raw(image.pk, alt_text=alt))
    assert "alt_text" in excinfo.value.block_errors


@pytest.mark.django_db
def test_image_with_alt_text_or_decorative_is_accepted(image):
    value = clean(ImageBlock(), image_raw(image.pk, alt_text="Atelier de médiation à Lyon"))
    assert value["image"] == image
    assert value.alt == "Atelier de médiation à Lyon"
    decorative = clean(ImageBlock(), image_raw(image.pk, decorative=True))
    assert decorative.alt == ""


@pytest.mark.django_db
def test_missing_alt_text_is_refused_even_in_a_draft(image):
    """Drafts are checked too: an approved draft is published without another check."""
    block = ImageBlock()
    for alt_text in ("", "photo"):
        with pytest.raises(StructBlockValidationError) as excinfo:
            block.clean_deferred(block.to_python(image_raw(image.pk, alt_text=alt_text)))
        assert field_messages(excinfo.value, "alt_text"), alt_text


@pytest.mark.django_db
def test_image_renders_responsive_webp_lazy_figure(image):
    block = ImageBlock()
    html = block.render(
        block.to_python(
            image_raw(image.pk, alt_text="Atelier à Lyon", caption="NEC 2024", credit="Photo : NEC")
        )
    )
    img = re.search(r"<img[^>]*>", html).group(0)
    assert 'alt="Atelier à Lyon"' in img
    assert 'loading="lazy"' in img
    assert "srcset=" in img and 'sizes="' in img
    assert re.search(r'width="\d+"', img) and re.search(r'height="\d+"', img)
    assert ".webp" in img
    assert "<figure" in html and "<figcaption" in html and "NEC 2024" in html


@pytest.mark.django_db
@pytest.mark.parametrize(
    "caption, credit, expected",
    [
        ("NEC 2024 à Lyon", "Photo : NEC", "NEC 2024 à Lyon Photo : NEC"),
        ("« Ateliers » & échanges", "", "« Ateliers » & échanges"),
        ("", "Photo : Jeanne Martin, CC BY", "Photo : Jeanne Martin, CC BY"),
    ],
)
def test_a_captioned_image_is_a_figure_named_by_its_caption(image, caption, credit, expected):
    """RGAA 1.9.1: role="figure" and an aria-label identical to the <figcaption>."""
    block = ImageBlock()
    raw = image_raw(image.pk, alt_text="Atelier à Lyon", caption=caption, credit=credit)
    html = block.render(block.to_python(raw))
    assert captioned_figures(html) == [("figure", expected, expected)]


@pytest.mark.django_db
def test_an_image_without_caption_is_a_plain_figure(image):
    block = ImageBlock()
    html = block.render(block.to_python(image_raw(image.pk, alt_text="Atelier à Lyon")))
    assert "<figcaption" not in html
    assert "aria-label" not in html and "role=" not in html


@pytest.mark.django_db
def test_decorative_image_renders_empty_alt(image):
    block = ImageBlock()
    html = block.render(block.to_python(image_raw(image.pk, alt_text="ignoré", decorative=True)))
    img = re.search(r"<img[^>]*>", html).group(0)
    assert 'alt=""' in img
    assert "ignoré" not in html


# --------------------------------------------------------------------------------------
# Headings and outline
# --------------------------------------------------------------------------------------


@pytest.mark.parametrize("text", ["", "   ", "\n\t"])
def test_empty_heading_is_refused(text):
    with pytest.raises(StructBlockValidationError) as excinfo:
        clean(HeadingBlock(), {"text": text, "level": "h2"})
    assert any("Saisissez le texte du titre" in m for m in field_messages(excinfo.value, "text"))


def test_heading_is_accepted_and_rendered_at_its_level():
    block = HeadingBlock()
    value = clean(block, {"text": "Les ateliers", "level": "h3"})
    assert block.render(value).strip() == '<h3 class="nec-heading">Les ateliers</h3>'


def test_heading_level_outside_h2_h4_is_refused():
    with pytest.raises(StructBlockValidationError) as excinfo:
        clean(HeadingBlock(), {"text": "Titre", "level": "h1"})
    assert "level" in excinfo.value.block_errors


def test_outline_h2_h3_h4_is_accepted():
    block = BodyStreamBlock()
    value = clean(block, [heading("A", "h2"), heading("B", "h3"), heading("C", "h4")])
    assert [child.block_type for child in value] == ["heading"] * 3


def test_outline_h4_back_to_h2_is_accepted():
    block = BodyStreamBlock()
    value = clean(
        block, [heading("A", "h2"), heading("B", "h3"), heading("C", "h4"), heading("D", "h2")]
    )
    assert [child.value["text"] for child in value] == ["A", "B", "C", "D"]
    assert block.outline_errors(value) == {}


def test_skipped_heading_level_is_refused_at_the_offending_block():
    block = BodyStreamBlock()
    with pytest.raises(StreamBlockValidationError) as excinfo:
        clean(block, [heading("A", "h2"), paragraph("<p>Texte</p>"), heading("B", "h4")])
    assert set(excinfo.value.block_errors) == {2}
    assert all_messages(excinfo.value.block_errors[2]) == [
        "Niveau de titre sauté : un titre de niveau 4 ne peut pas suivre un titre de niveau 2. "
        "Utilisez un titre de niveau 3."
    ]
    # On a heading block, the message is shown on its level field.
    assert "level" in excinfo.value.block_errors[2].block_errors


def test_first_heading_must_be_h2():
    block = BodyStreamBlock()
    with pytest.raises(StreamBlockValidationError) as excinfo:
        clean(block, [paragraph("<p>Intro</p>"), heading("A", "h3"), heading("B", "h4")])
    assert set(excinfo.value.block_errors) == {1}
    assert "doit être de niveau 2" in all_messages(excinfo.value.block_errors[1])[0]


def test_headings_inside_rich_text_count_in_the_outline():
    block = BodyStreamBlock()
    # h2 block, then a paragraph whose h4 skips h3.
    with pytest.raises(StreamBlockValidationError) as excinfo:
        clean(block, [heading("A", "h2"), paragraph("<p>Texte</p><h4>Détail</h4>")])
    assert set(excinfo.value.block_errors) == {1}
    assert "Niveau de titre sauté" in all_messages(excinfo.value.block_errors[1])[0]
    # The paragraph's own h3 makes the following h4 block legitimate.
    clean(
        block, [heading("A", "h2"), paragraph("<h3>Sous-partie</h3><p>x</p>"), heading("B", "h4")]
    )


def test_headings_inside_nested_blocks_count_in_the_outline():
    block = BodyStreamBlock()
    foreign = {
        "type": "foreign_language",
        "value": {"lang": "en", "text": "<h4>Summary</h4><p>Digital inclusion.</p>"},
    }
    with pytest.raises(StreamBlockValidationError) as excinfo:
        clean(block, [heading("A", "h2"), foreign])
    assert set(excinfo.value.block_errors) == {1}


def test_outline_errors_are_merged_with_block_errors():
    block = BodyStreamBlock()
    with pytest.raises(StreamBlockValidationError) as excinfo:
        clean(
            block,
            [heading("A", "h2"), {"type": "quote", "value": {"quote": "", "source": ""}},
             heading("B", "h4")],
        )  # fmt: skip
    assert set(excinfo.value.block_errors) == {1, 2}


class CardBlock(wagtail_blocks.StructBlock):
    """A block from another app that renders an h3 title in its template."""

    title = wagtail_blocks.CharBlock()

    def get_headings(self, value):
        return [3]


class ResourceStreamBlock(AccessibleStreamBlock):
    heading = HeadingBlock()
    card = CardBlock()


def test_other_apps_extend_the_outline_through_get_headings():
    block = ResourceStreamBlock()
    card = {"type": "card", "value": {"title": "Guide"}}
    clean(block, [heading("A", "h2"), card])
    with pytest.raises(StreamBlockValidationError) as excinfo:
        clean(block, [card])
    assert set(excinfo.value.block_errors) == {0}
    assert collect_heading_levels(block, block.to_python([heading("A", "h2"), card])) == [2, 3]


def test_nested_stream_can_start_at_a_deeper_level():
    block = AccessibleStreamBlock([("heading", HeadingBlock())], first_heading_level=3)
    value = clean(block, [heading("A", "h3"), heading("B", "h4")])
    assert [child.value["text"] for child in value] == ["A", "B"]
    with pytest.raises(StreamBlockValidationError) as excinfo:
        clean(block, [heading("A", "h4")])
    assert "doit être de niveau 3" in all_messages(excinfo.value.block_errors[0])[0]


# --------------------------------------------------------------------------------------
# Rich text
# --------------------------------------------------------------------------------------


def test_paragraph_features_exclude_h1_and_images():
    assert ParagraphBlock().features == RICH_TEXT_FEATURES
    assert "h1" not in RICH_TEXT_FEATURES and "image" not in RICH_TEXT_FEATURES
    assert set(RICH_TEXT_FEATURES) == {
        "h2", "h3", "h4", "bold", "italic", "ol", "ul", "link", "document-link"
    }  # fmt: skip


@pytest.mark.parametrize(
    ("html", "expected"),
    [
        ("<h1>Titre</h1><p>x</p>", "Titre de niveau 1 interdit"),
        ("<h5>Titre</h5><p>x</p>", "Titre de niveau 5 non autorisé"),
        ("<h6>Titre</h6><p>x</p>", "Titre de niveau 6 non autorisé"),
        ('<p>x</p><embed embedtype="image" id="1" format="fullwidth" alt="x"/>', "images"),
        ('<p><img src="https://tiers.example/pixel.gif" alt=""></p>', "images"),
        ('<p>Le programme : <a href="https://nec.fr/p">cliquez ici</a></p>', "cliquez ici"),
        ('<p><a linktype="page" id="3">En savoir plus</a></p>', "En savoir plus"),
        ('<p><a href="https://nec.fr/p"> </a>x</p>', "pas de texte visible"),
        ("<p> </p>", "Ce texte est vide"),
    ],
)
def test_rich_text_refuses_what_the_editor_would_not_allow(html, expected):
    with pytest.raises(ValidationError) as excinfo:
        clean(ParagraphBlock(), html)
    assert any(expected in message for message in all_messages(excinfo.value))


def test_rich_text_accepts_allowed_content_and_descriptive_links():
    html = (
        '<h2 data-block-key="a1">Le programme</h2><p><b>Deux jours</b> d’<i>ateliers</i> : '
        '<a href="https://nec.fr/programme">consulter le programme 2025</a>, '
        '<a linktype="document" id="4">télécharger la charte (PDF)</a>.</p>'
        "<ul><li>un</li></ul><ol><li>deux</li></ol><h3>Suite</h3><h4>Détail</h4>"
    )
    value = clean(ParagraphBlock(), html)
    assert value.source == html


# --------------------------------------------------------------------------------------
# Audio and video
# --------------------------------------------------------------------------------------


def media_raw(**values):
    raw = {
        "kind": "video",
        "title": "Retour sur NEC 2024",
        "file": None,
        "url": "https://peertube.example.org/w/nec-2024",
        "transcript": TRANSCRIPT,
        "captions": None,
    }
    raw.update(values)
    return raw


@pytest.mark.parametrize("transcript", ["", "<p></p>", "<p> <br/> </p>"])
def test_media_without_transcript_is_refused(transcript):
    with pytest.raises(StructBlockValidationError) as excinfo:
        clean(MediaBlock(), media_raw(transcript=transcript))
    assert any("Ajoutez la transcription" in m for m in field_messages(excinfo.value, "transcript"))


def test_media_with_transcript_is_accepted():
    value = clean(MediaBlock(), media_raw())
    assert value["transcript"].source == TRANSCRIPT


def test_media_needs_a_file_or_an_address():
    with pytest.raises(StructBlockValidationError) as excinfo:
        clean(MediaBlock(), media_raw(url=""))
    assert any("fichier" in m for m in all_messages(excinfo.value))


@pytest.mark.django_db
def test_media_refuses_both_file_and_address_wrong_format_and_audio_captions(make_document):
    video = make_document("retour.mp4")
    pdf = make_document("programme.pdf")
    vtt = make_document("retour.vtt")
    block = MediaBlock()
    with pytest.raises(StructBlockValidationError) as excinfo:
        clean(block, media_raw(file=video.pk))
    assert excinfo.value.non_block_errors
    with pytest.raises(StructBlockValidationError) as excinfo:
        clean(block, media_raw(file=pdf.pk, url=""))
    assert "file" in excinfo.value.block_errors
    with pytest.raises(StructBlockValidationError) as excinfo:
        clean(
            block, media_raw(kind="audio", file=make_document("a.mp3").pk, url="", captions=vtt.pk)
        )
    assert "captions" in excinfo.value.block_errors
    with pytest.raises(StructBlockValidationError) as excinfo:
        clean(block, media_raw(file=video.pk, url="", captions=pdf.pk))
    assert "captions" in excinfo.value.block_errors
    assert clean(block, media_raw(file=video.pk, url="", captions=vtt.pk))["file"] == video


def test_external_media_renders_a_link_and_the_transcript_never_a_player():
    block = MediaBlock()
    html = block.render(block.to_python(media_raw()))
    assert "<details" in html and "<summary>Transcription" in html
    assert "Bonjour à toutes et à tous" in html
    assert 'href="https://peertube.example.org/w/nec-2024"' in html
    assert "peertube.example.org</a>" in html
    for tag in ("<video", "<audio", "<iframe"):
        assert tag not in html


@pytest.mark.django_db
def test_hosted_video_renders_player_with_captions(make_document):
    video = make_document("retour.mp4")
    vtt = make_document("retour.vtt")
    block = MediaBlock()
    html = block.render(block.to_python(media_raw(file=video.pk, url="", captions=vtt.pk)))
    assert re.search(r'<video[^>]*controls[^>]*preload="none"', html)
    assert f'src="{video.url}"' in html
    assert f'<track kind="captions" src="{vtt.url}" srclang="fr"' in html
    assert "<details" in html


@pytest.mark.django_db
def test_hosted_audio_renders_audio_player(make_document):
    audio = make_document("entretien.mp3")
    block = MediaBlock()
    html = block.render(block.to_python(media_raw(kind="audio", file=audio.pk, url="")))
    assert re.search(r'<audio[^>]*controls[^>]*preload="none"', html)
    assert "<video" not in html and "<track" not in html


# --------------------------------------------------------------------------------------
# External content
# --------------------------------------------------------------------------------------


@pytest.mark.parametrize("title", ["", "   ", "iframe", "Vidéo"])
def test_embed_without_meaningful_title_is_refused(title):
    with pytest.raises(StructBlockValidationError) as excinfo:
        clean(EmbedBlock(), {"url": "https://carto.example.org/lieux", "title": title})
    assert "title" in excinfo.value.block_errors


def test_embed_with_title_is_accepted():
    value = clean(
        EmbedBlock(), {"url": "https://carto.example.org/lieux", "title": "Carte des lieux"}
    )
    assert value["title"] == "Carte des lieux"


def test_embed_from_a_host_not_allowed_renders_a_link_and_no_iframe(settings):
    settings.NEC_EMBED_ALLOWED_HOSTS = []
    block = EmbedBlock()
    html = block.render(
        block.to_python({"url": "https://www.youtube.com/embed/abc", "title": "Les ateliers"})
    )
    assert "<iframe" not in html
    assert "Voir « Les ateliers » sur youtube.com" in html
    assert 'href="https://www.youtube.com/embed/abc"' in html


def test_embed_from_an_allowed_host_renders_a_titled_lazy_iframe(settings):
    settings.NEC_EMBED_ALLOWED_HOSTS = ["carto.example.org", ".peertube.example"]
    block = EmbedBlock()
    html = block.render(block.to_python({"url": "https://carto.example.org/l", "title": "Carte"}))
    assert re.search(r'<iframe[^>]*title="Carte"[^>]*src="https://carto.example.org/l"', html)
    assert 'loading="lazy"' in html
    sub = block.to_python({"url": "https://video.peertube.example/e/1", "title": "Vidéo NEC"})
    assert sub.is_allowed
    evil = block.to_python({"url": "https://carto.example.org.evil.test/x", "title": "Carte"})
    assert not evil.is_allowed


# --------------------------------------------------------------------------------------
# Links and buttons
# --------------------------------------------------------------------------------------


def cta_raw(**values):
    raw = {"text": "S’inscrire à NEC 2025", "page": None, "url": "https://nec.fr/inscription"}
    raw["style"] = "primary"
    raw.update(values)
    return raw


@pytest.mark.parametrize("text", ["Cliquez ici", "EN SAVOIR PLUS !", "Lire la suite…", "read more"])
def test_call_to_action_with_vague_text_is_refused(text):
    with pytest.raises(StructBlockValidationError) as excinfo:
        clean(CallToActionBlock(), cta_raw(text=text))
    assert any("trop vague" in m for m in field_messages(excinfo.value, "text"))


def test_call_to_action_with_descriptive_text_is_accepted_and_rendered():
    block = CallToActionBlock()
    value = clean(block, cta_raw(style="secondary"))
    html = block.render(value)
    assert 'class="nec-button nec-button--secondary" href="https://nec.fr/inscription"' in html
    assert "S’inscrire à NEC 2025" in html


def test_link_needs_a_page_or_an_address():
    with pytest.raises(StructBlockValidationError) as excinfo:
        clean(LinkBlock(), {"text": "Consulter la charte", "page": None, "url": ""})
    assert any("Indiquez où mène le lien" in m for m in all_messages(excinfo.value))


def test_link_with_vague_text_is_refused():
    with pytest.raises(StructBlockValidationError) as excinfo:
        clean(LinkBlock(), {"text": "ici", "page": None, "url": "https://nec.fr"})
    assert "text" in excinfo.value.block_errors


@pytest.mark.django_db
def test_link_refuses_page_and_address_together_and_accepts_a_page():
    page = Page.get_first_root_node() or Page.add_root(instance=Page(title="Racine", slug="racine"))
    block = LinkBlock()
    with pytest.raises(StructBlockValidationError) as excinfo:
        clean(block, {"text": "La charte", "page": page.pk, "url": "https://nec.fr"})
    assert any("pas les deux" in m for m in all_messages(excinfo.value))
    value = clean(block, {"text": "La charte", "page": page.pk, "url": ""})
    assert value["page"].pk == page.pk


# --------------------------------------------------------------------------------------
# Tables
# --------------------------------------------------------------------------------------


def table_raw(**values):
    raw = {
        "table_caption": "Participation par édition",
        "table_header_choice": "row",
        "first_row_is_table_header": True,
        "first_col_is_header": False,
        "data": [["Édition", "Participants"], ["2024", "1 500"]],
    }
    raw.update(values)
    return raw


@pytest.mark.parametrize("caption", ["", "  ", None])
def test_table_without_caption_is_refused(caption):
    with pytest.raises(ValidationError) as excinfo:
        clean(TableBlock(), table_raw(table_caption=caption))
    assert any("Ajoutez une légende" in m for m in all_messages(excinfo.value))


def test_table_without_header_is_refused():
    raw = table_raw(
        table_header_choice="neither", first_row_is_table_header=False, first_col_is_header=False
    )
    with pytest.raises(ValidationError) as excinfo:
        clean(TableBlock(), raw)
    assert any("cellules d’en-tête" in m for m in all_messages(excinfo.value))


def test_table_with_caption_and_header_is_accepted():
    value = clean(TableBlock(), table_raw())
    assert value["first_row_is_table_header"] is True


def test_table_renders_caption_and_header_cells():
    block = TableBlock()
    html = block.render(clean(block, table_raw(table_header_choice="both")))
    assert "<caption>Participation par édition</caption>" in html
    assert '<th scope="col"' in html and ">Édition</th>" in html
    assert '<th scope="row"' in html and ">2024</th>" in html


def test_table_from_older_data_with_column_header_is_accepted():
    raw = table_raw(first_row_is_table_header=False, first_col_is_header=True)
    del raw["table_header_choice"]
    value = clean(TableBlock(), raw)
    assert value["first_col_is_header"] is True


# --------------------------------------------------------------------------------------
# Passages in another language
# --------------------------------------------------------------------------------------


@pytest.mark.parametrize("lang", ["anglais", "xx", "en_", "12", ""])
def test_foreign_language_with_invalid_code_is_refused(lang):
    with pytest.raises(StructBlockValidationError) as excinfo:
        clean(ForeignLanguageBlock(), {"lang": lang, "text": "<p>Hello</p>"})
    assert "lang" in excinfo.value.block_errors


def test_foreign_language_is_accepted_normalized_and_rendered_with_lang():
    block = ForeignLanguageBlock()
    value = clean(block, {"lang": "EN-gb", "text": "<p>Digital inclusion for all.</p>"})
    assert value["lang"] == "en-GB"
    html = block.render(value)
    assert re.search(r'<div[^>]* lang="en-GB"', html)
    assert "Digital inclusion for all." in html
    assert 'dir="rtl"' not in html
    arabic = block.render(clean(block, {"lang": "ar", "text": "<p>مرحبا</p>"}))
    assert 'lang="ar"' in arabic and 'dir="rtl"' in arabic


# --------------------------------------------------------------------------------------
# Quotes, key figures, documents, accordions
# --------------------------------------------------------------------------------------


def test_quote_without_source_is_refused():
    with pytest.raises(StructBlockValidationError) as excinfo:
        clean(QuoteBlock(), {"quote": "Le numérique pour tous.", "source": " ", "cite": ""})
    assert "source" in excinfo.value.block_errors


def test_quote_is_accepted_and_rendered_with_cite():
    block = QuoteBlock()
    value = clean(
        block,
        {"quote": "Le numérique pour tous.", "source": "Marie D.", "cite": "https://nec.fr/q"},
    )
    html = block.render(value)
    assert '<blockquote class="nec-quote__text" cite="https://nec.fr/q">' in html
    assert "<figcaption" in html and "Marie D." in html


def test_key_figures_render_french_grouping_with_non_breaking_space():
    block = KeyFiguresBlock()
    value = clean(
        block,
        {"figures": [{"value": 2000, "unit": "", "label": "participants"},
                     {"value": 1234567, "unit": "%", "label": "x"}]},
    )  # fmt: skip
    html = block.render(value)
    assert "2\xa0000" in html
    assert "1\xa0234\xa0567\xa0%" in html
    assert "<ul" in html and "<li" in html


def test_key_figure_needs_a_label_and_a_positive_number():
    block = KeyFiguresBlock()
    with pytest.raises(StructBlockValidationError) as excinfo:
        clean(block, {"figures": [{"value": 2000, "unit": "", "label": " "}]})
    assert any("Dites ce que compte ce chiffre" in m for m in all_messages(excinfo.value))
    with pytest.raises(StructBlockValidationError):
        clean(block, {"figures": [{"value": -5, "unit": "", "label": "x"}]})
    with pytest.raises(StructBlockValidationError):
        clean(block, {"figures": []})


@pytest.mark.django_db
def test_document_link_states_format_and_size(make_document):
    document = make_document("programme.pdf", size=int(1.2 * 1024 * 1024))
    assert describe_document(document) == "Programme (PDF, 1,2\xa0Mo)"
    block = DocumentBlock()
    value = clean(block, {"document": document.pk, "title": ""})
    html = block.render(value)
    assert "Programme (PDF, 1,2\xa0Mo)</a>" in html
    assert f'href="{document.url}"' in html
    titled = block.render(clean(block, {"document": document.pk, "title": "Programme 2025"}))
    assert "Programme 2025 (PDF, 1,2\xa0Mo)" in titled


@pytest.mark.django_db
def test_document_with_vague_title_is_refused(make_document):
    document = make_document("programme.pdf")
    with pytest.raises(StructBlockValidationError) as excinfo:
        clean(DocumentBlock(), {"document": document.pk, "title": "Télécharger"})
    assert "title" in excinfo.value.block_errors


def test_accordion_question_must_not_be_empty():
    with pytest.raises(StructBlockValidationError) as excinfo:
        clean(AccordionBlock(), {"questions": [{"question": "  ", "answer": "<p>Oui.</p>"}]})
    assert any("Saisissez la question" in m for m in all_messages(excinfo.value))


def test_accordion_renders_details_and_summary():
    block = AccordionBlock()
    value = clean(
        block,
        {"questions": [{"question": "Est-ce gratuit ?", "answer": "<p>Oui, c’est gratuit.</p>"}]},
    )
    html = block.render(value)
    assert re.search(r"<details[^>]*>\s*<summary[^>]*>Est-ce gratuit \?</summary>", html)
    assert "Oui, c’est gratuit." in html


# --------------------------------------------------------------------------------------
# Every block: label, description, preview, help texts
# --------------------------------------------------------------------------------------

# Building blocks meant to be subclassed, not used as such.
ABSTRACT_BLOCKS = {AccessibleStructBlock}

LIBRARY_BLOCKS = sorted(
    (
        cls
        for cls in (getattr(nec_blocks, name) for name in nec_blocks.__all__)
        if inspect.isclass(cls)
        and issubclass(cls, wagtail_blocks.Block)
        and cls.__module__.startswith("blocks")
        and cls not in ABSTRACT_BLOCKS
    ),
    key=lambda cls: cls.__name__,
)


def is_ours(block):
    return type(block).__module__.startswith("blocks")


def walk(block, path, parent=None):
    """Yield (path, block, parent block) for the block and every descendant."""
    yield path, block, parent
    children = getattr(block, "child_blocks", None) or {}
    for name, child in children.items():
        yield from walk(child, f"{path}.{name}", block)
    if isinstance(block, wagtail_blocks.ListBlock):
        yield from walk(block.child_block, f"{path}[]", block)


def help_text_of(block):
    if isinstance(block, wagtail_blocks.FieldBlock):
        return block.field.help_text
    return getattr(block.meta, "help_text", None)


def same_in_french_and_english(text):
    """A French source string must read as itself in French: no other app's catalogue
    (Wagtail's French one, say) may pick it up and change it."""
    msgid = getattr(text, "_args", (str(text),))[-1]
    with translation.override("fr"):
        return str(text) == str(msgid)


def test_library_has_the_expected_blocks():
    names = {cls.__name__ for cls in LIBRARY_BLOCKS}
    assert {
        "AccessibleStreamBlock", "BodyStreamBlock", "HeadingBlock", "ParagraphBlock",
        "ImageBlock", "MediaBlock", "EmbedBlock", "TableBlock", "QuoteBlock", "KeyFiguresBlock",
        "DocumentBlock", "CallToActionBlock", "LinkBlock", "AccordionBlock",
        "ForeignLanguageBlock",
    } <= names  # fmt: skip
    assert list(BodyStreamBlock().child_blocks) == [
        "heading", "paragraph", "image", "media", "embed", "table", "quote", "key_figures",
        "document", "call_to_action", "accordion", "foreign_language",
    ]  # fmt: skip


@pytest.mark.parametrize("block_class", LIBRARY_BLOCKS, ids=lambda cls: cls.__name__)
def test_every_block_and_child_is_documented_for_editors(block_class):
    for path, block, parent in walk(block_class(), block_class.__name__):
        if is_ours(block):
            assert block.meta.label, f"{path}: no label"
            assert block.get_description(), f"{path}: no description"
            assert block.meta.icon and block.meta.icon != "placeholder", f"{path}: no icon"
            assert hasattr(block.meta, "preview_value") or (
                type(block).get_preview_value is not wagtail_blocks.Block.get_preview_value
            ), f"{path}: no preview value"
            for text in (block.meta.label, block.get_description()):
                assert same_in_french_and_english(text), f"{path}: {text!r} is translated away"
        # Fields of a struct need a help text; stream children and list items are blocks
        # with their own description.
        if isinstance(parent, wagtail_blocks.StructBlock):
            help_text = help_text_of(block)
            assert help_text, f"{path}: no help_text"
            assert same_in_french_and_english(help_text), f"{path}: help_text translated away"


NON_DB_PREVIEW_BLOCKS = [cls for cls in LIBRARY_BLOCKS if not cls.preview_uses_db]
DB_PREVIEW_BLOCKS = [cls for cls in LIBRARY_BLOCKS if cls.preview_uses_db]


@pytest.mark.parametrize("block_class", NON_DB_PREVIEW_BLOCKS, ids=lambda cls: cls.__name__)
def test_preview_renders_without_database(block_class):
    block = block_class()
    value = block.get_preview_value()
    html = block.render(value)
    if block_class is not AccessibleStreamBlock:  # no child blocks of its own
        assert html.strip()
    assert block.is_previewable


@pytest.mark.django_db
@pytest.mark.parametrize("block_class", DB_PREVIEW_BLOCKS, ids=lambda cls: cls.__name__)
def test_chooser_block_preview_renders_with_or_without_objects(block_class, image, make_document):
    block = block_class()
    get_image_model().objects.all().delete()
    get_document_model().objects.all().delete()
    empty = block.get_preview_value()
    context = block.get_preview_context(empty, {})
    assert context["nec_preview"] is True
    assert "nec-placeholder" in block.render(empty, context) or "(PDF" in block.render(
        empty, context
    )
    get_image_model().objects.create(title="x", file=get_test_image_file("x.png"))
    make_document("programme.pdf")
    value = block.get_preview_value()
    assert value[{"ImageBlock": "image", "DocumentBlock": "document"}[block_class.__name__]]
    assert "<" in block.render(value, block.get_preview_context(value, {}))


def test_preview_page_loads_the_site_styles():
    block = BodyStreamBlock().child_blocks["quote"]
    value = block.get_preview_value()
    base = {
        "request": None,
        "block_def": block,
        "block_class": type(block),
        "bound_block": block.bind(value),
        "page_title": "Aperçu",
    }
    html = render_to_string(
        block.get_preview_template(value, base), block.get_preview_context(value, base)
    )
    assert html.count('rel="stylesheet"') == 2
    assert "/static/css/nec.css" in html and "/static/css/blocks.css" in html
    assert '<html lang="fr"' in html
    assert "<blockquote" in html


def test_language_code_is_not_offered_for_translation():
    from wagtail_localize.segments.extract import StreamFieldSegmentExtractor

    block = ForeignLanguageBlock()
    value = block.to_python({"lang": "en", "text": "<p>Digital inclusion.</p>"})
    segments = StreamFieldSegmentExtractor(None).handle_block(block, value)
    texts = [getattr(segment, "source", None) or str(segment) for segment in segments]
    assert not any(segment.path.startswith("lang") for segment in segments)
    assert any("Digital inclusion." in text for text in texts)


@pytest.mark.django_db
def test_admin_block_picker_previews_every_body_block(admin_client, media_root):
    from django.urls import reverse

    block = BodyStreamBlock()
    for name, child in block.child_blocks.items():
        assert child.is_previewable, name
        response = admin_client.get(
            reverse("wagtailadmin_block_preview"), {"id": child.definition_prefix}
        )
        assert response.status_code == 200, name
        content = response.content.decode()
        assert content.count("css/blocks.css") == 1, name
        assert f"block-{name}" in content


def project_struct_blocks():
    """(path, block) of every struct block in a StreamField of any model of the site."""
    from django.apps import apps
    from wagtail.fields import StreamField

    for model in apps.get_models():
        for field in model._meta.get_fields():
            if isinstance(field, StreamField):
                path = f"{model.__name__}.{field.name}"
                for child_path, block, _parent in walk(field.stream_block, path):
                    if isinstance(block, wagtail_blocks.StructBlock):
                        yield child_path, block


def test_every_struct_block_with_rules_validates_the_one_way():
    """Rules of struct blocks, in every app, go through AccessibleStructBlock.validate_value
    and BlockErrors: the same merging of messages, the same French wording style."""
    with_rules = set()
    for path, block in project_struct_blocks():
        if type(block).clean is not wagtail_blocks.StructBlock.clean:
            assert isinstance(block, AccessibleStructBlock), f"{path}: its own clean()"
        rules = getattr(type(block), "validate_value", AccessibleStructBlock.validate_value)
        if rules is not AccessibleStructBlock.validate_value:
            with_rules.add(type(block).__name__)
    assert {"MenuItemBlock", "FigureBlock", "ImageBlock", "LinkCardBlock"} <= with_rules


@pytest.mark.django_db
def test_a_menu_entry_says_where_it_goes():
    from nec_cms.models import MenuItemBlock

    block = MenuItemBlock()
    page = Page.objects.filter(depth=2).first()
    with pytest.raises(StructBlockValidationError) as excinfo:
        clean(block, {"page": page.pk, "label": "Cliquez ici"})
    assert field_messages(excinfo.value, "label") == [
        "Ce libellé ne dit pas où mène le lien : nommez la destination."
    ]
    with pytest.raises(StructBlockValidationError) as excinfo:
        clean(block, {"page": None, "label": "La charte"})
    assert "page" in excinfo.value.block_errors
    assert clean(block, {"page": page.pk, "label": "La charte"})["page"] == page
