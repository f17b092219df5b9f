"""The resource library: open-licensed resources, typed and themed, with their documents.

Themes, types and audiences are editor-managed, translatable snippets: the library's
facets come from them.
"""

import datetime
from functools import cached_property

from django import forms
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from modelcluster.fields import ParentalManyToManyField
from wagtail.admin.forms import WagtailAdminPageForm
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel
from wagtail.api import APIField
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import StreamField
from wagtail.models import Page, TranslatableMixin
from wagtail.search import index

from blocks import DocumentBlock
from nec_cms import seo
from nec_cms.api import LanguageField, TermsField
from nec_cms.pages import (
    IntroMixin,
    ViewRestrictionsMixin,
    public_only,
    rich_text_api_fields,
    stream_api_fields,
)
from nec_cms.snippets import register_translatable_snippet
from ressources.blocks import ResourceStreamBlock
from ressources.feeds import serve_feed
from ressources.licences import DEFAULT_LICENCE, LICENCE_CHOICES, LICENCES, ResourceLanguage
from ressources.views import serve_library

TITLE_MAX_LENGTH = 100
EXCERPT_MAX_LENGTH = 300
MIN_THEMES, MAX_THEMES = 1, 5


class Taxonomy(TranslatableMixin, models.Model):
    """A term editors manage and translators translate; its slug is used in library URLs."""

    name = models.CharField(
        _("nom"), max_length=80, help_text=_("Le nom affiché aux visiteurs, court et clair.")
    )
    slug = models.SlugField(
        _("identifiant"),
        max_length=80,
        allow_unicode=False,
        help_text=_("Utilisé dans l’adresse des filtres de la bibliothèque, sans accent."),
    )
    description = models.TextField(
        _("description"),
        blank=True,
        help_text=_("Facultatif : une phrase pour expliquer ce que regroupe ce terme."),
    )

    panels = [FieldPanel("name"), FieldPanel("slug"), FieldPanel("description")]
    api_fields = [
        APIField("name"),
        APIField("slug"),
        APIField("description"),
        APIField("locale", serializer=LanguageField()),
    ]

    class Meta(TranslatableMixin.Meta):
        abstract = True
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(
                fields=["slug", "locale"], name="%(app_label)s_%(class)s_unique_slug_locale"
            )
        ]

    def __str__(self):
        return self.name


@register_translatable_snippet
class Theme(Taxonomy):
    class Meta(Taxonomy.Meta):
        verbose_name = _("thématique")
        verbose_name_plural = _("thématiques")

    def in_use_message(self, count):
        return ngettext(
            "La thématique « %(name)s » est utilisée par %(count)d ressource : %(titles)s. "
            "Retirez-la de cette ressource avant de la supprimer.",
            "La thématique « %(name)s » est utilisée par %(count)d ressources : %(titles)s. "
            "Retirez-la de ces ressources avant de la supprimer.",
            count,
        )


@register_translatable_snippet
class ResourceType(Taxonomy):
    class Meta(Taxonomy.Meta):
        verbose_name = _("type de ressource")
        verbose_name_plural = _("types de ressource")

    def in_use_message(self, count):
        return ngettext(
            "Le type « %(name)s » est utilisé par %(count)d ressource : %(titles)s. "
            "Retirez-le de cette ressource avant de le supprimer.",
            "Le type « %(name)s » est utilisé par %(count)d ressources : %(titles)s. "
            "Retirez-le de ces ressources avant de le supprimer.",
            count,
        )


@register_translatable_snippet
class Audience(Taxonomy):
    class Meta(Taxonomy.Meta):
        verbose_name = _("public")
        verbose_name_plural = _("publics")

    def in_use_message(self, count):
        return ngettext(
            "Le public « %(name)s » est utilisé par %(count)d ressource : %(titles)s. "
            "Retirez-le de cette ressource avant de le supprimer.",
            "Le public « %(name)s » est utilisé par %(count)d ressources : %(titles)s. "
            "Retirez-le de ces ressources avant de le supprimer.",
            count,
        )


