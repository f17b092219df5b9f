"""Stream blocks that check the heading outline of the whole content."""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.rich_text import RichText

from .base import PreviewMixin
from .links import CallToActionBlock
from .media import DocumentBlock, EmbedBlock, ImageBlock, MediaBlock
from .rules import outline_problems, rich_text_heading_levels
from .structure import AccordionBlock, KeyFiguresBlock, TableBlock
from .text import ForeignLanguageBlock, HeadingBlock, ParagraphBlock, QuoteBlock


def collect_heading_levels(block, value):
    """Heading levels (2 for h2…) rendered by ``block`` for ``value``, in document order.

    A block can say what it renders with a ``get_headings(value)`` method returning levels;
    otherwise rich text is parsed and struct, list and stream blocks are walked, so a new
    block built from these (a link card, a section…) is covered without extra code.
    """
    if value is None:
        return []
    get_headings = getattr(block, "get_headings", None)
    if callable(get_headings):
        return list(get_headings(value))
    if isinstance(block, blocks.RichTextBlock):
        return rich_text_heading_levels(getattr(value, "source", value))
    if isinstance(block, blocks.StructBlock):
        levels = []
        for name, child_block in block.child_blocks.items():
            levels.extend(collect_heading_levels(child_block, value.get(name)))
        return levels
    if isinstance(block, blocks.ListBlock):
        levels = []
        for item in value:
            levels.extend(collect_heading_levels(block.child_block, item))
        return levels
    if isinstance(block, blocks.StreamBlock):
        levels = []
        for child in value:
            levels.extend(collect_heading_levels(child.block, child.value))
        return levels
    return []


class AccessibleStreamBlock(PreviewMixin, blocks.StreamBlock):
    """A StreamBlock whose clean() checks the heading outline across all its children,
    including headings inside rich text and nested blocks: the first heading is an h2 (the
    page title is the h1), and going deeper never skips a level. The error is attached to
    the offending block.

    Subclass it to add blocks; a block that renders headings in its own template should
    expose ``get_headings(value)`` (and may expose ``get_outline_error(value, message)`` to
    attach the error to one of its fields).

    Meta options: ``check_outline`` (default True) and ``first_heading_level`` (default 2;
    e.g. 3 for a stream nested under an h2).
    """

    def get_headings(self, value):
        levels = []
        for child in value:
            levels.extend(collect_heading_levels(child.block, child.value))
        return levels

    def outline_errors(self, value):
        """{index of the child block: ValidationError} for the outline of ``value``."""
        if not getattr(self.meta, "check_outline", True):
            return {}
        first_level = getattr(self.meta, "first_heading_level", 2)
        errors = {}
        previous = None
        for index, child in enumerate(value):
            levels = collect_heading_levels(child.block, child.value)
            if not levels:
                continue
            problems = outline_problems(levels, first_level=first_level, previous_level=previous)
            if problems:
                message = problems[0].message
                make_error = getattr(child.block, "get_outline_error", None)
                errors[index] = (
                    make_error(child.value, message)
                    if callable(make_error)
                    else ValidationError(message)
                )
            previous = max(levels[-1], first_level)
        return errors

    def clean(self, value):
        block_errors = {}
        non_block_errors = []
        cleaned = None
        try:
            cleaned = super().clean(value)
        except blocks.StreamBlockValidationError as error:
            block_errors = dict(error.block_errors)
            non_block_errors = list(error.non_block_errors.as_data())

        for index, error in self.outline_errors(value).items():
            # The block's own error comes first: once fixed, the outline is checked again.
            block_errors.setdefault(index, error)

        if block_errors or non_block_errors:
            raise blocks.StreamBlockValidationError(
                block_errors=block_errors or None, non_block_errors=non_block_errors or None
            )
        return cleaned

    class Meta:
        icon = "doc-full"
        label = _("Contenu")
        description = _(
            "Contenu de page fait de blocs, dont les titres doivent former un plan cohérent."
        )
        check_outline = True
        first_heading_level = 2
        # A bare AccessibleStreamBlock has no child blocks: subclasses bring their own.
        preview_value = []


class BodyStreamBlock(AccessibleStreamBlock):
    """The body of NEC pages: every accessible content block."""

    heading = HeadingBlock()
    paragraph = ParagraphBlock()
    image = ImageBlock()
    media = MediaBlock()
    embed = EmbedBlock()
    table = TableBlock()
    quote = QuoteBlock()
    key_figures = KeyFiguresBlock()
    document = DocumentBlock()
    call_to_action = CallToActionBlock()
    accordion = AccordionBlock()
    foreign_language = ForeignLanguageBlock()

    class Meta:
        icon = "doc-full"
        label = _("Corps de la page")
        description = _(
            "Le contenu principal de la page : titres, textes, images, médias, tableaux, "
            "documents, boutons… Les titres commencent au niveau 2."
        )
        preview_value = [
            ("heading", {"text": "Les ateliers de l’édition 2025", "level": "h2"}),
            (
                "paragraph",
                RichText(
                    "<p>Des ateliers pratiques pour les médiatrices et médiateurs "
                    "numériques, partout en France.</p>"
                ),
            ),
            (
                "call_to_action",
                {
                    "text": "Découvrir le programme des ateliers",
                    "page": None,
                    "url": "https://numerique-en-communs.fr/programme/",
                    "style": "primary",
                },
            ),
        ]
