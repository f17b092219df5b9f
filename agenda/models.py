"""What NEC holds besides its national edition: the local NECs territories organise, and
the meetups, workshops and webinars of the agenda. Both are dated, placed events
(`EventBase`); their places use official region and department codes, their times the
event's own time zone (agenda.schedule)."""

import hashlib

from django import forms
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import F
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey, ParentalManyToManyField
from wagtail.admin.panels import (
    FieldPanel,
    FieldRowPanel,
    InlinePanel,
    MultiFieldPanel,
)
from wagtail.api import APIField
from wagtail.contrib.forms.models import AbstractEmailForm, AbstractForm, AbstractFormField
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Page, PageManager, TranslatableMixin
from wagtail.query import PageQuerySet
from wagtail.search import index
from wagtail_localize.fields import SynchronizedField

from agenda import schedule
from agenda.choices import AccessibilityFeature, EventKind, EventStatus
from agenda.proposals import ProposalFormBuilder, notify, screen_submission
from agenda.territories import (
    DEPARTMENT_CHOICES,
    DEPARTMENTS_BY_CODE,
    REGION_CHOICES,
    REGIONS_BY_CODE,
)
from agenda.views import (
    event_context,
    serve_event_calendar,
    serve_listing,
    serve_listing_calendar,
)
from blocks import BodyStreamBlock, DocumentBlock
from editions.figures import FigureBlock
from editions.models import EditionFormat
from nec_cms import seo
from nec_cms.api import TermsField
from nec_cms.pages import (
    INTRO_FEATURES,
    IntroMixin,
    ViewRestrictionsMixin,
    localized,
    public_only,
    rich_text_api_fields,
    stream_api_fields,
)
from ressources.blocks import ResourceChooserBlock
from ressources.models import Audience, LocalizedTermsForm, LocalizedTermsMixin, Theme


class EventQuerySet(PageQuerySet):
    def listed(self):
        return public_only(self.live())

    def upcoming(self, now):
        """Not over yet at `now`, soonest first."""
        return self.filter(ends_at__gt=now).order_by("starts_at", "pk")

    def past(self, now):
        """Over at `now`, most recent first."""
        return self.filter(ends_at__lte=now).order_by("-starts_at", "-pk")


class EventForm(LocalizedTermsForm):
    """Departments and accessibility are lists of codes kept as JSON: offered here as
    checkboxes and a list of official departments, never typed."""

    departments = forms.MultipleChoiceField(
        label=_("Départements"),
        choices=DEPARTMENT_CHOICES,
        required=False,
        widget=forms.SelectMultiple(attrs={"size": 8}),
        help_text=_(
            "Le ou les départements où l’évènement a lieu (Ctrl ou Cmd pour en choisir "
            "plusieurs). Ils doivent appartenir à la région choisie."
        ),
    )
    accessibility = forms.MultipleChoiceField(
        label=_("Accessibilité"),
        choices=AccessibilityFeature.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Ce qui est prévu pour que chacun et chacune puisse participer."),
    )


