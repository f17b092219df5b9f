"""How page fields read in the public API (Wagtail API v2, served by `opendata`): rich text
as the HTML visitors get, with absolute links, never Wagtail's database format (links as
`<a linktype="page" id="3">`, which only this site can read).

Page types list what they expose in `api_fields`, with these serializers for rich text,
streams and taxonomy terms; nothing else is exposed.
"""

import re

from rest_framework.fields import Field
from wagtail import blocks
from wagtail.rich_text import expand_db_html

RELATIVE_URL = re.compile(r'(\s(?:href|src))="/(?!/)')


def absolute_html(html, context):
    """`html` with its site-relative links made absolute for the requesting site."""
    request = (context or {}).get("request")
    if request is None:
        return html
    root = request.build_absolute_uri("/")
    return RELATIVE_URL.sub(lambda match: f'{match.group(1)}="{root}', html)


def public_value(block, value, context):
    """The API representation of a block's value, with rich text expanded, at any depth."""
    if isinstance(block, blocks.RichTextBlock):
        return absolute_html(expand_db_html(value.source if value else ""), context)
    if isinstance(block, blocks.StreamBlock):
        return [
            {
                "type": child.block_type,
                "value": public_value(child.block, child.value, context),
                "id": child.id,
            }
            for child in value
        ]
    if isinstance(block, blocks.ListBlock):
        return [public_value(block.child_block, item, context) for item in value]
    if isinstance(block, blocks.StructBlock):
        return {
            name: public_value(child, value.get(name), context)
            for name, child in block.child_blocks.items()
        }
    return block.get_api_representation(value, context)


class PublicStreamField(Field):
    """A StreamField as the API shows it: blocks with their rich text as public HTML."""

    def to_representation(self, value):
        return public_value(value.stream_block, value, self.context)


class PublicRichTextField(Field):
    """A RichTextField as public HTML with absolute links."""

    def to_representation(self, value):
        return absolute_html(expand_db_html(value or ""), self.context)


class TermsField(Field):
    """A many-to-many relation to taxonomy terms: [{slug, name}], by name."""

    def to_representation(self, value):
        return [{"slug": term.slug, "name": term.name} for term in value.all()]


class LanguageField(Field):
    """A locale as its language code."""

    def to_representation(self, value):
        return value.language_code
