"""Structured content: tables, key figures, accordions (FAQ)."""

from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.utils import formats
from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.contrib.table_block.blocks import TableBlock as WagtailTableBlock
from wagtail.rich_text import RichText

from .base import AccessibleStructBlock, PreviewMixin, text_of
from .text import INLINE_RICH_TEXT_FEATURES, AccessibleRichTextBlock

# --------------------------------------------------------------------------------------
# Tables: a caption and header cells
# --------------------------------------------------------------------------------------

ROW_HEADER_CHOICES = {"row", "both"}
COLUMN_HEADER_CHOICES = {"column", "col", "both"}


class TableBlock(PreviewMixin, WagtailTableBlock):
    """A data table that must have a caption and header cells (first row and/or first
    column), rendered with <caption> and <th scope>."""

    def __init__(self, required=True, help_text=None, table_options=None, **kwargs):
        if help_text is None:
            help_text = _(
                "Un tableau sert à présenter des données, pas à mettre en page. Remplissez sa "
                "« Légende » et choisissez les « Entêtes de tableau » : première ligne, "
                "première colonne ou les deux."
            )
        super().__init__(
            required=required, help_text=help_text, table_options=table_options, **kwargs
        )

    def clean(self, value):
        value = super().clean(value)
        if not value:
            return value
        choice = value.get("table_header_choice") or ""
        if choice:
            # Wagtail's own clean() misses the "col" spelling used for older tables.
            value["first_row_is_table_header"] = choice in ROW_HEADER_CHOICES
            value["first_col_is_header"] = choice in COLUMN_HEADER_CHOICES

        messages = []
        if not text_of(value.get("table_caption")):
            messages.append(
                _(
                    "Ajoutez une légende au tableau (champ « Légende ») : elle annonce son "
                    "sujet aux lecteurs d’écran, par exemple « Nombre de participants par "
                    "édition »."
                )
            )
        if not value.get("first_row_is_table_header") and not value.get("first_col_is_header"):
            messages.append(
                _(
                    "Désignez les cellules d’en-tête du tableau (champ « Entêtes de "
                    "tableau ») : la première ligne, la première colonne, ou les deux. Sans "
                    "en-têtes, les données sont incompréhensibles avec un lecteur d’écran."
                )
            )
        data = value.get("data") or []
        if not self.is_deferred_validation and not any(
            text_of(cell) for row in data for cell in (row or [])
        ):
            messages.append(_("Le tableau est vide : saisissez ses données."))
        if messages:
            raise ValidationError(messages)
        return value

    class Meta:
        icon = "table"
        label = _("Tableau")
        description = _("Un tableau de données avec sa légende et ses cellules d’en-tête.")
        group = _("Structure")
        template = "blocks/table.html"
        preview_value = {
            "table_caption": "Participation aux dernières éditions",
            "table_header_choice": "both",
            "first_row_is_table_header": True,
            "first_col_is_header": True,
            "data": [
                ["Édition", "Ville", "Participants"],
                ["2023", "Bordeaux", "1 200"],
                ["2024", "Chassieu", "1 500"],
            ],
        }


# --------------------------------------------------------------------------------------
# Key figures
# --------------------------------------------------------------------------------------


def format_figure(number, unit=""):
    """A figure in the current locale: « 2 000 » with a non-breaking space in French, and
    its unit after another one (« 95 % »)."""
    if number is None:
        return ""
    formatted = formats.number_format(number, force_grouping=True)
    unit = text_of(unit)
    return f"{formatted}\xa0{unit}" if unit else formatted


@dataclass
class KeyFigure:
    """A figure and what it counts, as `blocks/key_figure.html` shows it (as `figure`):
    for figures computed by other apps (an edition's, the home page's totals)."""

    value: int
    label: str
    unit: str = ""

    @property
    def display_value(self):
        return format_figure(self.value, self.unit)


class KeyFigureValue(blocks.StructValue):
    @property
    def display_value(self):
        return format_figure(self.get("value"), self.get("unit"))


