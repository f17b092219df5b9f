"""The columns of the datasets (opendata.datasets): what each one's Table Schema says of it,
in the reader's language, and how its value is read from a page's `values()` and from what
its chunk of pages read at once (terms, documents, addresses).

Cells hold codes, numbers and the pages' own text, the same whatever the language of the
address the file was asked at.
"""

import datetime
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.utils.text import capfirst, format_lazy
from django.utils.translation import gettext_lazy

from agenda import schedule
from agenda.choices import AccessibilityFeature, EventKind, EventStatus
from agenda.territories import REGIONS_BY_CODE
from editions.figures import FigureKind
from editions.models import EditionFormat
from ressources.licences import LICENCES, ResourceLanguage

LANGUAGE_CODES = tuple(code for code, name in settings.LANGUAGES)


def iso_instant(value):
    """An instant in ISO 8601, in UTC: what Table Schema's default datetime format reads."""
    return value.astimezone(datetime.UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


@dataclass(frozen=True)
class Column:
    """One column: what the Table Schema says of it, and how a row's value is read from the
    page's `values()` (`reads`; a StreamField is read as its stored blocks) and its chunk
    (terms, documents, URLs)."""

    name: str
    type: str
    title: Any
    description: Any
    reads: tuple = ()
    value: Callable | None = None
    format: str = "default"
    enum: tuple = ()
    required: bool = False
    terms: bool = False  # the slugs of the page's many-to-many relation of this name

    def reader(self):
        """(values, chunk) -> the row's value."""
        if self.value is not None:
            return self.value
        name = self.name
        return lambda values, chunk: values[name]

    def sources(self):
        return self.reads if self.value is not None else (self.name,)

    def descriptor(self):
        descriptor = {
            "name": self.name,
            "type": self.type,
            "format": self.format,
            "title": str(self.title),
            "description": str(self.description),
        }
        constraints = {}
        if self.required:
            constraints["required"] = True
        if self.enum:
            constraints["enum"] = list(self.enum)
        if constraints:
            descriptor["constraints"] = constraints
        return descriptor


def terms_column(name, title, description):
    """Slugs of a page's taxonomy terms (the relation of the same name)."""
    return Column(
        name,
        "string",
        title,
        description,
        value=lambda values, chunk: chunk.terms[name].get(values["id"], []),
        terms=True,
    )


def page_columns():
    """What every dataset says of its pages, first."""
    return (
        Column(
            "id",
            "integer",
            gettext_lazy("Identifiant"),
            gettext_lazy("Le numéro de la page sur le site ; chaque traduction a le sien."),
            required=True,
        ),
        Column(
            "translation_key",
            "string",
            gettext_lazy("Clé de traduction"),
            gettext_lazy("La même pour une page et ses traductions : elle les relie."),
            format="uuid",
            required=True,
        ),
        Column(
            "locale",
            "string",
            gettext_lazy("Langue de la page"),
            gettext_lazy("fr pour une page en français, en pour une page en anglais."),
            reads=("locale__language_code",),
            value=lambda values, chunk: values["locale__language_code"],
            enum=LANGUAGE_CODES,
            required=True,
        ),
        Column(
            "title",
            "string",
            gettext_lazy("Titre"),
            gettext_lazy("Le titre de la page."),
            required=True,
        ),
        Column(
            "url",
            "string",
            gettext_lazy("Adresse de la page"),
            gettext_lazy("L’adresse de la page sur le site."),
            reads=("url_path",),
            value=lambda values, chunk: chunk.urls(values["url_path"]),
            format="uri",
        ),
    )


def publication_columns():
    """When visitors first and last saw the page change, last."""
    return (
        Column(
            "first_published_at",
            "datetime",
            gettext_lazy("Première publication"),
            gettext_lazy("Date et heure de la première publication de la page (UTC)."),
        ),
        Column(
            "last_published_at",
            "datetime",
            gettext_lazy("Dernière publication"),
            gettext_lazy("Date et heure de la dernière publication de la page (UTC)."),
        ),
    )


def is_example_column():
    return Column(
        "is_example",
        "boolean",
        gettext_lazy("Exemple"),
        gettext_lazy("true pour un contenu fictif de démonstration (jamais en production)."),
    )


def document_urls(values, chunk):
    ids = [block_document(block) for block in values["documents"]]
    return " ".join(chunk.documents[pk] for pk in ids if pk in chunk.documents)


def block_document(block):
    value = block.get("value") if isinstance(block, dict) else None
    return value.get("document") if isinstance(value, dict) else None


def licence_url(values, chunk):
    licence = LICENCES.get(values["licence"])
    return licence.url if licence else None


def edition_year(values, chunk):
    return values["edition__year"] if values["edition__live"] else None


def resource_columns():
    return (
        *page_columns(),
        Column(
            "excerpt",
            "string",
            gettext_lazy("Résumé"),
            gettext_lazy("Ce que la ressource apporte, en 300 caractères au plus."),
        ),
        Column(
            "authors",
            "string",
            gettext_lazy("Auteurs et autrices"),
            gettext_lazy("Personnes ou structures qui ont produit la ressource."),
        ),
        Column(
            "publication_date",
            "date",
            gettext_lazy("Date de publication"),
            gettext_lazy("La date à laquelle la ressource a été publiée ou mise à jour."),
        ),
        Column(
            "language",
            "string",
            gettext_lazy("Langue de la ressource"),
            gettext_lazy("La langue du contenu (code ISO 639), mul pour plusieurs langues."),
            enum=tuple(ResourceLanguage.values),
        ),
        Column(
            "licence",
            "string",
            gettext_lazy("Licence"),
            gettext_lazy("La licence de la ressource elle-même, par son code."),
            enum=tuple(LICENCES),
        ),
        Column(
            "licence_url",
            "string",
            gettext_lazy("Texte de la licence"),
            gettext_lazy("L’adresse du texte de la licence de la ressource."),
            reads=("licence",),
            value=licence_url,
            format="uri",
        ),
        terms_column(
            "themes",
            gettext_lazy("Thématiques"),
            gettext_lazy("Les identifiants des thématiques, séparés par des points-virgules."),
        ),
        terms_column(
            "resource_types",
            gettext_lazy("Types"),
            gettext_lazy("Les identifiants des types, séparés par des points-virgules."),
        ),
        terms_column(
            "audiences",
            gettext_lazy("Publics"),
            gettext_lazy("Les identifiants des publics, séparés par des points-virgules."),
        ),
        Column(
            "edition_year",
            "integer",
            gettext_lazy("Édition"),
            gettext_lazy("L’année de l’édition nationale où la ressource a été produite."),
            reads=("edition__year", "edition__live"),
            value=edition_year,
        ),
        Column(
            "documents",
            "string",
            gettext_lazy("Documents"),
            gettext_lazy("Les adresses des fichiers de la ressource, séparées par des espaces."),
            reads=("documents",),
            value=document_urls,
        ),
        is_example_column(),
        *publication_columns(),
    )


def first_figures(values):
    """{kind: value} of an edition's figures, the first of each kind counting, as on its
    page (EditionPage.figure)."""
    figures = {}
    for block in values["figures"]:
        value = block.get("value") or {}
        figures.setdefault(value.get("kind"), value.get("value"))
    return figures


def figure_column(kind):
    return Column(
        kind.value,
        "integer",
        capfirst(kind.label),
        gettext_lazy("Le chiffre donné par l’édition ; vide quand elle ne le donne pas."),
        reads=("figures",),
        value=lambda values, chunk: first_figures(values).get(kind.value),
    )


def edition_columns():
    return (
        *page_columns(),
        Column("year", "integer", gettext_lazy("Année"), gettext_lazy("L’année de l’édition.")),
        Column(
            "city",
            "string",
            gettext_lazy("Ville ou territoire"),
            gettext_lazy("Où l’édition a eu lieu."),
        ),
        Column("venue", "string", gettext_lazy("Lieu"), gettext_lazy("Le lieu de l’édition.")),
        Column(
            "format",
            "string",
            gettext_lazy("Format"),
            gettext_lazy("in_person (en présentiel), online (en ligne) ou hybrid (les deux)."),
            enum=tuple(EditionFormat.values),
        ),
        *(figure_column(kind) for kind in FigureKind if kind != FigureKind.OTHER),
        *publication_columns(),
    )


def codes(name):
    """A list of codes kept as JSON, as one cell."""
    return lambda values, chunk: [str(code) for code in values[name] or []]


def region_name(values, chunk):
    region = REGIONS_BY_CODE.get(values["region"] or "")
    return region.name if region else None


def event_columns():
    """What local NECs and agenda events share (agenda.models.EventBase)."""
    return (
        *page_columns(),
        Column(
            "start_date",
            "date",
            gettext_lazy("Date de début"),
            gettext_lazy("Date locale, là où l’évènement a lieu."),
            required=True,
        ),
        Column(
            "start_time",
            "time",
            gettext_lazy("Heure de début"),
            gettext_lazy("Heure locale ; vide pour toute la journée."),
        ),
        Column(
            "end_date",
            "date",
            gettext_lazy("Date de fin"),
            gettext_lazy("Vide : l’évènement dure une journée."),
        ),
        Column("end_time", "time", gettext_lazy("Heure de fin"), gettext_lazy("Heure locale.")),
        Column(
            "time_zone",
            "string",
            gettext_lazy("Fuseau horaire"),
            gettext_lazy("Le fuseau des dates et heures locales (base IANA)."),
            reads=("time_zone", "region"),
            value=lambda values, chunk: schedule.zone_of(values["time_zone"], values["region"]),
            enum=tuple(schedule.TIME_ZONES),
        ),
        Column(
            "starts_at",
            "datetime",
            gettext_lazy("Début (UTC)"),
            gettext_lazy("Le début de l’évènement, en temps universel."),
        ),
        Column(
            "ends_at",
            "datetime",
            gettext_lazy("Fin (UTC)"),
            gettext_lazy("La fin de l’évènement, exclue, en temps universel."),
        ),
        Column(
            "status",
            "string",
            gettext_lazy("Statut"),
            gettext_lazy("announced, confirmed, postponed ou cancelled."),
            enum=tuple(EventStatus.values),
        ),
        Column(
            "format",
            "string",
            gettext_lazy("Format"),
            gettext_lazy("in_person (sur place), online (en ligne) ou hybrid (les deux)."),
            enum=tuple(EditionFormat.values),
        ),
        Column("venue", "string", gettext_lazy("Lieu"), gettext_lazy("Le nom du lieu.")),
        Column(
            "address", "string", gettext_lazy("Adresse du lieu"), gettext_lazy("Numéro et rue.")
        ),
        Column("postcode", "string", gettext_lazy("Code postal"), gettext_lazy("Code postal.")),
        Column("commune", "string", gettext_lazy("Commune"), gettext_lazy("La commune.")),
        Column(
            "region",
            "string",
            gettext_lazy("Région"),
            gettext_lazy("Le code officiel (COG de l’Insee) de la région."),
            enum=tuple(REGIONS_BY_CODE),
        ),
        Column(
            "region_name",
            "string",
            gettext_lazy("Nom de la région"),
            gettext_lazy("Le nom officiel de la région."),
            reads=("region",),
            value=region_name,
        ),
        Column(
            "departments",
            "string",
            gettext_lazy("Départements"),
            gettext_lazy("Les codes officiels des départements, séparés par des points-virgules."),
            reads=("departments",),
            value=codes("departments"),
        ),
        Column(
            "online_url",
            "string",
            gettext_lazy("Lien pour participer en ligne"),
            gettext_lazy("L’adresse de la visioconférence ou du direct."),
            format="uri",
        ),
        Column(
            "registration_url",
            "string",
            gettext_lazy("Lien d’inscription"),
            gettext_lazy("L’adresse où s’inscrire."),
            format="uri",
        ),
        Column(
            "accessibility",
            "string",
            gettext_lazy("Accessibilité"),
            format_lazy(
                "{} {}.",
                gettext_lazy(
                    "Ce qui est prévu pour que chacun et chacune puisse participer, en codes "
                    "séparés par des points-virgules :"
                ),
                ", ".join(AccessibilityFeature.values),
            ),
            reads=("accessibility",),
            value=codes("accessibility"),
        ),
        terms_column(
            "themes",
            gettext_lazy("Thématiques"),
            gettext_lazy("Les identifiants des thématiques, séparés par des points-virgules."),
        ),
    )


def local_nec_columns():
    return (
        *event_columns(),
        Column(
            "organisers",
            "string",
            gettext_lazy("Organisateurs"),
            gettext_lazy("Qui organise ce NEC local."),
        ),
        is_example_column(),
        *publication_columns(),
    )


def agenda_columns():
    return (
        *event_columns(),
        Column(
            "kind",
            "string",
            gettext_lazy("Type d’évènement"),
            gettext_lazy("meetup (rencontre), workshop (atelier) ou webinar (webinaire)."),
            enum=tuple(EventKind.values),
        ),
        terms_column(
            "audiences",
            gettext_lazy("Publics"),
            gettext_lazy("Les identifiants des publics, séparés par des points-virgules."),
        ),
        is_example_column(),
        *publication_columns(),
    )
