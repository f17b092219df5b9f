"""The kinds of library facets. Each kind knows how a URL value maps to what is stored, how
the facet index numbers the resources that carry each value, and which options to offer.

A facet names a field of the resource model (`field_name`); the model itself comes with
each call, from the library's queryset, so that this module imports no model.
"""

from dataclasses import dataclass, field

from django.db.models import OuterRef, Subquery
from django.utils.formats import number_format
from django.utils.html import format_html
from django.utils.safestring import mark_safe

from caching.memory import shell


@dataclass
class FacetValue:
    param: str
    value: str
    label: str
    count: int = 0
    selected: bool = False
    toggle_url: str = ""

    @property
    def checkbox(self):
        """The option's box and its label. Built here rather than in the template: the
        library shows about thirty-five options, and their nine template variables each
        made a third of the page's rendering time (bench/search.py). RGAA 11.1 wants each
        box tied to its label by id, not only wrapped in it."""
        input_id = f"facet-{self.param}-{self.value}"
        return format_html(
            '<label for="{}"><input type="checkbox" name="{}" value="{}" id="{}"{}> {} ({})'
            "</label>",
            input_id,
            self.param,
            self.value,
            input_id,
            mark_safe(" checked") if self.selected else "",  # noqa: S308 - a constant
            self.label,
            number_format(self.count, force_grouping=True),
        )


@dataclass
class FacetOptions:
    """A facet as one page shows it: its options with their counts and links."""

    param: str
    label: str
    values: list[FacetValue] = field(default_factory=list)


class Facet:
    """One filter dimension of the library, read from the URL parameter `param`."""

    def __init__(self, param, label, field_name):
        self.param = param
        self.label = label
        self.field_name = field_name

    def field(self, model):
        return model._meta.get_field(self.field_name)

    def row_column(self, model):
        """The column of the resource row this facet groups by, or None (a relation)."""
        return self.field(model).column

    def index_sql(self, model, aggregate):
        """A SELECT over the numbered resources `b`: one row per value, (param, value as
        text, the aggregated numbers `pos` of the resources carrying it). Names come from
        the model, never from the request."""
        column = self.row_column(model)
        return (
            f"SELECT '{self.param}', CAST({column} AS TEXT), {aggregate} FROM b "  # noqa: S608
            f"WHERE {column} IS NOT NULL GROUP BY {column}"
        )

    def index_key(self, text):
        """The key of a value in the facet index, from its text in the index query."""
        return text

    def resolve(self, wanted, model, locale_id):
        """The index keys of the URL values `wanted`; unknown values are dropped."""
        raise NotImplementedError

    def options(self, counts, model, locale_id):
        """(URL value, label, count) of the values to offer, in display order."""
        raise NotImplementedError


class ChoiceFacet(Facet):
    """A field with fixed choices (licence, language): the URL value is the stored value."""

    def __init__(self, param, label, field_name, choices):
        super().__init__(param, label, field_name)
        self.choices = list(choices)  # (value, label) pairs, labels possibly lazy

    def resolve(self, wanted, model, locale_id):
        known = {value for value, _label in self.choices}
        return [value for value in wanted if value in known]

    def options(self, counts, model, locale_id):
        return [(value, label, counts.get(value, 0)) for value, label in self.choices]


class RelatedFacet(Facet):
    """A relation to translatable objects with a slug: the URL value is the slug, looked up
    in the visitor's language."""

    def related_model(self, model):
        return self.field(model).related_model

    def index_key(self, text):
        return int(text)

    def terms(self, model, locale_id):
        """(pk, slug, label) of the related objects of a language, in display order. They
        change only with content, so each process reads them once per content version
        (caching.memory): four queries fewer on every library page."""
        return shell.get(
            ("facet-terms", self.param, locale_id), lambda: self.load_terms(model, locale_id)
        )

    def load_terms(self, model, locale_id):
        raise NotImplementedError

    def resolve(self, wanted, model, locale_id):
        wanted = set(wanted)
        return [pk for pk, slug, _label in self.terms(model, locale_id) if slug in wanted]


class EditionFacet(RelatedFacet):
    """The edition a resource was produced at: only editions with resources are offered,
    newest first.

    wagtail-localize keeps a translated resource pointing to the source language's edition
    (it copies links to pages rather than translating them), so every language version of
    an edition stands for it, under the slug and title of the visitor's language."""

    def load_terms(self, model, locale_id):
        """(pk, slug, title) of every edition page, whatever its language, that has a
        version in this language: that version's slug and title. One query."""
        editions = self.related_model(model).objects
        local = editions.filter(locale_id=locale_id, translation_key=OuterRef("translation_key"))
        return list(
            editions.filter(
                translation_key__in=editions.filter(locale_id=locale_id).values("translation_key")
            )
            .annotate(
                local_slug=Subquery(local.values("slug")[:1]),
                local_title=Subquery(local.values("title")[:1]),
            )
            .order_by("-year", "pk")
            .values_list("pk", "local_slug", "local_title")
        )

    def options(self, counts, model, locale_id):
        # The versions of one edition add up: a resource points to one of them only.
        merged = {}
        for pk, slug, title in self.terms(model, locale_id):
            if pk in counts:
                count = merged[slug][1] if slug in merged else 0
                merged[slug] = (title, count + counts[pk])
        return [(slug, title, count) for slug, (title, count) in merged.items()]


class TaxonomyFacet(RelatedFacet):
    """Themes, types or audiences (many-to-many): every term of the language is offered, by
    name; the page hides those without results."""

    def row_column(self, model):
        return None

    def index_sql(self, model, aggregate):
        relation = self.field(model)
        through = relation.remote_field.through._meta.db_table
        resource_column = relation.m2m_column_name()
        term_column = relation.m2m_reverse_name()
        return (
            f"SELECT '{self.param}', CAST(t.{term_column} AS TEXT), {aggregate} FROM b "  # noqa: S608
            f"JOIN {through} t ON t.{resource_column} = b.pk GROUP BY t.{term_column}"
        )

    def load_terms(self, model, locale_id):
        terms = self.related_model(model).objects.filter(locale_id=locale_id)
        return list(terms.order_by("name").values_list("pk", "slug", "name"))

    def options(self, counts, model, locale_id):
        return [(slug, name, counts.get(pk, 0)) for pk, slug, name in self.terms(model, locale_id)]

    def names(self, model, locale_id):
        """{pk: name} of the terms of a language (the cards show them)."""
        return {pk: name for pk, _slug, name in self.terms(model, locale_id)}