class EventBase(LocalizedTermsMixin, ViewRestrictionsMixin, IntroMixin, Page):
    """A dated, placed event. Editors type local dates and times; `starts_at` and `ends_at`
    hold the same instants for sorting, computed on every save."""

    start_date = models.DateField(_("date de début"))
    start_time = models.TimeField(
        _("heure de début"),
        null=True,
        blank=True,
        help_text=_("Heure locale, là où l’évènement a lieu. Vide : toute la journée."),
    )
    end_date = models.DateField(
        _("date de fin"),
        null=True,
        blank=True,
        help_text=_("Vide : l’évènement dure une journée."),
    )
    end_time = models.TimeField(_("heure de fin"), null=True, blank=True)
    time_zone = models.CharField(
        _("fuseau horaire"),
        max_length=40,
        choices=schedule.TIME_ZONE_CHOICES,
        blank=True,
        help_text=_(
            "Vide : celui de la région (La Réunion, Guadeloupe… ne sont pas à l’heure de "
            "Paris), ou Paris pour un évènement en ligne."
        ),
    )
    starts_at = models.DateTimeField(editable=False, null=True, db_index=True)
    ends_at = models.DateTimeField(editable=False, null=True, db_index=True)
    status = models.CharField(
        _("statut"),
        max_length=20,
        choices=EventStatus.choices,
        default=EventStatus.ANNOUNCED,
        help_text=_("Un évènement annulé reste en ligne, marqué comme tel."),
    )
    format = models.CharField(
        _("format"),
        max_length=20,
        choices=EditionFormat.choices,
        default=EditionFormat.IN_PERSON,
    )
    venue = models.CharField(
        _("lieu"),
        max_length=200,
        blank=True,
        help_text=_("Le nom du lieu, par exemple « Médiathèque François-Mitterrand »."),
    )
    address = models.CharField(_("adresse"), max_length=255, blank=True)
    postcode = models.CharField(_("code postal"), max_length=10, blank=True)
    commune = models.CharField(_("commune"), max_length=120, blank=True)
    region = models.CharField(
        _("région"), max_length=3, choices=REGION_CHOICES, blank=True, db_index=True
    )
    departments = models.JSONField(_("départements"), default=list, blank=True)
    online_url = models.URLField(
        _("lien pour participer en ligne"),
        blank=True,
        help_text=_("L’adresse de la visioconférence ou du direct, pour un évènement en ligne."),
    )
    registration_url = models.URLField(_("lien d’inscription"), blank=True)
    accessibility = models.JSONField(_("accessibilité"), default=list, blank=True)
    accessibility_details = models.TextField(
        _("précisions sur l’accessibilité"),
        blank=True,
        help_text=_("Par exemple : accès par l’entrée latérale, contact pour un besoin."),
    )
    themes = ParentalManyToManyField(
        Theme, blank=True, related_name="+", verbose_name=_("thématiques")
    )
    body = StreamField(
        BodyStreamBlock(),
        blank=True,
        verbose_name=_("contenu"),
        help_text=_("La présentation de l’évènement, construite avec des blocs accessibles."),
    )
    is_example = models.BooleanField(
        _("évènement d’exemple"),
        default=False,
        help_text=_("Coché pour les évènements fictifs générés pour les démonstrations."),
    )

    objects = PageManager.from_queryset(EventQuerySet)()
    base_form_class = EventForm
    term_relations = ("themes",)
    # Reached through their list; the HTML site map names the list, not each item.
    in_site_map = False
    # Places, links and codes read the same in every language: translators never see them.
    override_translatable_fields = [
        SynchronizedField("address"),
        SynchronizedField("postcode"),
        SynchronizedField("commune"),
        SynchronizedField("online_url"),
        SynchronizedField("registration_url"),
    ]

    when_panels = [
        FieldRowPanel([FieldPanel("start_date"), FieldPanel("start_time")]),
        FieldRowPanel([FieldPanel("end_date"), FieldPanel("end_time")]),
        FieldRowPanel([FieldPanel("time_zone"), FieldPanel("status")]),
    ]
    where_panels = [
        FieldPanel("format"),
        FieldRowPanel([FieldPanel("venue"), FieldPanel("address")]),
        FieldRowPanel([FieldPanel("postcode"), FieldPanel("commune")]),
        FieldRowPanel([FieldPanel("region"), FieldPanel("departments")]),
        FieldPanel("online_url"),
        FieldPanel("registration_url"),
    ]
    access_panels = [FieldPanel("accessibility"), FieldPanel("accessibility_details")]
    api_fields = [
        *[
            APIField(name)
            for name in (
                "start_date",
                "start_time",
                "end_date",
                "end_time",
                "starts_at",
                "ends_at",
                "status",
                "format",
                "venue",
                "address",
                "postcode",
                "commune",
                "region",
                "departments",
                "online_url",
                "registration_url",
                "accessibility",
                "accessibility_details",
                "is_example",
            )
        ],
        APIField("zone"),
        APIField("themes", serializer=TermsField()),
        *rich_text_api_fields("intro"),
        *stream_api_fields("body"),
    ]
    search_fields = Page.search_fields + [
        index.SearchField("intro"),
        index.SearchField("venue"),
        index.SearchField("commune", boost=2),
        index.SearchField("body"),
        index.FilterField("region"),
        index.FilterField("starts_at"),
    ]

    class Meta:
        abstract = True

    # --- derived values ------------------------------------------------------------------

    @property
    def zone(self):
        return schedule.zone_of(self.time_zone, self.region)

    def local_bounds(self):
        return schedule.bounds(
            self.start_date, self.start_time, self.end_date, self.end_time, self.zone
        )

    def save(self, *args, **kwargs):
        if self.start_date:
            self.starts_at, self.ends_at = self.local_bounds()
        return super().save(*args, **kwargs)

    @property
    def is_cancelled(self):
        return self.status == EventStatus.CANCELLED

    def schedule_fingerprint(self):
        """What calendars must hear about when it changes: when, where, how and whether."""
        values = (
            self.start_date,
            self.start_time,
            self.end_date,
            self.end_time,
            self.zone,
            self.status,
            self.format,
            self.address,
            self.postcode,
            self.commune,
            self.online_url,
        )
        return hashlib.sha256(repr(values).encode()).hexdigest()

    def is_past(self, now):
        return self.ends_at is not None and self.ends_at <= now

    @property
    def zone_label(self):
        return schedule.TIME_ZONES[self.zone]

    @property
    def shows_zone(self):
        """Times outside Paris say whose time they are; Paris is what visitors assume."""
        return self.zone != schedule.PARIS

    @property
    def is_all_day(self):
        return schedule.is_all_day(self.start_time, self.end_time)

    @property
    def last_day(self):
        return self.end_date or self.start_date

    @property
    def region_name(self):
        region = REGIONS_BY_CODE.get(self.region)
        return region.name if region else ""

    def department_list(self):
        return [
            DEPARTMENTS_BY_CODE[code] for code in self.departments if code in DEPARTMENTS_BY_CODE
        ]

    def accessibility_list(self):
        labels = dict(AccessibilityFeature.choices)
        return [labels[code] for code in self.accessibility if code in labels]

    @property
    def is_in_person(self):
        return self.format in (EditionFormat.IN_PERSON, EditionFormat.HYBRID)

    @property
    def is_online(self):
        return self.format in (EditionFormat.ONLINE, EditionFormat.HYBRID)

    def place_summary(self):
        """One line for cards: « Commune (Région) », « En ligne », or both."""
        parts = []
        if self.is_in_person and self.commune:
            parts.append(
                f"{self.commune} ({self.region_name})" if self.region_name else self.commune
            )
        if self.is_online:
            parts.append(str(_("en ligne")) if parts else str(_("En ligne")))
        return " · ".join(parts)

    def structured_data(self, request):
        """schema.org Event: local dates and times with their offset, the place or the
        online link, and whether it was cancelled or postponed (nec_cms.seo)."""
        start, end = self.local_bounds()
        if self.is_all_day:
            start_text, end_text = self.start_date.isoformat(), self.last_day.isoformat()
        else:
            start_text, end_text = start.isoformat(), end.isoformat()
        locations = []
        if self.is_in_person:
            locations.append(
                seo.place(self.venue, self.address, self.postcode, self.commune, self.region_name)
            )
        if self.is_online and self.online_url:
            locations.append({"@type": "VirtualLocation", "url": self.online_url})
        extra = {"location": locations[0] if len(locations) == 1 else locations}
        if getattr(self, "organisers", ""):
            extra["organizer"] = {"@type": "Organization", "name": self.organisers}
        return seo.event_data(
            request,
            self,
            start=start_text,
            end=end_text,
            attendance=self.format,
            status=self.status,
            **extra,
        )

    # --- rules ---------------------------------------------------------------------------

    def clean(self):
        super().clean()
        errors = {}
        unknown = [code for code in self.departments or [] if code not in DEPARTMENTS_BY_CODE]
        regions = {department.region_code for department in self.department_list()}
        if not self.region and len(regions) == 1:
            # The departments say which region: editors need not say it twice.
            self.region = regions.pop()
        if self.end_date and self.start_date and self.end_date < self.start_date:
            errors["end_date"] = _("La date de fin ne peut pas précéder la date de début.")
        elif self.start_date and self.end_time and self.start_time:
            start, end = self.local_bounds()
            if end <= start:
                errors["end_time"] = _("L’heure de fin doit venir après l’heure de début.")
        if self.is_in_person:
            if not self.commune:
                errors["commune"] = _("Indiquez la commune d’un évènement sur place.")
            if not self.region:
                errors["region"] = _("Choisissez la région d’un évènement sur place.")
        if self.is_online and not (self.online_url or self.registration_url):
            errors["online_url"] = _(
                "Indiquez comment participer en ligne : le lien de l’évènement ou celui de "
                "l’inscription."
            )
        wrong = [
            department.name
            for department in self.department_list()
            if self.region and department.region_code != self.region
        ]
        if unknown:
            errors["departments"] = _("Codes de département inconnus : %(codes)s.") % {
                "codes": ", ".join(map(str, unknown))
            }
        elif wrong:
            errors["departments"] = _(
                "Ces départements ne sont pas dans la région choisie : %(names)s."
            ) % {"names": ", ".join(wrong)}
        region = REGIONS_BY_CODE.get(self.region)
        if (
            self.is_in_person
            and region is not None
            and self.time_zone
            and self.time_zone != region.time_zone
        ):
            errors["time_zone"] = _(
                "Un évènement sur place dans la région %(region)s a lieu à l’%(zone)s : "
                "laissez le fuseau vide ou choisissez celui-ci."
            ) % {"region": region.name, "zone": schedule.TIME_ZONES[region.time_zone]}
        if errors:
            raise ValidationError(errors)


