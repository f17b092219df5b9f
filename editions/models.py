"""The national event, one page per edition, with typed figures so that editions can be
compared across years (chart on the index, key figures on the home page)."""

import datetime
from functools import cached_property

from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey, ParentalManyToManyField
from rest_framework.fields import Field
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.api import APIField
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import RichTextField, StreamField
from wagtail.images.api.fields import ImageRenditionField
from wagtail.models import Orderable, Page, PageManager
from wagtail.query import PageQuerySet
from wagtail.search import index
from wagtail_localize.fields import SynchronizedField, TranslatableField

from blocks import BodyStreamBlock
from blocks.rules import alt_text_problem
from editions import parity
from editions.choices import PARIS, GenderAnswer, SessionFormat, SessionLanguage, SpeakerRole
from editions.figures import FigureBlock, attendance_chart, shown_figure
from editions.panels import ParityPanel
from nec_cms import seo
from nec_cms.api import PublicRichTextField, TermsField
from nec_cms.pages import (
    INTRO_FEATURES,
    IntroMixin,
    ViewRestrictionsMixin,
    public_only,
    rich_text_api_fields,
    stream_api_fields,
)
from nec_cms.publishing import PublishRefused, is_going_live
from ressources.blocks import ResourceChooserBlock
from ressources.licences import DEFAULT_LICENCE, LICENCE_CHOICES, LICENCES
from ressources.models import LocalizedTermsForm, LocalizedTermsMixin


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
    subpage_types = ["editions.ProgrammePage"]
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


# --------------------------------------------------------------------------------------
# The programme of an edition: sessions, the people on stage, replays
# --------------------------------------------------------------------------------------


class SessionQuerySet(PageQuerySet):
    def listed(self):
        """Live, public sessions in programme order: day, time, room."""
        return public_only(self.live()).order_by("date", "start_time", "room", "title")


class ProgrammePage(RoutablePageMixin, ViewRestrictionsMixin, IntroMixin, Page):
    """An edition's programme: its sessions by day, time and room, filtered by format,
    theme and audience with plain links, and exported as frab schedule JSON and iCalendar
    (editions.exports)."""

    parent_page_types = ["editions.EditionPage"]
    subpage_types = ["editions.SessionPage"]
    max_count_per_parent = 1
    content_panels = Page.content_panels + [FieldPanel("intro")]
    api_fields = rich_text_api_fields("intro")
    # Reached from its edition; the HTML site map names the editions.
    in_site_map = False

    @property
    def edition(self):
        return self.get_parent().specific

    def sessions(self):
        return SessionPage.objects.listed().child_of(self)

    @path("")
    def programme(self, request):
        from editions.views import serve_programme

        return serve_programme(request, self)

    # Wagtail's page URLs are made of slugs: the file name comes with the response.
    @path("json/")
    def schedule_json(self, request):
        from editions.exports import serve_schedule_json

        return serve_schedule_json(request, self)

    @path("calendrier/")
    def calendar(self, request):
        from editions.exports import serve_programme_calendar

        return serve_programme_calendar(request, self)

    class Meta:
        verbose_name = _("programme")
        verbose_name_plural = _("programmes")


class PeopleOnStageField(Field):
    """The people on stage by name and role, with their public page: never more."""

    def to_representation(self, value):
        return [
            {
                "id": item.speaker_id,
                "name": item.speaker.title,
                "role": item.role,
            }
            for item in value.all()
        ]


class SessionPageForm(LocalizedTermsForm):
    """The parity rule, checked here when the edit view publishes or approves, so that the
    form comes back with everything typed and the rule's message (the model refuses the
    other paths, nec_cms.publishing)."""

    APPROVING_ACTIONS = {"approve", "approve-and-publish"}

    def is_publishing(self):
        data = self.data
        if data.get("action-publish"):
            return True
        return data.get("workflow-action-name") in self.APPROVING_ACTIONS

    def clean(self):
        cleaned = super().clean()
        if not self.is_publishing() or "speakers" not in self.formsets:
            return cleaned
        speaker_keys = []
        for form in self.formsets["speakers"].forms:
            if not form.is_valid() or form.cleaned_data.get("DELETE"):
                continue
            speaker = form.cleaned_data.get("speaker")
            if speaker is not None:
                speaker_keys.append(speaker.translation_key)
        parent = self.parent_page if self.instance.pk is None else self.instance.get_parent()
        edition = parent.get_parent() if parent is not None else None
        if edition is None:
            return cleaned
        verdict = parity_verdict(
            self.instance.translation_key, edition.translation_key, speaker_keys
        )
        if not verdict.publishable:
            self.add_error(None, verdict.message)
        return cleaned


