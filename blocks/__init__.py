"""Accessible StreamField blocks for the NEC site.

Every block refuses, at save, content that would break accessibility (missing alt text,
skipped heading level, vague link, media without transcript…) with a French message saying
what to fix. Page models use ``BodyStreamBlock``; other apps can subclass
``AccessibleStreamBlock`` to add their own blocks (see ``collect_heading_levels``).

Django imports this package while it loads its apps, before translations can be used,
so the blocks are imported on first use (PEP 562) rather than here.
"""

from importlib import import_module

_MODULES = {
    "AccessibleStructBlock": "base",
    "BlockErrors": "base",
    "PreviewMixin": "base",
    "text_of": "base",
    "CallToActionBlock": "links",
    "LinkBlock": "links",
    "LinkValue": "links",
    "DocumentBlock": "media",
    "EmbedBlock": "media",
    "ImageBlock": "media",
    "MediaBlock": "media",
    "embed_host_is_allowed": "media",
    "alt_text_problem": "rules",
    "describe_document": "rules",
    "format_file_size": "rules",
    "inspect_rich_text": "rules",
    "is_vague_link_text": "rules",
    "is_valid_language_tag": "rules",
    "normalize_language_tag": "rules",
    "normalize_text": "rules",
    "outline_problems": "rules",
    "AccessibleStreamBlock": "stream",
    "BodyStreamBlock": "stream",
    "collect_heading_levels": "stream",
    "AccordionBlock": "structure",
    "AccordionItemBlock": "structure",
    "KeyFigure": "structure",
    "KeyFigureBlock": "structure",
    "KeyFiguresBlock": "structure",
    "TableBlock": "structure",
    "INLINE_RICH_TEXT_FEATURES": "text",
    "RICH_TEXT_FEATURES": "text",
    "AccessibleRichTextBlock": "text",
    "ForeignLanguageBlock": "text",
    "HeadingBlock": "text",
    "LanguageCodeBlock": "text",
    "ParagraphBlock": "text",
    "QuoteBlock": "text",
}


def __getattr__(name):
    module = _MODULES.get(name)
    if module is None:
        raise AttributeError(f"module 'blocks' has no attribute {name!r}")
    return getattr(import_module(f"blocks.{module}"), name)


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
    "KeyFigure",
    "LinkValue",
    "PreviewMixin",
    "collect_heading_levels",
    "text_of",
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