class LocalizedTermsMixin:
    """Points the page's taxonomy terms (`term_relations`) to their version in the page's
    language whenever it is saved.

    wagtail-localize does not translate many-to-many relations: a translated page would keep
    the source language's terms, and facets and filters would mix languages. A term without
    a translation is dropped until it is translated.
    """

    term_relations = ()

    def save(self, *args, **kwargs):
        self.localize_terms()
        return super().save(*args, **kwargs)

    def localize_terms(self):
        if not self.locale_id:
            return
        for relation in self.term_relations:
            terms = list(getattr(self, relation).all())
            if any(term.locale_id != self.locale_id for term in terms):
                localized = [
                    term
                    if term.locale_id == self.locale_id
                    else term.get_translation_or_none(self.locale)
                    for term in terms
                ]
                setattr(self, relation, [term for term in localized if term is not None])


class LocalizedTermsForm(WagtailAdminPageForm):
    """Each taxonomy field offers the terms of the page's language only (a new page takes
    its parent's, which Wagtail's create view gives it before the form exists): offering
    both languages would list every term twice, and a term of the other language could be
    ticked and filtered on nowhere. The limited queryset also refuses it server-side."""

    term_fields = ("themes", "audiences")

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.locale_id:
            for name in self.term_fields:
                if name in self.fields:
                    field = self.fields[name]
                    field.queryset = field.queryset.filter(locale_id=self.instance.locale_id)


class ResourcePageForm(LocalizedTermsForm):
    """Counts of themes and types are checked here, where the chosen values are known.

    Each taxonomy offers the terms of the page's language only (a new page takes its
    parent's): offering both languages would list every term twice, and a term of the other
    language could be ticked and counted twice toward the limit.
    """

    THEMES_MESSAGE = _("Choisissez entre %(min)d et %(max)d thématiques.")
    TYPES_MESSAGE = _("Choisissez au moins un type de ressource.")
    term_fields = ("themes", "resource_types", "audiences")
    OTHER_LANGUAGE_MESSAGES = {
        "themes": _("Cochez seulement des thématiques de la langue de la page (%(language)s)."),
        "resource_types": _("Cochez seulement des types de la langue de la page (%(language)s)."),
        "audiences": _("Cochez seulement des publics de la langue de la page (%(language)s)."),
    }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        themes_message = self.THEMES_MESSAGE % {"min": MIN_THEMES, "max": MAX_THEMES}
        self.fields["themes"].error_messages["required"] = themes_message
        self.fields["resource_types"].error_messages["required"] = self.TYPES_MESSAGE
        if self.instance.locale_id:
            language = self.instance.locale.get_display_name()
            for name, message in self.OTHER_LANGUAGE_MESSAGES.items():
                self.fields[name].error_messages["invalid_choice"] = message % {
                    "language": language
                }

    def clean(self):
        cleaned = super().clean()
        themes = cleaned.get("themes")
        if themes is not None and not MIN_THEMES <= len(themes) <= MAX_THEMES:
            self.add_error("themes", self.THEMES_MESSAGE % {"min": MIN_THEMES, "max": MAX_THEMES})
        types = cleaned.get("resource_types")
        if types is not None and len(types) < 1:
            self.add_error("resource_types", self.TYPES_MESSAGE)
        return cleaned