class SessionPage(LocalizedTermsMixin, ViewRestrictionsMixin, IntroMixin, Page):
    """One session of an edition's programme, the people on stage, and its replay.

    Publishing it obeys the charter's parity rule (editions.parity) on every path."""

    format = models.CharField(_("format"), max_length=20, choices=SessionFormat.choices)
    date = models.DateField(_("jour"))
    start_time = models.TimeField(_("heure de début"), help_text=_("Heure de Paris."))
    end_time = models.TimeField(_("heure de fin"), help_text=_("Heure de Paris."))
    room = models.CharField(
        _("salle"), max_length=80, help_text=_("Par exemple « Grand amphithéâtre ».")
    )
    language = models.CharField(
        _("langue de la session"),
        max_length=2,
        choices=SessionLanguage.choices,
        default=SessionLanguage.FR,
    )
    themes = ParentalManyToManyField(
        "ressources.Theme", blank=True, related_name="sessions", verbose_name=_("thématiques")
    )
    audiences = ParentalManyToManyField(
        "ressources.Audience", blank=True, related_name="sessions", verbose_name=_("publics")
    )
    sign_language = models.BooleanField(
        _("interprétation en langue des signes française (LSF)"), default=False
    )
    live_captions = models.BooleanField(_("sous-titrage en direct"), default=False)
    slides = models.ForeignKey(
        "wagtaildocs.Document",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("support de présentation"),
    )
    resources = StreamField(
        [("resource", ResourceChooserBlock())],
        blank=True,
        verbose_name=_("ressources liées"),
    )
    do_not_record = models.BooleanField(
        _("ne pas enregistrer"),
        default=False,
        help_text=_("Cochée, la session n’a pas de rediffusion."),
    )
    replay_url = models.URLField(
        _("lien de la rediffusion"),
        blank=True,
        help_text=_(
            "L’adresse de la vidéo. Aucun lecteur d’un autre site n’est chargé : les "
            "visiteurs suivent le lien, et la transcription est sur notre page."
        ),
    )
    replay_duration = models.PositiveIntegerField(
        _("durée de la rediffusion (minutes)"), null=True, blank=True
    )
    replay_captions = models.ForeignKey(
        "wagtaildocs.Document",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("fichier de sous-titres"),
        help_text=_("Au format WebVTT (.vtt) ou SubRip (.srt)."),
    )
    replay_licence = models.CharField(
        _("licence de l’enregistrement"),
        max_length=20,
        choices=LICENCE_CHOICES,
        default=DEFAULT_LICENCE,
    )
    transcript = RichTextField(
        _("transcription"),
        features=["h3", "bold", "italic", "ol", "ul", "link"],
        blank=True,
        help_text=_("Obligatoire pour publier une rediffusion."),
    )

    is_example = models.BooleanField(
        _("session d’exemple"),
        default=False,
        help_text=_("Coché pour les sessions fictives générées pour les démonstrations."),
    )

    objects = PageManager.from_queryset(SessionQuerySet)()

    base_form_class = SessionPageForm
    term_relations = ("themes", "audiences")
    parent_page_types = ["editions.ProgrammePage"]
    subpage_types = []
    in_site_map = False
    content_panels = Page.content_panels + [
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("format"), FieldPanel("language")]),
                FieldRowPanel(
                    [FieldPanel("date"), FieldPanel("start_time"), FieldPanel("end_time")]
                ),
                FieldPanel("room"),
            ],
            heading=_("Quand et où"),
        ),
        FieldPanel("intro", heading=_("résumé")),
        InlinePanel(
            "speakers",
            heading=_("Sur scène"),
            label=_("personne"),
            help_text=_(
                "Les intervenant·es, animateur·rices et grands témoins. Engagement n°2 de la "
                "charte : pas de panel exclusivement masculin."
            ),
        ),
        ParityPanel(heading=_("Diversité sur scène")),
        MultiFieldPanel(
            [
                FieldPanel("themes", widget=forms.CheckboxSelectMultiple),
                FieldPanel("audiences", widget=forms.CheckboxSelectMultiple),
            ],
            heading=_("Thématiques et publics"),
        ),
        MultiFieldPanel(
            [FieldPanel("sign_language"), FieldPanel("live_captions")],
            heading=_("Accessibilité"),
        ),
        MultiFieldPanel(
            [FieldPanel("slides"), FieldPanel("resources")], heading=_("Supports et ressources")
        ),
        MultiFieldPanel(
            [
                FieldPanel("do_not_record"),
                FieldPanel("replay_url"),
                FieldRowPanel([FieldPanel("replay_duration"), FieldPanel("replay_licence")]),
                FieldPanel("replay_captions"),
                FieldPanel("transcript"),
            ],
            heading=_("Rediffusion"),
        ),
    ]
    search_fields = Page.search_fields + [
        index.SearchField("intro"),
        index.SearchField("room"),
        index.SearchField("transcript"),
        index.FilterField("format"),
        index.FilterField("date"),
    ]

    api_fields = [
        *[
            APIField(name)
            for name in (
                "format",
                "date",
                "start_time",
                "end_time",
                "room",
                "language",
                "sign_language",
                "live_captions",
                "do_not_record",
                "replay_duration",
                "replay_licence",
                "is_example",
            )
        ],
        APIField("themes", serializer=TermsField()),
        APIField("audiences", serializer=TermsField()),
        APIField("people_on_stage", serializer=PeopleOnStageField(source="speakers")),
        APIField("public_replay_url"),
        *rich_text_api_fields("intro", "transcript"),
    ]

    @property
    def has_replay(self):
        return bool(self.replay_url) and not self.do_not_record

    @property
    def public_replay_url(self):
        return self.replay_url if self.has_replay else ""

    def local_bounds(self):
        start = datetime.datetime.combine(self.date, self.start_time, tzinfo=PARIS)
        end = datetime.datetime.combine(self.date, self.end_time, tzinfo=PARIS)
        return start, end

    def structured_data(self, request):
        """schema.org Event in its edition; the people on stage as performers, by name
        (with their page only when they agreed to a public profile); the replay as a
        VideoObject with its transcript and licence."""
        start, end = self.local_bounds()
        edition = self.get_parent().get_parent().specific
        performers = []
        for item in self.speakers.all():
            person = {"@type": "Person", "name": item.speaker.title}
            if item.speaker.consent:
                person["url"] = seo.absolute(request, item.speaker.get_url(request))
            performers.append(person)
        data = seo.event_data(
            request,
            self,
            start=start.isoformat(),
            end=end.isoformat(),
            attendance=edition.format,
            location=seo.place(name=edition.venue, locality=edition.city),
            superEvent={
                "@type": "Event",
                "name": edition.title,
                "url": seo.absolute(request, edition.get_url(request)),
            },
            inLanguage=self.language,
        )
        if performers:
            data["performer"] = performers
        if self.has_replay:
            data["recordedIn"] = {
                "@type": "VideoObject",
                "name": self.title,
                "description": seo.description_of(self),
                "contentUrl": self.replay_url,
                "uploadDate": self.date.isoformat(),
                "license": LICENCES[self.replay_licence].url,
                "transcript": seo.plain_text(self.transcript),
                **({"duration": f"PT{self.replay_duration}M"} if self.replay_duration else {}),
            }
        return data

    def clean(self):
        super().clean()
        errors = {}
        if self.start_time and self.end_time and self.end_time <= self.start_time:
            errors["end_time"] = _("La session doit finir après son début.")
        if self.do_not_record and self.replay_url:
            errors["replay_url"] = _(
                "La session est marquée « ne pas enregistrer » : elle n’a pas de rediffusion. "
                "Retirez le lien ou décochez la case."
            )
        elif self.replay_url and not self.transcript.strip():
            errors["transcript"] = _(
                "Une rediffusion ne peut pas être publiée sans sa transcription : ajoutez-la "
                "ici, ou retirez le lien de la rediffusion en attendant."
            )
        if errors:
            raise ValidationError(errors)

    def speaker_keys(self):
        return [item.speaker.translation_key for item in self.speakers.all() if item.speaker]

    def parity_verdict(self):
        edition = self.get_parent().get_parent()
        return parity_verdict(self.translation_key, edition.translation_key, self.speaker_keys())

    def parity_attestation(self):
        """The moderator's attestation of the line-up on stage now, if any."""
        return attestation_for(self.translation_key, self.speaker_keys())

    def save(self, *args, **kwargs):
        if is_going_live(self):
            verdict = self.parity_verdict()
            if not verdict.publishable:
                raise PublishRefused(verdict.message, page=self)
        return super().save(*args, **kwargs)

    class Meta:
        verbose_name = _("session")
        verbose_name_plural = _("sessions")


