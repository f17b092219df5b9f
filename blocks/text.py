"""Text blocks: headings, rich text paragraphs, quotes, passages in another language."""

from django.core.exceptions import ValidationError
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.rich_text import RichText

from .base import AccessibleStructBlock, BlockErrors, PreviewMixin, text_of
from .rules import (
    inspect_rich_text,
    is_rtl_language,
    is_vague_link_text,
    normalize_language_tag,
    normalize_text,
)

# No h1 (the page title), no h5/h6, no image or embed inside rich text.
RICH_TEXT_FEATURES = ["h2", "h3", "h4", "bold", "italic", "ol", "ul", "link", "document-link"]
# For short rich texts inside other blocks (answers, transcripts): no headings at all.
INLINE_RICH_TEXT_FEATURES = ["bold", "italic", "ol", "ul", "link", "document-link"]

HEADING_LEVEL_CHOICES = [
    ("h2", _("Niveau 2 : section")),
    ("h3", _("Niveau 3 : sous-section")),
    ("h4", _("Niveau 4 : sous-sous-section")),
]

VAGUE_LINK_MESSAGE = _(
    "Texte de lien trop vague : « %(text)s ». Écrivez un texte qui dit où mène le lien, "
    "par exemple « Consulter le programme de l’édition 2025 »."
)


def vague_link_message(text):
    return VAGUE_LINK_MESSAGE % {"text": " ".join(str(text).split())}


# --------------------------------------------------------------------------------------
# Rich text
# --------------------------------------------------------------------------------------


class AccessibleRichTextBlock(PreviewMixin, blocks.RichTextBlock):
    """A RichTextBlock that also refuses, at save, what the editor toolbar would not let
    through but the API or a paste could: headings outside the allowed features (h1, h5,
    h6…), images or embeds, vague link texts, and visually empty text when required."""

    def __init__(self, required=True, help_text=None, features=None, **kwargs):
        super().__init__(
            required=required,
            help_text=help_text,
            features=list(features) if features is not None else list(RICH_TEXT_FEATURES),
            **kwargs,
        )

    @cached_property
    def allowed_heading_levels(self):
        return sorted(int(feature[1]) for feature in self.features if feature in _HEADINGS)

    def get_headings(self, value):
        return inspect_rich_text(getattr(value, "source", value)).headings

    def rich_text_problems(self, source):
        summary = inspect_rich_text(source)
        messages = []
        if (
            self.field_options["required"]
            and not self.is_deferred_validation
            and not summary.text
            and not summary.embedded
        ):
            messages.append(_("Ce texte est vide : rédigez son contenu."))
        for level in sorted(set(summary.headings)):
            if level in self.allowed_heading_levels:
                continue
            if level == 1:
                messages.append(
                    _(
                        "Titre de niveau 1 interdit dans le texte : le niveau 1 est réservé "
                        "au titre de la page. Utilisez un titre de niveau 2."
                    )
                )
            elif self.allowed_heading_levels:
                messages.append(
                    _(
                        "Titre de niveau %(level)d non autorisé dans le texte : utilisez un "
                        "titre de niveau %(first)d à %(last)d."
                    )
                    % {
                        "level": level,
                        "first": self.allowed_heading_levels[0],
                        "last": self.allowed_heading_levels[-1],
                    }
                )
            else:
                messages.append(
                    _(
                        "Les titres ne sont pas autorisés dans ce texte (niveau %(level)d "
                        "trouvé) : utilisez un bloc « Titre » dans le contenu de la page."
                    )
                    % {"level": level}
                )
        if summary.embedded:
            messages.append(
                _(
                    "Les images et contenus intégrés ne sont pas autorisés dans le texte : "
                    "utilisez les blocs « Image », « Vidéo ou audio » ou « Contenu externe »."
                )
            )
        seen = set()
        for link in summary.links:
            key = normalize_text(link.text)
            if key in seen:
                continue
            seen.add(key)
            if not key:
                messages.append(
                    _(
                        "Un lien n’a pas de texte visible : écrivez un texte qui dit où mène "
                        "le lien."
                    )
                )
            elif is_vague_link_text(link.text):
                messages.append(vague_link_message(link.text))
        return messages

    def clean(self, value):
        cleaned = super().clean(value)
        messages = self.rich_text_problems(getattr(cleaned, "source", cleaned))
        if messages:
            raise ValidationError(messages)
        return cleaned

    class Meta:
        icon = "pilcrow"
        label = _("Texte")
        description = _("Texte mis en forme : gras, italique, listes et liens.")
        template = "blocks/rich_text.html"
        preview_value = RichText(
            "<p>Numérique en Commun[s] rassemble celles et ceux qui font la "
            "<b>médiation numérique</b> sur les territoires.</p>"
        )