class EventIndexBase(RoutablePageMixin, ViewRestrictionsMixin, IntroMixin, Page):
    """A list of events: upcoming first, then past, with filters in the query string and a
    calendar feed that keeps them (agenda.views)."""

    body = StreamField(
        BodyStreamBlock(),
        blank=True,
        verbose_name=_("contenu complémentaire"),
        help_text=_("Texte affiché après la liste."),
    )

    parent_page_types = ["home.HomePage"]
    max_count_per_parent = 1
    content_panels = Page.content_panels + [FieldPanel("intro"), FieldPanel("body")]
    api_fields = [*rich_text_api_fields("intro"), *stream_api_fields("body")]

    class Meta:
        abstract = True

    filter_names = ("region",)
    shows_map = False
    # Light pages (EcoIndex A): a list shows this many events at a time.
    page_size = 12

    def events(self):
        """The live, public events this list shows."""
        return self.event_model.objects.listed().child_of(self)

    def calendar_sequences(self, pages):
        return calendar_sequences(pages)

    @path("")
    def listing(self, request):
        return serve_listing(self, request)

    @path("calendrier/", name="calendar")
    def calendar(self, request):
        return serve_listing_calendar(self, request)


class EventPageBase(RoutablePageMixin, EventBase):
    """An event's page, with its own `.ics`."""

    class Meta:
        abstract = True

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context.update(event_context(self, request))
        return context

    def calendar_sequences(self, pages):
        return calendar_sequences(pages)

    @path("calendrier/", name="calendar")
    def calendar(self, request):
        return serve_event_calendar(self, request)