class ResourceIndexPage(RoutablePageMixin, ViewRestrictionsMixin, IntroMixin, Page):
    """The library: every resource of its language, with search and facets, and its feeds
    of new resources (ressources.feeds)."""

    parent_page_types = ["home.HomePage"]
    subpage_types = ["ressources.ResourcePage"]
    max_count_per_parent = 1
    content_panels = Page.content_panels + [FieldPanel("intro")]
    api_fields = rich_text_api_fields("intro")

    def resources(self):
        """What the library lists: its live, public resources."""
        return public_only(ResourcePage.objects.live().child_of(self))

    @path("")
    def library(self, request):
        return serve_library(self, request)

    @path("flux/atom/", name="atom_feed")
    def atom_feed(self, request):
        return serve_feed(self, request, "atom_feed")

    @path("flux/rss/", name="rss_feed")
    def rss_feed(self, request):
        return serve_feed(self, request, "rss_feed")

    class Meta:
        verbose_name = _("bibliothèque de ressources")
        verbose_name_plural = _("bibliothèques de ressources")


class ResourcePage(LocalizedTermsMixin, ViewRestrictionsMixin, Page):
    """One open-licensed resource: what it is, who it is for, and how to reuse it."""

    excerpt = models.CharField(
        _("résumé"),
        max_length=EXCERPT_MAX_LENGTH,
        help_text=_("Ce que la ressource apporte, en 300 caractères au plus (cartes, recherche)."),
    )
    body = StreamField(
        ResourceStreamBlock(),
        blank=True,
        verbose_name=_("contenu"),
        help_text=_("La présentation de la ressource, construite avec des blocs accessibles."),
    )
    documents = StreamField(
        [("document", DocumentBlock())],
        blank=True,
        verbose_name=_("documents à télécharger"),
        help_text=_(
            "Les fichiers de la ressource : le format et le poids s’affichent d’eux-mêmes."
        ),
    )
    themes = ParentalManyToManyField(
        Theme,
        related_name="resources",
        verbose_name=_("thématiques"),
        help_text=_("De 1 à 5 thématiques."),
    )
    resource_types = ParentalManyToManyField(
        ResourceType,
        related_name="resources",
        verbose_name=_("types"),
        help_text=_("Au moins un type : guide, fiche pratique, vidéo…"),
    )
    audiences = ParentalManyToManyField(
        Audience,
        related_name="resources",
        blank=True,
        verbose_name=_("publics"),
        help_text=_("À qui la ressource s’adresse en priorité."),
    )
    licence = models.CharField(
        _("licence"),
        max_length=20,
        choices=LICENCE_CHOICES,
        default=DEFAULT_LICENCE,
        help_text=_("CC BY-SA 4.0 par défaut, comme le prévoit l’engagement n°3 de la charte."),
    )
    authors = models.CharField(
        _("auteurs et autrices"),
        max_length=255,
        help_text=_(
            "Qui a produit la ressource : personnes ou structures, séparées par des virgules."
        ),
    )
    publication_date = models.DateField(
        _("date de publication"),
        default=datetime.date.today,
        help_text=_("La date à laquelle la ressource a été publiée ou mise à jour."),
    )
    edition = models.ForeignKey(
        "editions.EditionPage",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="resources",
        verbose_name=_("édition"),
        help_text=_("Facultatif : l’édition nationale où la ressource a été produite."),
    )
    language = models.CharField(
        _("langue de la ressource"),
        max_length=3,
        choices=ResourceLanguage.choices,
        default=ResourceLanguage.FR,
        help_text=_("La langue dans laquelle la ressource est rédigée."),
    )
    is_example = models.BooleanField(
        _("ressource d’exemple"),
        default=False,
        help_text=_("Coché pour les ressources fictives générées pour les démonstrations."),
    )

    base_form_class = ResourcePageForm
    term_relations = ("themes", "resource_types", "audiences")
    # Reached through their list; the HTML site map names the list, not each item.
    in_site_map = False
    parent_page_types = ["ressources.ResourceIndexPage"]
    subpage_types = []

    content_panels = Page.content_panels + [
        FieldPanel("excerpt"),
        FieldPanel("body"),
        FieldPanel("documents"),
        MultiFieldPanel(
            [
                FieldPanel("themes", widget=forms.CheckboxSelectMultiple),
                FieldPanel("resource_types", widget=forms.CheckboxSelectMultiple),
                FieldPanel("audiences", widget=forms.CheckboxSelectMultiple),
            ],
            heading=_("Classement"),
        ),
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("licence"), FieldPanel("language")]),
                FieldPanel("authors"),
                FieldRowPanel([FieldPanel("publication_date"), FieldPanel("edition")]),
                FieldPanel("is_example"),
            ],
            heading=_("Réutilisation"),
        ),
    ]
    search_fields = Page.search_fields + [
        index.SearchField("excerpt"),
        index.SearchField("authors"),
        index.SearchField("body"),
        index.FilterField("licence"),
        index.FilterField("language"),
        index.FilterField("publication_date"),
    ]
    api_fields = [
        APIField("excerpt"),
        *stream_api_fields("body", "documents"),
        APIField("themes", serializer=TermsField()),
        APIField("resource_types", serializer=TermsField()),
        APIField("audiences", serializer=TermsField()),
        APIField("licence"),
        APIField("authors"),
        APIField("publication_date"),
        APIField("language"),
        APIField("edition"),
        APIField("is_example"),
    ]

    def clean(self):
        super().clean()
        if len(self.title or "") > TITLE_MAX_LENGTH:
            raise ValidationError(
                {
                    "title": _("Le titre d’une ressource tient en %(max)d caractères au plus.")
                    % {"max": TITLE_MAX_LENGTH}
                }
            )

    @property
    def licence_info(self):
        return LICENCES[self.licence]

    def attribution(self, request=None):
        """« Title » — authors, source URL, licence: what a reuser must cite."""
        licence = self.licence_info
        return (
            f"« {self.title} » — {self.authors}, {self.get_full_url(request)}, "
            f"{_('licence')} {licence.short_name} ({licence.url})"
        )

    @cached_property
    def theme_list(self):
        return list(self.themes.all())

    def structured_data(self, request):
        """schema.org CreativeWork with its licence, for search engines (nec_cms.seo)."""
        return {
            "@context": "https://schema.org",
            "@type": "CreativeWork",
            "name": self.title,
            "description": self.excerpt,
            "url": self.get_full_url(request),
            "inLanguage": self.language,
            "license": self.licence_info.url,
            "author": {"@type": "Organization", "name": self.authors},
            "datePublished": self.publication_date.isoformat(),
            "keywords": [theme.name for theme in self.theme_list],
            "publisher": seo.PUBLISHER,
        }

    def edition_shown(self):
        """The live edition the resource was produced at, in the page's language when that
        translation is live, otherwise the one chosen; None without one. wagtail-localize
        keeps a translated resource pointing to the source language's edition (it copies
        links to pages rather than translating them). One query, as `self.edition` was."""
        if not self.edition_id:
            return None
        editions = self._meta.get_field("edition").related_model.objects
        same_edition = editions.filter(pk=self.edition_id).values("translation_key")
        candidates = list(
            editions.live()
            .filter(translation_key__in=same_edition)
            .filter(models.Q(pk=self.edition_id) | models.Q(locale_id=self.locale_id))
            .select_related("locale")
        )
        in_language = [edition for edition in candidates if edition.locale_id == self.locale_id]
        return (in_language or candidates or [None])[0]

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        parent = self.get_parent()
        context.update(
            {
                "themes": self.theme_list,
                "types": list(self.resource_types.all()),
                "audiences": list(self.audiences.all()),
                "edition": self.edition_shown(),
                "library_url": parent.get_url(request),
                "attribution": self.attribution(request),
            }
        )
        return context

    class Meta:
        verbose_name = _("ressource")
        verbose_name_plural = _("ressources")
        indexes = [
            models.Index(fields=["licence"], name="resource_licence_idx"),
            models.Index(fields=["language"], name="resource_language_idx"),
            models.Index(fields=["-publication_date"], name="resource_date_idx"),
        ]