_HEADINGS = {"h1", "h2", "h3", "h4", "h5", "h6"}


class ParagraphBlock(AccessibleRichTextBlock):
    """The body text of a page, with h2 to h4 subheadings counted in the outline."""

    def __init__(self, required=True, help_text=None, features=None, **kwargs):
        if help_text is None:
            help_text = _(
                "Titres de niveau 2 à 4 seulement (le niveau 1 est le titre de la page). "
                "Un lien doit dire où il mène : évitez « cliquez ici » ou « en savoir plus »."
            )
        super().__init__(required=required, help_text=help_text, features=features, **kwargs)

    class Meta:
        icon = "pilcrow"
        label = _("Paragraphe")
        description = _(
            "Texte courant avec intertitres (niveaux 2 à 4), gras, italique, listes et liens."
        )
        group = _("Texte")
        template = "blocks/paragraph.html"
        preview_value = RichText(
            "<h2>Un réseau pour l’inclusion numérique</h2>"
            "<p>Chaque année, Numérique en Commun[s] réunit des <b>médiatrices et médiateurs "
            "numériques</b>, des élus et des associations pour partager leurs pratiques.</p>"
            "<ul><li>des ateliers pratiques ;</li><li>des retours d’expérience ;</li>"
            "<li>des temps d’échange entre territoires.</li></ul>"
        )


# --------------------------------------------------------------------------------------
# Headings
# --------------------------------------------------------------------------------------


class HeadingValue(blocks.StructValue):
    @property
    def level_number(self):
        level = self.get("level") or ""
        if level in {"h2", "h3", "h4"}:
            return int(level[1])
        return 2

    @property
    def tag(self):
        return f"h{self.level_number}"


class HeadingBlock(AccessibleStructBlock):
    """A section heading (h2 to h4), never empty. The outline across the page is
    checked by AccessibleStreamBlock."""

    text = blocks.CharBlock(
        max_length=150,
        label=_("Texte du titre"),
        help_text=_("Un titre court qui annonce le contenu de la section qui suit."),
    )
    level = blocks.ChoiceBlock(
        choices=HEADING_LEVEL_CHOICES,
        default="h2",
        label=_("Niveau"),
        help_text=_(
            "Niveau 2 pour une section, 3 pour une sous-section de la section précédente, "
            "4 pour une subdivision d’une sous-section. Ne sautez pas de niveau."
        ),
    )

    def get_headings(self, value):
        return [value.level_number] if value.get("level") else []

    def get_outline_error(self, value, message):
        """Attach an outline error to the level field."""
        errors = BlockErrors()
        errors.add("level", message)
        return errors.as_error()

    def validate_value(self, value, errors):
        if not text_of(value.get("text")):
            errors.add(
                "text",
                _("Saisissez le texte du titre : un titre vide n’annonce rien aux lecteurs."),
            )

    class Meta:
        icon = "title"
        label = _("Titre")
        description = _(
            "Intertitre de section (niveaux 2 à 4) : il structure la page et permet de "
            "naviguer au clavier ou avec un lecteur d’écran."
        )
        group = _("Texte")
        template = "blocks/heading.html"
        value_class = HeadingValue
        preview_value = {"text": "Les ateliers de l’édition 2025", "level": "h2"}


# --------------------------------------------------------------------------------------
# Quotes
# --------------------------------------------------------------------------------------