class SessionSpeaker(Orderable):
    """One person on stage in a session, with their role there."""

    page = ParentalKey(SessionPage, on_delete=models.CASCADE, related_name="speakers")
    speaker = models.ForeignKey(
        "editions.SpeakerPage",
        on_delete=models.CASCADE,
        related_name="appearances",
        verbose_name=_("personne"),
    )
    role = models.CharField(
        _("rôle"), max_length=20, choices=SpeakerRole.choices, default=SpeakerRole.SPEAKER
    )

    panels = [FieldPanel("speaker"), FieldPanel("role")]

    class Meta(Orderable.Meta):
        verbose_name = _("personne sur scène")
        verbose_name_plural = _("personnes sur scène")


class SpeakerIndexPage(ViewRestrictionsMixin, IntroMixin, Page):
    """Everyone who spoke at an edition, by name."""

    parent_page_types = ["home.HomePage"]
    subpage_types = ["editions.SpeakerPage"]
    max_count_per_parent = 1
    content_panels = Page.content_panels + [FieldPanel("intro")]
    api_fields = rich_text_api_fields("intro")

    def serve(self, request, *args, **kwargs):
        from editions.views import serve_speaker_index

        return serve_speaker_index(self, request)

    class Meta:
        verbose_name = _("index des intervenant·es")
        verbose_name_plural = _("index des intervenant·es")


