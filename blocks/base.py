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
    """Collects validation messages for a StructBlock, per child and for the whole block.

    ``missing()`` is for a value that is absent or empty, ``add()`` for a value that is present
    but wrong (vague link text, file name as alt text…). Blocks refuse both at every save,
    drafts included: an inaccessible draft could otherwise reach the site through a workflow
    approval. ``deferred=True`` relaxes ``missing()`` for blocks that opt in.
    """

    def __init__(self, deferred=False):
        self.deferred = deferred
        self.block_errors = {}
        self.non_block_errors = []

    def add(self, name, message):
        self.block_errors.setdefault(name, []).append(message)

    def missing(self, name, message):
        if not self.deferred:
            self.add(name, message)

    def add_non_block(self, message):
        self.non_block_errors.append(message)

    def missing_non_block(self, message):
        if not self.deferred:
            self.add_non_block(message)

    def __bool__(self):
        return bool(self.block_errors or self.non_block_errors)


class AccessibleStructBlock(PreviewMixin, StructBlock):
    """A StructBlock whose ``validate_value(value, errors)`` adds accessibility rules on top
    of the children's own validation.

    Messages from ``validate_value`` replace the child's own error for the same field (ours
    say what to fix, in French, rather than « Ce champ est obligatoire. »).
    """

    def validate_value(self, value, errors):
        """Override: inspect ``value`` (a StructValue) and report problems to ``errors``."""

    def clean(self, value):
        block_errors = {}
        non_block_errors = []
        cleaned = None
        try:
            cleaned = super().clean(value)
        except StructBlockValidationError as error:
            block_errors = dict(error.block_errors)
            non_block_errors = list(error.non_block_errors.as_data())

        # Accessibility rules are never deferred to publication (see BlockErrors).
        errors = BlockErrors(deferred=False)
        self.validate_value(cleaned if cleaned is not None else value, errors)
        for name, messages in errors.block_errors.items():
            block_errors[name] = ValidationError(messages)
        non_block_errors.extend(ValidationError(message) for message in errors.non_block_errors)

        if block_errors or non_block_errors:
            raise StructBlockValidationError(
                block_errors=block_errors or None, non_block_errors=non_block_errors or None
            )
        return cleaned


def text_of(value):
    """A stripped string from a possibly missing value."""
    return str(value or "").strip()
