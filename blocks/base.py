"""Shared plumbing for the NEC blocks: preview context and struct-level validation."""

from django.core.exceptions import ValidationError
from django.db import DatabaseError
from wagtail.blocks import StructBlock, StructBlockValidationError


class PreviewMixin:
    """Flags block previews (``nec_preview`` in the template context) so that templates can
    show a placeholder instead of an empty chooser value, and lets a block pick a real object
    for its preview."""

    # True when get_preview_value() looks up the database (chooser-based blocks).
    preview_uses_db = False

    def get_preview_context(self, value, parent_context=None):
        context = super().get_preview_context(value, parent_context=parent_context)
        context["nec_preview"] = True
        return context


def first_object_or_none(model):
    """The most recent object of ``model`` for a block preview, or None (no object, no
    database yet)."""
    try:
        return model.objects.order_by("-pk").first()
    except DatabaseError:
        return None


class BlockErrors:
    """The validation messages of a StructBlock, per child (`add`) and for the whole block
    (`add_non_block`), in French, saying what to fix.

    This is how every NEC struct block validates (through ``AccessibleStructBlock``), in
    this app and in the others. Rules apply at every save, drafts included: an inaccessible
    draft could otherwise reach the site through a workflow approval. Blocks that are not
    struct blocks (rich text, table) raise a ``ValidationError`` with their messages.
    """

    def __init__(self):
        self.block_errors = {}
        self.non_block_errors = []

    def add(self, name, message):
        self.block_errors.setdefault(name, []).append(message)

    def add_non_block(self, message):
        self.non_block_errors.append(message)

    def __bool__(self):
        return bool(self.block_errors or self.non_block_errors)

    def as_error(self, child_error=None):
        """A StructBlockValidationError with these messages on top of `child_error` (the
        children's own): ours replace a child's error for the same field, since they say
        what to fix rather than « Ce champ est obligatoire. »."""
        block_errors = dict(child_error.block_errors) if child_error else {}
        non_block_errors = list(child_error.non_block_errors.as_data()) if child_error else []
        for name, messages in self.block_errors.items():
            block_errors[name] = ValidationError(messages)
        non_block_errors += [ValidationError(message) for message in self.non_block_errors]
        return StructBlockValidationError(
            block_errors=block_errors or None, non_block_errors=non_block_errors or None
        )


class AccessibleStructBlock(PreviewMixin, StructBlock):
    """A StructBlock whose ``validate_value(value, errors)`` adds its rules, reported to a
    ``BlockErrors``, on top of the children's own validation."""

    def validate_value(self, value, errors):
        """Override: inspect ``value`` (a StructValue) and report problems to ``errors``."""

    def clean(self, value):
        child_error = cleaned = None
        try:
            cleaned = super().clean(value)
        except StructBlockValidationError as error:
            child_error = error
        errors = BlockErrors()
        self.validate_value(cleaned if cleaned is not None else value, errors)
        if errors or child_error:
            raise errors.as_error(child_error)
        return cleaned


def text_of(value):
    """A stripped string from a possibly missing value."""
    return str(value or "").strip()