class LocalNecPage(EventPageBase):
    """A local NEC: organised by a territory, with its partners, what it produced and its
    figures once it has taken place."""

    organisers = models.CharField(
        _("organisateurs"),
        max_length=255,
        help_text=_("Qui organise ce NEC local, par exemple « Hub Occitanie et Région »."),
    )
    partners = models.TextField(_("partenaires"), blank=True)
    documents = StreamField(
        [("document", DocumentBlock())],
        blank=True,
        verbose_name=_("programme ou compte rendu"),
        help_text=_("Le programme avant l’évènement, le compte rendu après."),
    )
    resources = StreamField(
        [("resource", ResourceChooserBlock())],
        blank=True,
        verbose_name=_("ressources produites"),
        help_text=_("Les ressources de la bibliothèque nées de ce NEC local."),
    )
    figures = StreamField(
        [("figure", FigureBlock())],
        blank=True,
        verbose_name=_("chiffres"),
        help_text=_("Après l’évènement : personnes présentes, intervenants…"),
    )

    api_fields = [
        *EventBase.api_fields,
        APIField("organisers"),
        APIField("partners"),
        *stream_api_fields("documents", "resources", "figures"),
    ]
    parent_page_types = ["agenda.LocalNecIndexPage"]
    subpage_types = []
    content_panels = Page.content_panels + [
        MultiFieldPanel(EventBase.when_panels, heading=_("Quand")),
        MultiFieldPanel(EventBase.where_panels, heading=_("Où")),
        FieldPanel("intro"),
        FieldPanel("organisers"),
        FieldPanel("partners"),
        FieldPanel("themes", widget=forms.CheckboxSelectMultiple),
        MultiFieldPanel(EventBase.access_panels, heading=_("Accessibilité")),
        FieldPanel("body"),
        FieldPanel("documents"),
        FieldPanel("resources"),
        FieldPanel("figures"),
    ]
    search_fields = EventBase.search_fields + [index.SearchField("organisers")]

    def clean(self):
        try:
            super().clean()
        except ValidationError as error:
            errors = error.error_dict
        else:
            errors = {}
        if not self.region and "region" not in errors:
            errors["region"] = [
                ValidationError(_("Un NEC local a lieu dans une région : choisissez-la."))
            ]
        if errors:
            raise ValidationError(errors)

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        chosen = [block.value for block in self.resources if block.value is not None]
        context["resources"] = [page for page in localized(chosen, self.locale_id) if page.live]
        return context

    class Meta:
        verbose_name = _("NEC local")
        verbose_name_plural = _("NEC locaux")


