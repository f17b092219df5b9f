"""What an app's `seed.py` declares: its seed pages, snippets, site settings and plain rows,
each with a stable key, their text in French and English side by side.

A text is `Text(fr, en)`; a value that reads the same in both languages (a city, a figure, a
choice) is written once. `Ref(key)` points to another seed object (a page in a menu, the
theme of a resource). `load_nec_content` (nec_cms.seed_loader) loads every app's items.

The English version of an item is a real wagtail-localize translation of the French one:
both are built from the same declaration, wagtail-localize extracts their segments, and the
English segment at each position translates the French segment at the same position. The
two must have the same structure (`english_pairs` refuses them otherwise), so no English
text can silently stop matching its French sentence.
"""

import uuid
from dataclasses import dataclass

from modelcluster.fields import ParentalManyToManyField
from wagtail.blocks import StreamValue
from wagtail.fields import StreamField
from wagtail_localize.segments import StringSegmentValue, TemplateSegmentValue
from wagtail_localize.segments.extract import extract_segments

SOURCE_LANGUAGE = "fr"
TRANSLATIONS = ("en",)

# Stream blocks of seed content get ids derived from the item's key: the French and the
# English build then share them, and their segment paths can be compared exactly.
BLOCK_ID_NAMESPACE = uuid.UUID("6f1c1d0e-2b1a-4a55-9d43-3c1f0a8e5b21")


class SeedError(Exception):
    """A seed declaration that cannot be loaded as written (fix the `seed.py`)."""


@dataclass(frozen=True)
class Text:
    """One text of the seed, in French and in English."""

    fr: str
    en: str


@dataclass(frozen=True)
class Ref:
    """Another seed object, by its key."""

    key: str


MISSING = object()  # what a Ref to a deleted object becomes: its entry is left out


def localize(value, language, resolve):
    """`value` in `language`, with Refs replaced by the objects `resolve(key)` returns."""
    if isinstance(value, Text):
        return getattr(value, language)
    if isinstance(value, Ref):
        found = resolve(value.key)
        return MISSING if found is None else found
    if isinstance(value, dict):
        values = {name: localize(item, language, resolve) for name, item in value.items()}
        return MISSING if MISSING in values.values() else values
    if isinstance(value, tuple):
        values = tuple(localize(item, language, resolve) for item in value)
        return MISSING if MISSING in values else values
    if isinstance(value, list):
        values = [localize(item, language, resolve) for item in value]
        return [item for item in values if item is not MISSING]
    return value


def refs(value):
    """The keys of the Refs inside a declared value."""
    if isinstance(value, Ref):
        yield value.key
    elif isinstance(value, dict):
        for item in value.values():
            yield from refs(item)
    elif isinstance(value, list | tuple):
        for item in value:
            yield from refs(item)


@dataclass(frozen=True, kw_only=True)
class SeedItem:
    """An object of the seed. `key` names it for good (`app:name`): the loader recognises
    the object by it, whatever editors renamed, and never recreates it once deleted."""

    key: str
    model: type
    fields: dict
    after: tuple = ()  # keys to load first, beside the parent and the Refs
    translatable = True

    def dependencies(self):
        return [*self.after, *refs(self.fields)]

    def build(self, language, resolve):
        """An unsaved instance with the values of `language`."""
        values, relations = {}, {}
        for name, declared in self.fields.items():
            model_field = self.model._meta.get_field(name)
            if isinstance(model_field, StreamField):
                value = self.stream(name, declared, language, resolve)
            elif model_field.one_to_many:
                value = self.children(name, model_field.related_model, declared, language, resolve)
            else:
                value = localize(declared, language, resolve)
                value = None if value is MISSING else value
            if isinstance(model_field, ParentalManyToManyField):
                relations[name] = value
            else:
                values[name] = value
        instance = self.model(**values)
        for name, value in relations.items():
            setattr(instance, name, value)
        return instance

    def stream(self, name, children, language, resolve):
        """The stream value, its blocks with ids stable across languages."""
        stream = []
        for position, child in enumerate(children):
            value = localize(child, language, resolve)
            if value is not MISSING:
                block_id = uuid.uuid5(BLOCK_ID_NAMESPACE, f"{self.key}/{name}/{position}")
                stream.append((*value, str(block_id)))
        return StreamValue(self.model._meta.get_field(name).stream_block, stream)

    def children(self, name, model, declared, language, resolve):
        """Inline children (a form's questions), from a list of their fields; translatable
        ones get translation keys stable across languages, as stream blocks get ids."""
        children = []
        for position, fields in enumerate(localize(declared, language, resolve)):
            child = model(**fields)
            if hasattr(child, "translation_key"):
                child.translation_key = uuid.uuid5(
                    BLOCK_ID_NAMESPACE, f"{self.key}/{name}/{position}"
                )
            children.append(child)
        return children

    def source_value(self, name):
        return localize(self.fields[name], SOURCE_LANGUAGE, lambda key: None)


@dataclass(frozen=True, kw_only=True)
class SeedPage(SeedItem):
    """A page under the page of key `parent` (None: at the root of the tree). The site root
    becomes the default site's home page."""

    parent: str | None
    site_root: bool = False

    def dependencies(self):
        return [*([self.parent] if self.parent else []), *super().dependencies()]


@dataclass(frozen=True, kw_only=True)
class SeedSnippet(SeedItem):
    """A translatable snippet. `adopt_by` names the fields that recognise it in a database
    loaded before seed keys existed (none: the first one of its language)."""

    adopt_by: tuple = ("slug",)


@dataclass(frozen=True, kw_only=True)
class SeedSetting(SeedItem):
    """A setting of the default site, filled once where it is empty."""

    translatable = False


@dataclass(frozen=True, kw_only=True)
class SeedRow(SeedItem):
    """A plain row that belongs to no language (a declaration, an attestation): created
    once, recorded by key, never translated, never adopted, and referred to by no other
    item. A row whose Refs point to deleted objects is not created."""

    translatable = False

    def build(self, language, resolve):
        if any(resolve(key) is None for key in refs(self.fields)):
            return None
        return super().build(language, resolve)


def segment_shape(segment):
    """What must match between the French and the English segment at one position."""
    shape = (type(segment).__name__, segment.path)
    if isinstance(segment, TemplateSegmentValue):
        shape += (segment.format, segment.template, segment.string_count)
    return shape


def english_pairs(item, language, resolve):
    """[(French string, `language` string)] of the item's translatable strings, paired by
    position; SeedError if the two versions do not have the same structure."""
    source = extract_segments(item.build(SOURCE_LANGUAGE, resolve))
    target = extract_segments(item.build(language, resolve))
    source_shapes = [segment_shape(segment) for segment in source]
    target_shapes = [segment_shape(segment) for segment in target]
    if source_shapes != target_shapes:
        pairs = zip(source_shapes, target_shapes, strict=False)
        position = next(
            (index for index, (french, other) in enumerate(pairs) if french != other),
            min(len(source_shapes), len(target_shapes)),
        )
        shapes = source_shapes if position < len(source_shapes) else target_shapes
        where = shapes[position][1]
        raise SeedError(
            f"{item.key}: the French and {language} versions differ in structure at "
            f"segment {position + 1} ({where}): {len(source)} French segments, "
            f"{len(target)} in {language}. Give both the same fields, blocks and paragraphs."
        )
    return [
        (french.string.data, other.string.data)
        for french, other in zip(source, target, strict=True)
        if isinstance(french, StringSegmentValue)
    ]