class QuoteBlock(AccessibleStructBlock):
    quote = blocks.TextBlock(
        label=_("Citation"),
        help_text=_("Le texte cité, sans guillemets : ils sont ajoutés à l’affichage."),
    )
    source = blocks.CharBlock(
        max_length=200,
        label=_("Source"),
        help_text=_("Qui parle, et à quel titre : « Marie Dupont, médiatrice numérique à Lille »."),
    )
    cite = blocks.URLBlock(
        required=False,
        label=_("Adresse de la source"),
        help_text=_("Facultatif : adresse web où lire la citation complète."),
    )

    def validate_value(self, value, errors):
        if not text_of(value.get("quote")):
            errors.add("quote", _("Saisissez le texte de la citation."))
        if not text_of(value.get("source")):
            errors.add(
                "source", _("Indiquez la source de la citation : qui parle, et à quel titre.")
            )

    class Meta:
        icon = "openquote"
        label = _("Citation")
        description = _("Une citation mise en valeur, avec sa source.")
        group = _("Texte")
        template = "blocks/quote.html"
        preview_value = {
            "quote": "La médiation numérique, c’est d’abord une relation humaine.",
            "source": "Une médiatrice numérique, Numérique en Commun[s] 2024",
            "cite": "",
        }


# --------------------------------------------------------------------------------------
# Passages in another language
# --------------------------------------------------------------------------------------


class ForeignLanguageValue(blocks.StructValue):
    @property
    def lang_tag(self):
        return normalize_language_tag(self.get("lang")) or ""

    @property
    def is_rtl(self):
        return is_rtl_language(self.get("lang"))


class LanguageCodeBlock(PreviewMixin, blocks.CharBlock):
    """A BCP 47 language code. Not offered for translation by wagtail-localize: the code of
    an English passage stays "en" on every version of the page."""

    def __init__(self, required=True, help_text=None, max_length=35, **kwargs):
        super().__init__(required=required, help_text=help_text, max_length=max_length, **kwargs)

    def get_translatable_segments(self, value):
        return []

    class Meta:
        icon = "globe"
        label = _("Code de langue")
        description = _("Code BCP 47 d’une langue : « en », « de », « oc », « pt-BR »…")
        preview_value = "en"


class ForeignLanguageBlock(AccessibleStructBlock):
    """A passage in another language, so that screen readers switch pronunciation."""

    lang = LanguageCodeBlock(
        label=_("Code de langue"),
        help_text=_(
            "Code BCP 47 de la langue du passage : « en » (anglais), « de » (allemand), "
            "« es » (espagnol), « it » (italien), « oc » (occitan), « br » (breton), "
            "« ar » (arabe)…"
        ),
    )
    text = AccessibleRichTextBlock(
        features=RICH_TEXT_FEATURES,
        label=_("Texte"),
        help_text=_("Le passage, entièrement dans la langue indiquée."),
    )

    def validate_value(self, value, errors):
        lang = text_of(value.get("lang"))
        if not lang:
            errors.add("lang", _("Indiquez la langue du passage, par exemple « en »."))
        elif normalize_language_tag(lang) is None:
            errors.add(
                "lang",
                _(
                    "« %(lang)s » n’est pas un code de langue valide. Utilisez un code BCP 47 "
                    "comme « en », « de », « es », « it », « oc », « br » ou « ar »."
                )
                % {"lang": lang},
            )

    def clean(self, value):
        cleaned = super().clean(value)
        cleaned["lang"] = normalize_language_tag(cleaned.get("lang")) or cleaned.get("lang")
        return cleaned

    class Meta:
        icon = "globe"
        label = _("Passage en langue étrangère")
        description = _(
            "Un texte dans une autre langue que celle de la page, signalé aux lecteurs "
            "d’écran pour qu’ils le prononcent correctement."
        )
        group = _("Texte")
        template = "blocks/foreign_language.html"
        value_class = ForeignLanguageValue
        preview_value = {
            "lang": "en",
            "text": RichText(
                "<p>Digital inclusion is a shared responsibility: no one should be left behind.</p>"
            ),
        }


DECONSTRUCT_ALIASES = {
    AccessibleRichTextBlock: "blocks.AccessibleRichTextBlock",
    ParagraphBlock: "blocks.ParagraphBlock",
    LanguageCodeBlock: "blocks.LanguageCodeBlock",
}