class EventPage(EventPageBase):
    """A meetup, workshop or webinar of the agenda."""

    kind = models.CharField(
        _("type d’évènement"), max_length=20, choices=EventKind.choices, default=EventKind.MEETUP
    )
    audiences = ParentalManyToManyField(
        Audience, blank=True, related_name="+", verbose_name=_("publics")
    )

    api_fields = [
        *EventBase.api_fields,
        APIField("kind"),
        APIField("audiences", serializer=TermsField()),
    ]
    term_relations = ("themes", "audiences")
    parent_page_types = ["agenda.EventIndexPage"]
    subpage_types = []
    content_panels = Page.content_panels + [
        FieldPanel("kind"),
        MultiFieldPanel(EventBase.when_panels, heading=_("Quand")),
        MultiFieldPanel(EventBase.where_panels, heading=_("Où")),
        FieldPanel("intro"),
        FieldPanel("themes", widget=forms.CheckboxSelectMultiple),
        FieldPanel("audiences", widget=forms.CheckboxSelectMultiple),
        MultiFieldPanel(EventBase.access_panels, heading=_("Accessibilité")),
        FieldPanel("body"),
    ]

    class Meta:
        verbose_name = _("évènement")
        verbose_name_plural = _("évènements")


class LocalNecIndexPage(EventIndexBase):
    """Every local NEC, with a map of France's regions."""

    event_model = LocalNecPage
    shows_map = True
    page_size = 9  # beside the map and its table of regions
    subpage_types = ["agenda.LocalNecPage", "agenda.OrganiserFormPage"]

    def organisers_page(self):
        """The call for organisers, when it is live."""
        return public_only(OrganiserFormPage.objects.live().child_of(self)).first()

    class Meta:
        verbose_name = _("liste des NEC locaux")
        verbose_name_plural = _("listes des NEC locaux")


class EventIndexPage(EventIndexBase):
    """The agenda: meetups, workshops and webinars."""

    event_model = EventPage
    filter_names = ("kind", "format", "region", "audience")
    subpage_types = ["agenda.EventPage"]

    def audience_terms(self):
        """The audiences of this agenda's language, the filter's options."""
        return list(Audience.objects.filter(locale_id=self.locale_id).order_by("name"))

    class Meta:
        verbose_name = _("agenda")
        verbose_name_plural = _("agendas")


class CalendarSequence(models.Model):
    """How many times an event's schedule changed once published (iCalendar's SEQUENCE),
    shared by its translations, which share its UID."""

    translation_key = models.UUIDField(unique=True)
    sequence = models.PositiveIntegerField(default=0)
    fingerprint = models.CharField(max_length=64)

    class Meta:
        verbose_name = _("version de calendrier")

    def __str__(self):
        return f"{self.translation_key} #{self.sequence}"


# --- The call for organisers -------------------------------------------------------------


# What a question asks, in the words browsers fill in for people (WCAG 1.3.5).
AUTOCOMPLETE_CHOICES = [
    ("name", _("Nom et prénom")),
    ("organization", _("Organisation")),
    ("email", _("Adresse électronique")),
    ("tel", _("Téléphone")),
    ("address-level2", _("Commune")),
    ("postal-code", _("Code postal")),
]