class KeyFigureBlock(AccessibleStructBlock):
    value = blocks.IntegerBlock(
        min_value=0,
        label=_("Chiffre"),
        help_text=_("Un nombre entier, sans espace ni unité : 2000 s’affichera « 2 000 »."),
    )
    unit = blocks.CharBlock(
        required=False,
        max_length=20,
        label=_("Unité"),
        help_text=_("Facultatif : « % », « € », « lieux »…"),
    )
    label = blocks.CharBlock(
        max_length=120,
        label=_("Libellé"),
        help_text=_("Ce que compte le chiffre : « conseillers numériques formés »."),
    )

    def validate_value(self, value, errors):
        if not text_of(value.get("label")):
            errors.add("label", _("Dites ce que compte ce chiffre."))

    def get_context(self, value, parent_context=None):
        context = super().get_context(value, parent_context=parent_context)
        context["figure"] = value
        return context

    class Meta:
        icon = "decimal"
        label = _("Chiffre clé")
        description = _("Un chiffre et ce qu’il compte.")
        template = "blocks/key_figure.html"
        value_class = KeyFigureValue
        preview_value = {"value": 2000, "unit": "", "label": "médiatrices et médiateurs"}


class KeyFiguresBlock(AccessibleStructBlock):
    figures = blocks.ListBlock(
        KeyFigureBlock(),
        min_num=1,
        max_num=8,
        label=_("Chiffres"),
        help_text=_("De 1 à 8 chiffres, du plus important au moins important."),
    )

    class Meta:
        icon = "decimal"
        label = _("Chiffres clés")
        description = _("Quelques chiffres mis en avant, chacun avec son libellé.")
        group = _("Structure")
        template = "blocks/key_figures.html"
        preview_value = {
            "figures": [
                {"value": 2000, "unit": "", "label": "participantes et participants"},
                {"value": 120, "unit": "", "label": "ateliers et conférences"},
                {"value": 95, "unit": "%", "label": "de personnes satisfaites"},
            ]
        }


# --------------------------------------------------------------------------------------
# Accordion / FAQ
# --------------------------------------------------------------------------------------


class AccordionItemBlock(AccessibleStructBlock):
    question = blocks.CharBlock(
        max_length=200,
        label=_("Question"),
        help_text=_("La question ou l’intitulé, toujours visible."),
    )
    answer = AccessibleRichTextBlock(
        features=INLINE_RICH_TEXT_FEATURES,
        label=_("Réponse"),
        help_text=_("Affichée quand la personne ouvre la question."),
    )

    def validate_value(self, value, errors):
        if not text_of(value.get("question")):
            errors.add("question", _("Saisissez la question."))

    class Meta:
        icon = "help"
        label = _("Question et réponse")
        description = _("Une question et sa réponse, repliée par défaut.")
        template = "blocks/accordion_item.html"
        preview_value = {
            "question": "Qui peut participer à Numérique en Commun[s] ?",
            "answer": RichText(
                "<p>Toutes les personnes qui agissent pour un numérique inclusif : "
                "médiateurs, élus, agents publics, associations, entreprises.</p>"
            ),
        }


class AccordionBlock(AccessibleStructBlock):
    questions = blocks.ListBlock(
        AccordionItemBlock(),
        min_num=1,
        label=_("Questions"),
        help_text=_("Chaque question s’ouvre au clic ou au clavier pour afficher sa réponse."),
    )

    class Meta:
        icon = "list-ul"
        label = _("Questions fréquentes (accordéon)")
        description = _("Une liste de questions dont les réponses se déplient, utile pour une FAQ.")
        group = _("Structure")
        template = "blocks/accordion.html"
        preview_value = {
            "questions": [
                {
                    "question": "Qui peut participer à Numérique en Commun[s] ?",
                    "answer": RichText(
                        "<p>Toutes les personnes qui agissent pour un numérique inclusif.</p>"
                    ),
                },
                {
                    "question": "L’inscription est-elle gratuite ?",
                    "answer": RichText("<p>Oui, l’inscription est gratuite et obligatoire.</p>"),
                },
            ]
        }


DECONSTRUCT_ALIASES = {TableBlock: "blocks.TableBlock"}
