"""Links and buttons: a link says where it goes."""

from django.utils.translation import gettext_lazy as _
from wagtail import blocks

from .base import AccessibleStructBlock, text_of
from .rules import is_vague_link_text
from .text import vague_link_message

CALL_TO_ACTION_STYLES = [
    ("primary", _("Principal : l’action la plus importante de la page")),
    ("secondary", _("Secondaire")),
]


class LinkValue(blocks.StructValue):
    @property
    def href(self):
        """The link's address: the page's URL (relative when possible) or the web address."""
        page = self.get("page")
        if page is not None:
            return page.url or ""
        return self.get("url") or ""


class LinkBlock(AccessibleStructBlock):
    """A link to a page of the site or to a web address (exactly one), with a text that says
    where it goes. Reused by CallToActionBlock and by other apps (e.g. link cards)."""

    text = blocks.CharBlock(
        max_length=120,
        label=_("Texte du lien"),
        help_text=_(
            "Dit où mène le lien, même lu seul : « Consulter le programme 2025 » plutôt que "
            "« cliquez ici » ou « en savoir plus »."
        ),
    )
    page = blocks.PageChooserBlock(
        required=False,
        label=_("Page du site"),
        help_text=_("Choisissez une page du site, ou bien saisissez une adresse web."),
    )
    url = blocks.URLBlock(
        required=False,
        label=_("Adresse web"),
        help_text=_("Adresse complète (https://…), seulement si le lien sort du site."),
    )

    def validate_value(self, value, errors):
        text = text_of(value.get("text"))
        if not text:
            errors.add("text", _("Saisissez le texte du lien : il dit où mène le lien."))
        elif is_vague_link_text(text):
            errors.add("text", vague_link_message(text))

        has_page = value.get("page") is not None
        has_url = bool(text_of(value.get("url")))
        if has_page and has_url:
            errors.add_non_block(
                _(
                    "Choisissez soit une page du site, soit une adresse web, pas les deux : "
                    "videz l’un des deux champs."
                )
            )
        elif not has_page and not has_url:
            errors.add_non_block(
                _("Indiquez où mène le lien : choisissez une page du site ou une adresse web.")
            )

    class Meta:
        icon = "link"
        label = _("Lien")
        description = _("Un lien vers une page du site ou un autre site, au texte explicite.")
        group = _("Liens")
        template = "blocks/link.html"
        value_class = LinkValue
        preview_value = {
            "text": "Consulter la charte de Numérique en Commun[s]",
            "page": None,
            "url": "https://numerique-en-communs.fr/",
        }


class CallToActionBlock(LinkBlock):
    """A button-looking link for the main action of a section."""

    style = blocks.ChoiceBlock(
        choices=CALL_TO_ACTION_STYLES,
        default="primary",
        label=_("Style"),
        help_text=_("Un seul bouton principal par section, pour ne pas diluer l’action."),
    )

    class Meta:
        icon = "arrow-right"
        label = _("Bouton d’action")
        description = _(
            "Un lien mis en avant comme un bouton, pour l’action principale : s’inscrire, "
            "proposer un atelier…"
        )
        group = _("Liens")
        template = "blocks/call_to_action.html"
        value_class = LinkValue
        preview_value = {
            "text": "S’inscrire à Numérique en Commun[s] 2025",
            "page": None,
            "url": "https://numerique-en-communs.fr/inscription/",
            "style": "primary",
        }