class ProposalField(TranslatableMixin, AbstractFormField):
    """A question of the proposal form, translated with its page."""

    page = ParentalKey("OrganiserFormPage", on_delete=models.CASCADE, related_name="form_fields")
    autocomplete = models.CharField(
        _("remplissage automatique"),
        max_length=40,
        choices=AUTOCOMPLETE_CHOICES,
        blank=True,
        help_text=_(
            "Ce que le navigateur peut proposer de remplir à la place de la personne : son "
            "nom, son organisation… (une adresse électronique l’est toujours)."
        ),
    )
    # The answers are stored under the French name in both languages: one table to read.
    override_translatable_fields = [SynchronizedField("clean_name")]
    panels = [*AbstractFormField.panels, FieldPanel("autocomplete")]

    class Meta(TranslatableMixin.Meta, AbstractFormField.Meta):
        verbose_name = _("question du formulaire")


class OrganiserFormPage(AbstractEmailForm):
    """How to organise a local NEC, and the form to propose one. Spam is kept out by a
    hidden field and a rate limit (agenda.proposals), never a third-party service."""

    intro = RichTextField(_("chapô"), features=INTRO_FEATURES, blank=True)
    body = StreamField(
        BodyStreamBlock(),
        blank=True,
        verbose_name=_("comment organiser un NEC local"),
    )
    consent_text = RichTextField(
        _("consentement"),
        features=INTRO_FEATURES,
        help_text=_(
            "Ce que deviennent les données envoyées : qui les lit, combien de temps elles "
            "sont gardées, comment les faire supprimer. Affiché avant le bouton d’envoi."
        ),
    )
    thank_you_text = RichTextField(
        _("message de remerciement"),
        features=INTRO_FEATURES,
        help_text=_("Affiché après l’envoi d’une proposition."),
    )

    # Only what visitors read: never the addresses proposals are mailed to.
    api_fields = [*rich_text_api_fields("intro", "consent_text"), *stream_api_fields("body")]
    form_builder = ProposalFormBuilder
    parent_page_types = ["agenda.LocalNecIndexPage"]
    subpage_types = []
    max_count_per_parent = 1
    content_panels = AbstractEmailForm.content_panels + [
        FieldPanel("intro"),
        FieldPanel("body"),
        InlinePanel("form_fields", label=_("Questions du formulaire")),
        FieldPanel("consent_text"),
        FieldPanel("thank_you_text"),
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("from_address"), FieldPanel("to_address")]),
                FieldPanel("subject"),
            ],
            heading=_("Notification par courriel"),
        ),
    ]
    # No submissions panel: Wagtail's shows their count and last date to anyone editing
    # the page, while proposals are for moderators only (agenda.wagtail_hooks).

    def serve(self, request, *args, **kwargs):
        refused = screen_submission(self, request)
        return refused or super().serve(request, *args, **kwargs)

    def process_form_submission(self, form):
        # Saved first, then moderators are told, whether or not the page names addresses.
        submission = AbstractForm.process_form_submission(self, form)
        notify(self, form)
        return submission

    class Meta:
        verbose_name = _("appel à organisateurs")
        verbose_name_plural = _("appels à organisateurs")


def calendar_sequences(pages):
    """{translation key: SEQUENCE} of `pages` (0 for a page never recorded), one query."""
    keys = {page.translation_key for page in pages}
    recorded = dict(
        CalendarSequence.objects.filter(translation_key__in=keys).values_list(
            "translation_key", "sequence"
        )
    )
    return {key: recorded.get(key, 0) for key in keys}


def record_calendar_change(sender, instance, **kwargs):
    """On publish: a schedule, place or status that changed bumps the event's SEQUENCE.
    Translations publish the same synchronised values, so they do not bump it again."""
    if not isinstance(instance, EventBase):
        return
    fingerprint = instance.schedule_fingerprint()
    record, created = CalendarSequence.objects.get_or_create(
        translation_key=instance.translation_key, defaults={"fingerprint": fingerprint}
    )
    if not created and record.fingerprint != fingerprint:
        CalendarSequence.objects.filter(pk=record.pk).update(
            sequence=F("sequence") + 1, fingerprint=fingerprint
        )
