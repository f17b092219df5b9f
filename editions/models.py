"""The national event, one page per edition, with typed figures so that editions can be
compared across years (chart on the index, key figures on the home page)."""

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel
from wagtail.fields import StreamField
from wagtail.models import Page
from wagtail.search import index

from blocks import BodyStreamBlock
from nec_cms.pages import IntroMixin


class FigureKind(models.TextChoices):
    """What a figure counts. The label is the default wording shown after the number."""

    ATTENDEES = "attendees", _("personnes présentes")
    SPEAKERS = "speakers", _("intervenants & intervenantes")
    COUNTRIES = "countries", _("pays représentés")
    ONLINE_VIEWERS = "online_viewers", _("personnes ont suivi les directs en ligne")
    ONLINE_REGISTRATIONS = "online_registrations", _("inscrits aux parcours en ligne")
    ONLINE_COURSES = "online_courses", _("parcours d’acculturation en ligne")
    CONTRIBUTORS = "contributors", _("contributeurs")
    OTHER = "other", _("autre (libellé obligatoire)")


class EditionFormat(models.TextChoices):
    IN_PERSON = "in_person", _("En présentiel")
    ONLINE = "online", _("En ligne")
    HYBRID = "hybrid", _("Hybride")


class FigureBlock(blocks.StructBlock):
    """One typed figure of an edition: a kind, a number, and an optional wording."""

    kind = blocks.ChoiceBlock(
        choices=FigureKind.choices,
        label=_("Type de chiffre"),
        help_text=_("Ce que le chiffre compte : il permet de comparer les éditions entre elles."),
    )
    value = blocks.IntegerBlock(
        min_value=0,
        label=_("Nombre"),
        help_text=_("Le nombre seul, sans espace ni unité, par exemple 2000."),
    )
    label = blocks.CharBlock(
        required=False,
        max_length=120,
        label=_("Libellé"),
        help_text=_(
            "Facultatif, sauf pour « autre » : remplace le libellé par défaut du type de "
            "chiffre (par exemple « personnes ont suivi le direct en ligne »)."
        ),
    )

    def clean(self, value):
        value = super().clean(value)
        if value["kind"] == FigureKind.OTHER and not (value.get("label") or "").strip():
            raise blocks.StructBlockValidationError(
                block_errors={
                    "label": ValidationError(
                        _(
                            "Un chiffre de type « autre » a besoin d’un libellé qui dit ce qu’il "
                            "compte."
                        )
                    )
                }
            )
        return value

    def get_context(self, value, parent_context=None):
        context = super().get_context(value, parent_context=parent_context)
        context["label"] = figure_label(value["kind"], value.get("label"))
        return context

    class Meta:
        icon = "order"
        label = _("Chiffre")
        description = _("Un chiffre clé de l’édition : personnes présentes, intervenants…")
        preview_value = {"kind": "attendees", "value": 2000, "label": ""}
        template = "editions/blocks/figure.html"


def figure_label(kind, label=""):
    """The wording shown after a figure: the editor's label, else the kind's default."""
    if label:
        return label
    try:
        return FigureKind(kind).label
    except ValueError:
        return ""


class EditionIndexPage(IntroMixin, Page):
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

    def get_context(self, request, *args, **kwargs):
        from editions.queries import attendance_chart, editions_of

        context = super().get_context(request, *args, **kwargs)
        editions = editions_of(self)
        context["editions"] = editions
        context["chart"] = attendance_chart(editions)
        return context

    class Meta:
        verbose_name = _("index des éditions")
        verbose_name_plural = _("index des éditions")


class EditionPage(IntroMixin, Page):
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

    def figure_list(self):
        """Figures as plain dicts with their wording, in the editor's order."""
        return [
            {
                "kind": item.value["kind"],
                "value": item.value["value"],
                "label": figure_label(item.value["kind"], item.value.get("label")),
            }
            for item in self.figures
        ]

    def figure(self, kind):
        """The value of the first figure of `kind`, or None."""
        for item in self.figures:
            if item.value["kind"] == kind:
                return item.value["value"]
        return None

    class Meta:
        verbose_name = _("édition")
        verbose_name_plural = _("éditions")
