"""Blocks specific to resources: the shared accessible body plus link cards."""

from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.models import Page

from blocks import BodyStreamBlock, LinkBlock


class LinkCardBlock(LinkBlock):
    """A card pointing to another resource or tool, with a short description."""

    description = blocks.TextBlock(
        required=False,
        max_length=300,
        label=_("Description"),
        help_text=_("Une ou deux phrases qui disent ce qu’on trouvera en suivant le lien."),
    )

    class Meta:
        icon = "link-external"
        label = _("Carte de lien")
        description = _(
            "Un lien mis en valeur vers une ressource ou un outil, avec sa description."
        )
        template = "ressources/blocks/link_card.html"
        preview_value = {
            "text": "Le guide de la médiation numérique",
            "page": None,
            "url": "https://example.org/guide-mediation",
            "description": "Un guide pratique pour accompagner les publics éloignés du numérique.",
        }


class ResourceStreamBlock(BodyStreamBlock):
    link_card = LinkCardBlock()

    class Meta(BodyStreamBlock._meta_class):
        label = _("Contenu de la ressource")


class ResourceChooserBlock(blocks.PageChooserBlock):
    """A resource of the library, chosen where a page names those it produced or uses."""

    def __init__(self, **kwargs):
        kwargs.setdefault("label", _("Ressource"))
        super().__init__(page_type="ressources.ResourcePage", **kwargs)

    def get_preview_value(self):
        return (
            Page.objects.live()
            .filter(content_type__app_label="ressources", content_type__model="resourcepage")
            .specific()
            .first()
        )

    class Meta:
        description = _("Une ressource de la bibliothèque, affichée avec son lien.")
        icon = "doc-full"
