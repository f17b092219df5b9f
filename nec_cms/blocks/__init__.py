"""Accessible StreamField blocks for the NEC site.

Every block refuses, at save, content that would break accessibility (missing alt text,
skipped heading level, vague link, media without transcript…) with a French message saying
what to fix. Page models use ``BodyStreamBlock``; other apps can subclass
``AccessibleStreamBlock`` to add their own blocks (see ``collect_heading_levels``).
"""

from .base import AccessibleStructBlock, BlockErrors, PreviewMixin
from .links import CallToActionBlock, LinkBlock, LinkValue
from .media import (
    DocumentBlock,
    EmbedBlock,
    ImageBlock,
    MediaBlock,
    embed_host_is_allowed,
)
from .rules import (
    alt_text_problem,
    describe_document,
    format_file_size,
    inspect_rich_text,
    is_vague_link_text,
    is_valid_language_tag,
    normalize_language_tag,
    normalize_text,
    outline_problems,
)
from .stream import AccessibleStreamBlock, BodyStreamBlock, collect_heading_levels
from .structure import (
    AccordionBlock,
    AccordionItemBlock,
    KeyFigureBlock,
    KeyFiguresBlock,
    TableBlock,
)
from .text import (
    INLINE_RICH_TEXT_FEATURES,
    RICH_TEXT_FEATURES,
    AccessibleRichTextBlock,
    ForeignLanguageBlock,
    HeadingBlock,
    LanguageCodeBlock,
    ParagraphBlock,
    QuoteBlock,
)

__all__ = [
    # Streams
    "AccessibleStreamBlock",
    "BodyStreamBlock",
    # Content blocks
    "AccessibleRichTextBlock",
    "AccordionBlock",
    "AccordionItemBlock",
    "CallToActionBlock",
    "DocumentBlock",
    "EmbedBlock",
    "ForeignLanguageBlock",
    "HeadingBlock",
    "ImageBlock",
    "KeyFigureBlock",
    "KeyFiguresBlock",
    "LanguageCodeBlock",
    "LinkBlock",
    "MediaBlock",
    "ParagraphBlock",
    "QuoteBlock",
    "TableBlock",
    # Building blocks for other apps
    "AccessibleStructBlock",
    "BlockErrors",
    "LinkValue",
    "PreviewMixin",
    "collect_heading_levels",
    # Rules
    "INLINE_RICH_TEXT_FEATURES",
    "RICH_TEXT_FEATURES",
    "alt_text_problem",
    "describe_document",
    "embed_host_is_allowed",
    "format_file_size",
    "inspect_rich_text",
    "is_valid_language_tag",
    "is_vague_link_text",
    "normalize_language_tag",
    "normalize_text",
    "outline_problems",
]
