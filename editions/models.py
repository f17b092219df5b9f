"""The national event, one page per edition, with typed figures so that editions can be
compared across years (chart on the index, key figures on the home page)."""

from functools import cached_property

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel
from wagtail.api import APIField
from wagtail.fields import StreamField
from wagtail.models import Page, PageManager
from wagtail.query import PageQuerySet
from wagtail.search import index

from blocks import BodyStreamBlock
from editions.figures import FigureBlock, attendance_chart, shown_figure
from nec_cms import seo
from nec_cms.pages import (
    IntroMixin,
    ViewRestrictionsMixin,
    rich_text_api_fields,
    stream_api_fields,
)


class EditionFormat(models.TextChoices):
    IN_PERSON = "in_person", _("En présentiel")
    ONLINE = "online", _("En ligne")
    HYBRID = "hybrid", _("Hybride")


class EditionPageQuerySet(PageQuerySet):
    def listed(self):
        """Live, public editions, newest first: how visitors see them listed."""
        return self.live().public().order_by("-year", "title")


class EditionIndexPage(ViewRestrictionsMixin, IntroMixin, Page):
    """All editions of the national event, newest first, with the attendance chart."""

    body = StreamField(
        BodyStreamBlock(),
        blank=True,
        verbose_name=_("contenu complémentaire"),
        help_text=_("Texte affiché après la liste des éditions."),
    )

    parent_page_types = ["home.HomePage"]
    subpage_types = ["editions.EditionPage"]
    max_count_per_parent = 1
    content_panels = Page.content_panels + [FieldPanel("intro"), FieldPanel("body")]
    api_fields = [*rich_text_api_fields("intro"), *stream_api_fields("body")]

    @cached_property
    def editions(self):
        return list(EditionPage.objects.listed().child_of(self))

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["editions"] = self.editions
        context["chart"] = attendance_chart(self.editions)
        return context

    def structured_data(self, request):
        """The national event as a schema.org EventSeries, each edition one of its events."""
        return {
            "@context": "https://schema.org",
            "@type": "EventSeries",
            "name": "Numérique en Commun[s]",
            "url": self.get_full_url(request),
            "description": seo.description_of(self),
            "organizer": seo.PUBLISHER,
            "subEvent": [edition.event_data(request) for edition in self.editions],
        }

    class Meta:
        verbose_name = _("index des éditions")
        verbose_name_plural = _("index des éditions")


class EditionPage(ViewRestrictionsMixin, IntroMixin, Page):
    """One national edition: where and how it took place, and what it gathered."""

    year = models.PositiveSmallIntegerField(
        _("année"),
        validators=[MinValueValidator(2000), MaxValueValidator(2100)],
        help_text=_("L’année de l’édition, par exemple 2023."),
    )
    city = models.CharField(
        _("ville ou territoire"),
        max_length=120,
        help_text=_("Où l’édition a eu lieu, par exemple « Bordeaux » ou « Sud Charente »."),
    )
    venue = models.CharField(
        _("lieu"),
        max_length=200,
        blank=True,
        help_text=_("Le lieu, par exemple « Palais de la Bourse » ou « 4 lieux dans Marseille »."),
    )
    format = models.CharField(
        _("format"),
        max_length=20,
        choices=EditionFormat.choices,
        default=EditionFormat.IN_PERSON,
        help_text=_("En présentiel, en ligne ou les deux."),
    )
    figures = StreamField(
        [("figure", FigureBlock())],
        blank=True,
        verbose_name=_("chiffres clés"),
        help_text=_(
            "Les chiffres de l’édition, chacun avec son type : ils alimentent le graphique "
            "des éditions et les chiffres de la page d’accueil."
        ),
    )
    body = StreamField(
        BodyStreamBlock(),
        blank=True,
        verbose_name=_("contenu"),
        help_text=_("Le récit de l’édition, construit avec des blocs accessibles."),
    )

    objects = PageManager.from_queryset(EditionPageQuerySet)()

    parent_page_types = ["editions.EditionIndexPage"]
    subpage_types = []
    content_panels = Page.content_panels + [
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("year"), FieldPanel("format")]),
                FieldRowPanel([FieldPanel("city"), FieldPanel("venue")]),
            ],
            heading=_("L’édition"),
        ),
        FieldPanel("intro"),
        FieldPanel("figures"),
        FieldPanel("body"),
    ]
    search_fields = Page.search_fields + [
        index.SearchField("city", boost=2),
        index.SearchField("venue"),
        index.SearchField("intro"),
        index.SearchField("body"),
        index.FilterField("year"),
    ]
    api_fields = [
        APIField("year"),
        APIField("city"),
        APIField("venue"),
        APIField("format"),
        *rich_text_api_fields("intro"),
        *stream_api_fields("figures", "body"),
    ]

    def event_data(self, request):
        """This edition as a schema.org Event: its year is as precise as its date gets."""
        return seo.event_data(
            request,
            self,
            start=str(self.year),
            attendance=self.format,
            location=seo.place(name=self.venue, locality=self.city),
            organizer=seo.PUBLISHER,
        )

    def structured_data(self, request):
        data = self.event_data(request)
        parent = self.get_parent()
        data["superEvent"] = {
            "@type": "EventSeries",
            "name": "Numérique en Commun[s]",
            "url": parent.get_full_url(request),
        }
        return data

    def figure_list(self):
        """The figures with their wording, in the editor's order."""
        return [shown_figure(item.value) for item in self.figures]

    def figure(self, kind):
        """The value of the first figure of `kind`, or None."""
        for item in self.figures:
            if item.value["kind"] == kind:
                return item.value["value"]
        return None

    class Meta:
        verbose_name = _("édition")
        verbose_name_plural = _("éditions")
