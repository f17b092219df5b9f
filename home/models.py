"""Pages that say what NEC is: the home page « La démarche », the charter, generic
content pages, legal pages and the HTML site map."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.admin.panels import FieldPanel
from wagtail.api import APIField
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Page
from wagtail.search import index

from blocks import BodyStreamBlock
from nec_cms.navigation import page_tree
from nec_cms.pages import (
    INTRO_FEATURES,
    IntroMixin,
    ViewRestrictionsMixin,
    rich_text_api_fields,
    stream_api_fields,
)

# The chapô features, plus lists: activities, engagements and the ANCT text use them.
TEXT_FEATURES = [*INTRO_FEATURES, "ol", "ul"]


class ActivityBlock(blocks.StructBlock):
    """One of the four things NEC does every year."""

    title = blocks.CharBlock(
        label=_("Activité"),
        max_length=160,
        help_text=_("Une activité annuelle de la démarche, en une phrase courte."),
    )

    class Meta:
        icon = "list-ul"
        label = _("Activité annuelle")
        description = _("Une des activités que la démarche mène chaque année.")
        preview_value = {"title": "La tenue d’un grand évènement annuel"}
        template = "home/blocks/activity.html"


class ValueBlock(blocks.StructBlock):
    """One value of the numérique d'intérêt général (ouvert, inclusif…)."""

    name = blocks.CharBlock(
        label=_("Valeur"),
        max_length=60,
        help_text=_("Un adjectif, par exemple « ouvert » ou « souverain »."),
    )

    class Meta:
        icon = "tick"
        label = _("Valeur")
        description = _("Une valeur du numérique d’intérêt général que NEC défend.")
        preview_value = {"name": "ouvert"}
        template = "home/blocks/value.html"


class EngagementBlock(blocks.StructBlock):
    """A charter engagement. Its number comes from its position, never typed."""

    title = blocks.CharBlock(
        label=_("Titre de l’engagement"),
        max_length=200,
        help_text=_(
            "L’intitulé de l’engagement. Le numéro (n°1, n°2…) est ajouté automatiquement "
            "selon l’ordre des engagements."
        ),
    )
    text = blocks.RichTextBlock(
        label=_("Texte"),
        features=TEXT_FEATURES,
        help_text=_("Ce à quoi les organisateurs et partenaires s’engagent."),
    )

    class Meta:
        icon = "pick"
        label = _("Engagement")
        description = _("Un engagement de la charte, numéroté selon son ordre.")
        preview_value = {
            "title": "Garantir l’ouverture et l’accès à tous et toutes",
            "text": "<p>Les événements NEC sont gratuits afin de favoriser l’accès à tous et "
            "toutes.</p>",
        }
        template = "home/blocks/engagement.html"


class LegalFactBlock(blocks.StructBlock):
    """A fact the law requires on a legal page. An empty value is shown to visitors as
    « à compléter » so that a missing fact is visible, never invented."""

    label = blocks.CharBlock(
        label=_("Intitulé"),
        max_length=120,
        help_text=_("Par exemple « Directeur ou directrice de la publication »."),
    )
    value = blocks.TextBlock(
        label=_("Valeur"),
        required=False,
        help_text=_(
            "Laissez vide si l’information n’est pas encore connue : la page affichera "
            "« À compléter » de façon visible."
        ),
    )

    class Meta:
        icon = "doc-full"
        label = _("Mention obligatoire")
        description = _("Une information exigée par la loi, à compléter si elle manque.")
        preview_value = {"label": "Hébergeur", "value": ""}
        template = "home/blocks/legal_fact.html"


class HomePage(ViewRestrictionsMixin, IntroMixin, Page):
    """« La démarche »: what NEC is, what it does each year, the values it defends, and
    its key figures, computed from the editions so they are never typed twice."""

    activities_intro = models.CharField(
        _("introduction des activités"),
        max_length=200,
        blank=True,
        help_text=_("La phrase qui annonce les activités, par exemple « Chaque année… »."),
    )
    activities = StreamField(
        [("activity", ActivityBlock())],
        blank=True,
        verbose_name=_("activités annuelles"),
        help_text=_("Ce que la démarche fait chaque année, une activité par bloc."),
    )
    values = StreamField(
        [("value", ValueBlock())],
        blank=True,
        verbose_name=_("valeurs"),
        help_text=_("Les valeurs du numérique d’intérêt général, une par bloc."),
    )
    history = RichTextField(
        _("historique"),
        features=TEXT_FEATURES,
        blank=True,
        help_text=_("Quelques phrases sur l’histoire de la démarche, avant les chiffres clés."),
    )
    carrier_title = models.CharField(
        _("titre de la présentation du porteur"),
        max_length=200,
        blank=True,
        help_text=_("Le titre de la section qui présente l’ANCT et Société Numérique."),
    )
    carrier_text = RichTextField(
        _("présentation du porteur"),
        features=TEXT_FEATURES,
        blank=True,
        help_text=_("Qui porte la démarche : l’ANCT et son programme Société Numérique."),
    )
    body = StreamField(
        BodyStreamBlock(),
        blank=True,
        verbose_name=_("contenu complémentaire"),
        help_text=_("Contenu libre affiché après les chiffres clés."),
    )

    parent_page_types = ["wagtailcore.Page"]
    max_count_per_parent = 1

    content_panels = Page.content_panels + [
        FieldPanel("intro"),
        FieldPanel("activities_intro"),
        FieldPanel("activities"),
        FieldPanel("values"),
        FieldPanel("history"),
        FieldPanel("carrier_title"),
        FieldPanel("carrier_text"),
        FieldPanel("body"),
    ]
    search_fields = Page.search_fields + [
        index.SearchField("intro"),
        index.SearchField("history"),
        index.SearchField("carrier_text"),
    ]
    api_fields = [
        *rich_text_api_fields("intro", "history", "carrier_text"),
        APIField("activities_intro"),
        *stream_api_fields("activities", "values", "body"),
        APIField("carrier_title"),
    ]

    class Meta:
        verbose_name = _("page d’accueil")
        verbose_name_plural = _("pages d’accueil")