class SpeakerPage(ViewRestrictionsMixin, Page):
    """A person who spoke at an edition. Their name, organisation and sessions are public;
    their bio and photo only with their recorded consent; their e-mail never (it is for the
    team only: no template, export or API field reads it)."""

    organisation = models.CharField(_("organisation"), max_length=160, blank=True)
    job_title = models.CharField(_("fonction"), max_length=160, blank=True)
    bio = RichTextField(_("biographie"), features=INTRO_FEATURES, blank=True)
    photo = models.ForeignKey(
        "wagtailimages.Image",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("photo"),
    )
    photo_alt = models.CharField(
        _("texte alternatif de la photo"),
        max_length=200,
        blank=True,
        help_text=_("Ce que montre la photo, par exemple « Claire Dupont au micro »."),
    )
    photo_credit = models.CharField(_("crédit de la photo"), max_length=160, blank=True)
    website = models.URLField(_("site web"), blank=True)
    mastodon = models.URLField(_("Mastodon"), blank=True)
    linkedin = models.URLField(_("LinkedIn"), blank=True)
    email = models.EmailField(
        _("adresse électronique"),
        blank=True,
        help_text=_("Pour l’équipe seulement : jamais affichée, exportée ni publiée."),
    )
    consent = models.BooleanField(
        _("accord pour publier la biographie et la photo"),
        default=False,
        help_text=_("Cochez seulement si la personne a donné son accord, et datez-le."),
    )
    consent_date = models.DateField(_("date de l’accord"), null=True, blank=True)
    is_example = models.BooleanField(
        _("personne d’exemple"),
        default=False,
        help_text=_("Coché pour les personnes fictives générées pour les démonstrations."),
    )

    parent_page_types = ["editions.SpeakerIndexPage"]
    subpage_types = []
    in_site_map = False
    content_panels = Page.content_panels + [
        FieldRowPanel([FieldPanel("organisation"), FieldPanel("job_title")]),
        FieldPanel("email"),
        MultiFieldPanel(
            [FieldRowPanel([FieldPanel("consent"), FieldPanel("consent_date")])],
            heading=_("Accord de la personne"),
        ),
        FieldPanel("bio"),
        MultiFieldPanel(
            [FieldPanel("photo"), FieldPanel("photo_alt"), FieldPanel("photo_credit")],
            heading=_("Photo"),
        ),
        MultiFieldPanel(
            [FieldPanel("website"), FieldPanel("mastodon"), FieldPanel("linkedin")],
            heading=_("Liens"),
        ),
    ]
    search_fields = Page.search_fields + [index.SearchField("organisation")]
    # The e-mail and the consent are the same in every language; translators see neither.
    override_translatable_fields = [
        TranslatableField("title"),
        TranslatableField("bio"),
        TranslatableField("job_title"),
        TranslatableField("photo_alt"),
        SynchronizedField("organisation"),
        SynchronizedField("email", overridable=False),
        SynchronizedField("consent", overridable=False),
        SynchronizedField("consent_date", overridable=False),
    ]

    api_fields = [
        APIField("organisation"),
        APIField("job_title"),
        APIField("public_bio", serializer=PublicRichTextField()),
        APIField(
            "public_photo",
            serializer=ImageRenditionField("fill-400x400|format-webp"),
        ),
        APIField("public_photo_alt"),
        APIField("website"),
        APIField("mastodon"),
        APIField("linkedin"),
        APIField("is_example"),
    ]

    def structured_data(self, request):
        """schema.org Person: name and organisation; description and image only with the
        person's consent."""
        data = {
            "@context": "https://schema.org",
            "@type": "Person",
            "name": self.title,
            "url": seo.absolute(request, self.get_url(request)),
        }
        if self.organisation:
            data["affiliation"] = {"@type": "Organization", "name": self.organisation}
        if self.job_title:
            data["jobTitle"] = self.job_title
        if self.consent and self.bio:
            data["description"] = seo.plain_text(self.bio)
        links = [url for url in (self.website, self.mastodon, self.linkedin) if url]
        if links:
            data["sameAs"] = links
        return data

    @property
    def public_photo_alt(self):
        return self.photo_alt if self.public_photo else ""

    @property
    def public_bio(self):
        return self.bio if self.consent else ""

    @property
    def public_photo(self):
        return self.photo if self.consent else None

    def clean(self):
        super().clean()
        errors = {}
        if self.consent and not self.consent_date:
            errors["consent_date"] = _(
                "Indiquez la date à laquelle la personne a donné son accord."
            )
        if self.photo_id and not self.photo_alt.strip():
            errors["photo_alt"] = _(
                "Décrivez la photo : elle n’est publiée qu’avec son texte alternatif."
            )
        elif self.photo_alt:
            problem = alt_text_problem(self.photo_alt)
            if problem:
                errors["photo_alt"] = problem
        if errors:
            raise ValidationError(errors)

    class Meta:
        verbose_name = _("intervenant·e")
        verbose_name_plural = _("intervenant·es")


# --------------------------------------------------------------------------------------
# Parity data, kept apart from speakers: moderators only, never in revisions, search,
# API, exports or templates, erased twelve months after the edition
# --------------------------------------------------------------------------------------


class GenderDeclaration(models.Model):
    """A speaker's self-declared gender for one edition (optional; empty by default)."""

    # Never shown one by one, but counted in the edition's parity share.
    shown_to_visitors = True

    speaker = models.ForeignKey(
        SpeakerPage, on_delete=models.CASCADE, related_name="+", verbose_name=_("personne")
    )
    edition = models.ForeignKey(
        EditionPage, on_delete=models.CASCADE, related_name="+", verbose_name=_("édition")
    )
    answer = models.CharField(
        _("genre déclaré par la personne"),
        max_length=10,
        choices=GenderAnswer.choices,
        blank=True,
    )
    updated_at = models.DateTimeField(_("mise à jour"), auto_now=True)

    class Meta:
        verbose_name = _("déclaration de genre")
        verbose_name_plural = _("déclarations de genre")
        constraints = [
            models.UniqueConstraint(
                fields=["speaker", "edition"], name="editions_one_declaration_per_edition"
            )
        ]

    def __str__(self):
        return f"{self.speaker.title} — {self.edition.title}"


class ParityAttestation(models.Model):
    """A moderator's attestation that a session's line-up respects engagement n°2 although
    some people on stage did not declare their gender. It holds for that line-up only."""

    session_key = models.UUIDField(_("session"), db_index=True)
    lineup = models.CharField(max_length=64)
    attested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("attestée par"),
    )
    attested_by_name = models.CharField(_("attestée par"), max_length=255)
    attested_at = models.DateTimeField(_("attestée le"), auto_now_add=True)

    class Meta:
        verbose_name = _("attestation de diversité")
        verbose_name_plural = _("attestations de diversité")
        constraints = [
            models.UniqueConstraint(
                fields=["session_key", "lineup"], name="editions_one_attestation_per_lineup"
            )
        ]

    def __str__(self):
        return f"{self.attested_by_name}, {self.attested_at:%Y-%m-%d %H:%M}"