class ContentPage(ViewRestrictionsMixin, IntroMixin, Page):
    """A generic page of text built from the accessible blocks."""

    body = StreamField(
        BodyStreamBlock(),
        blank=True,
        verbose_name=_("contenu"),
        help_text=_("Le contenu de la page, construit avec des blocs accessibles."),
    )

    parent_page_types = ["home.HomePage", "home.ContentPage"]
    content_panels = Page.content_panels + [FieldPanel("intro"), FieldPanel("body")]
    search_fields = Page.search_fields + [index.SearchField("intro"), index.SearchField("body")]
    api_fields = [*rich_text_api_fields("intro"), *stream_api_fields("body")]

    class Meta:
        verbose_name = _("page de contenu")
        verbose_name_plural = _("pages de contenu")


class LegalPage(ViewRestrictionsMixin, IntroMixin, Page):
    """Mentions légales, données personnelles, déclaration d'accessibilité: text plus the
    facts the law requires, each visibly marked « à compléter » while unknown."""

    facts = StreamField(
        [("fact", LegalFactBlock())],
        blank=True,
        verbose_name=_("mentions obligatoires"),
        help_text=_(
            "Les informations exigées par la loi. Une valeur vide s’affiche « À compléter » : "
            "n’inventez jamais une information."
        ),
    )
    body = StreamField(
        BodyStreamBlock(),
        blank=True,
        verbose_name=_("contenu"),
        help_text=_("Le texte de la page, construit avec des blocs accessibles."),
    )

    parent_page_types = ["home.HomePage"]
    subpage_types = []

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        # Listed at the top of the page, so that nobody takes it as complete.
        context["missing_facts"] = [
            block.value["label"] for block in self.facts if not block.value["value"].strip()
        ]
        return context

    content_panels = Page.content_panels + [
        FieldPanel("intro"),
        FieldPanel("facts"),
        FieldPanel("body"),
    ]
    search_fields = Page.search_fields + [index.SearchField("intro"), index.SearchField("body")]
    api_fields = [*rich_text_api_fields("intro"), *stream_api_fields("facts", "body")]

    class Meta:
        verbose_name = _("page légale")
        verbose_name_plural = _("pages légales")


class CharterPage(ViewRestrictionsMixin, IntroMixin, Page):
    """The charter signed by organisers and partners. Engagements are numbered from their
    order, so reordering or removing one never leaves a gap or a duplicate number."""

    engagements = StreamField(
        [("engagement", EngagementBlock())],
        blank=True,
        verbose_name=_("engagements"),
        help_text=_("Les engagements de la charte, dans l’ordre : ils sont numérotés n°1, n°2…"),
    )
    body = StreamField(
        BodyStreamBlock(),
        blank=True,
        verbose_name=_("contenu complémentaire"),
        help_text=_("Texte affiché après les engagements."),
    )

    parent_page_types = ["home.HomePage"]
    subpage_types = []
    max_count_per_parent = 1
    content_panels = Page.content_panels + [
        FieldPanel("intro"),
        FieldPanel("engagements"),
        FieldPanel("body"),
    ]
    search_fields = Page.search_fields + [
        index.SearchField("intro"),
        index.SearchField("engagements"),
    ]
    api_fields = [*rich_text_api_fields("intro"), *stream_api_fields("engagements", "body")]

    class Meta:
        verbose_name = _("charte")
        verbose_name_plural = _("chartes")


class SitemapPage(ViewRestrictionsMixin, IntroMixin, Page):
    """The HTML site map (« plan du site »), generated from the page tree."""

    parent_page_types = ["home.HomePage"]
    subpage_types = []
    max_count_per_parent = 1
    content_panels = Page.content_panels + [FieldPanel("intro")]
    api_fields = rich_text_api_fields("intro")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["tree"] = page_tree(self.get_site_root(), request)
        return context

    def get_site_root(self):
        return self.get_ancestors().type(HomePage).first() or self.get_parent()

    class Meta:
        verbose_name = _("plan du site")
        verbose_name_plural = _("plans du site")