class EditionParity(models.Model):
    """An edition's parity figures, kept once the individual answers are erased."""

    shown_to_visitors = True  # the edition's page shows them

    edition_key = models.UUIDField(unique=True)
    women = models.PositiveIntegerField(default=0)
    men = models.PositiveIntegerField(default=0)
    other = models.PositiveIntegerField(default=0)
    not_declared = models.PositiveIntegerField(default=0)
    answers_erased_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("parité d’une édition")
        verbose_name_plural = _("parité des éditions")

    def __str__(self):
        return str(self.edition_key)


# --- reading the answers (the rule itself is editions.parity) ----------------------------


def declared_answers(edition_key, speaker_keys):
    """{speaker's translation key: answer} of these people for this edition."""
    return dict(
        GenderDeclaration.objects.filter(
            edition__translation_key=edition_key, speaker__translation_key__in=speaker_keys
        ).values_list("speaker__translation_key", "answer")
    )


def answers_erased(edition_key):
    return EditionParity.objects.filter(
        edition_key=edition_key, answers_erased_at__isnull=False
    ).exists()


def attestation_for(session_key, speaker_keys):
    """The moderator's attestation of this line-up of this session, if any."""
    return ParityAttestation.objects.filter(
        session_key=session_key, lineup=parity.lineup_key(speaker_keys)
    ).first()


def parity_verdict(session_key, edition_key, speaker_keys):
    """The rule for a session (its translation key) of an edition (its translation key)
    with these people on stage (their speaker pages' translation keys)."""
    people = sorted(set(speaker_keys), key=str)
    if len(people) < 2:
        return parity.Verdict(parity.OK, len(people))
    if answers_erased(edition_key):
        # Twelve months after the edition nobody's answer is left to judge by: the sessions
        # were judged when they were first published, and a correction must stay possible.
        return parity.Verdict(parity.OK, len(people))
    declared = declared_answers(edition_key, people)
    status = parity.judge([declared.get(key, "") for key in people])
    attested = (
        status == parity.NEEDS_ATTESTATION and attestation_for(session_key, people) is not None
    )
    return parity.Verdict(status, len(people), attested)


def count_answers(edition):
    """The edition's figures from the answers: everyone on stage in its live sessions."""
    people = set(
        SessionSpeaker.objects.filter(
            page__live=True,
            page__path__startswith=edition.path,
            page__locale_id=edition.locale_id,
        ).values_list("speaker__translation_key", flat=True)
    )
    answers = declared_answers(edition.translation_key, people)
    counted = [answers.get(key, "") for key in people]
    return parity.Share(
        women=counted.count(GenderAnswer.WOMAN),
        men=counted.count(GenderAnswer.MAN),
        other=counted.count(GenderAnswer.OTHER),
        not_declared=sum(1 for answer in counted if answer in ("", GenderAnswer.DECLINED)),
    )


def edition_share(edition):
    """The figures kept for the edition once erased, or counted from the answers."""
    kept = EditionParity.objects.filter(
        edition_key=edition.translation_key, answers_erased_at__isnull=False
    ).first()
    if kept:
        return parity.Share(kept.women, kept.men, kept.other, kept.not_declared)
    return count_answers(edition)
