"""What every page of the site shows around its content: the menus and footer of each
language (a translatable snippet), and the key pages that shared templates link to (a site
setting, so that templates never look a page up by its type); and the record of what the
seed content loaded."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.admin.panels import FieldPanel
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting
from wagtail.fields import StreamField
from wagtail.models import TranslatableMixin

from blocks import AccessibleStructBlock, is_vague_link_text
from nec_cms.snippets import register_translatable_snippet


class MenuItemBlock(AccessibleStructBlock):
    """A menu entry: a page of the site, with an optional shorter label."""

    page = blocks.PageChooserBlock(
        label=_("Page"), help_text=_("La page vers laquelle mène l’entrée de menu.")
    )
    label = blocks.CharBlock(
        label=_("Libellé"),
        required=False,
        max_length=60,
        help_text=_("Facultatif : par défaut, le titre de la page (et sa traduction)."),
    )

    def validate_value(self, value, errors):
        label = value.get("label")
        if label and is_vague_link_text(label):
            errors.add("label", _("Ce libellé ne dit pas où mène le lien : nommez la destination."))

    class Meta:
        icon = "link"
        label = _("Entrée de menu")
        description = _("Un lien vers une page du site.")
        preview_value = {"page": None, "label": "La charte de NEC"}
        template = "nec_cms/blocks/menu_item.html"


@register_translatable_snippet
class Navigation(TranslatableMixin, models.Model):
    """The main menu and footer of one language, managed by editors and translated by
    translators like any snippet. Menu entries point to pages; each visitor sees the
    version of the page in their language when it exists."""

    main_menu = StreamField(
        [("item", MenuItemBlock())],
        blank=True,
        verbose_name=_("menu principal"),
        help_text=_("Les entrées du menu en haut de chaque page, dans l’ordre d’affichage."),
    )
    footer_links = StreamField(
        [("item", MenuItemBlock())],
        blank=True,
        verbose_name=_("liens du pied de page"),
        help_text=_("Les liens du pied de page : mentions légales, accessibilité, plan du site…"),
    )
    footer_text = models.TextField(
        _("texte du pied de page"),
        blank=True,
        help_text=_("Une ou deux phrases sur qui porte le site, affichées en bas de page."),
    )

    panels = [FieldPanel("main_menu"), FieldPanel("footer_links"), FieldPanel("footer_text")]

    class Meta(TranslatableMixin.Meta):
        verbose_name = _("menus et pied de page")
        verbose_name_plural = _("menus et pieds de page")

    def __str__(self):
        return str(_("Menus et pied de page (%(language)s)")) % {
            "language": self.locale.get_display_name()
        }


def key_page_field(verbose_name, help_text):
    return models.ForeignKey(
        "wagtailcore.Page",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=verbose_name,
        help_text=help_text,
    )


@register_setting(icon="list-ul")
class KeyPages(BaseSiteSetting):
    """Pages that shared templates (error pages, empty search results, the home page) link
    to. Choose the French page: visitors of another language get its translation."""

    editions_page = key_page_field(
        _("éditions"), _("La page qui liste les éditions de l’événement national.")
    )
    library_page = key_page_field(
        _("bibliothèque de ressources"), _("La page de la bibliothèque de ressources.")
    )
    sitemap_page = key_page_field(_("plan du site"), _("La page du plan du site."))

    panels = [FieldPanel("editions_page"), FieldPanel("library_page"), FieldPanel("sitemap_page")]

    class Meta:
        verbose_name = _("pages clés")


class SeedRecord(models.Model):
    """Which object a seed item (an app's `seed.py`) became in one language.

    `load_nec_content` recognises its objects by this record, not by slug: a page editors
    renamed is still the seed page, and a recorded object that no longer exists was deleted
    by editors and stays deleted.
    """

    key = models.CharField(_("clé"), max_length=200)
    locale = models.ForeignKey(
        "wagtailcore.Locale", on_delete=models.CASCADE, related_name="+", verbose_name=_("langue")
    )
    # Pages and snippets share it with their translations; None for a site setting.
    translation_key = models.UUIDField(null=True, blank=True)
    loaded_at = models.DateTimeField(_("chargé le"), auto_now_add=True)

    class Meta:
        verbose_name = _("élément du contenu initial")
        verbose_name_plural = _("éléments du contenu initial")
        constraints = [models.UniqueConstraint(fields=["key", "locale"], name="unique_seed_record")]

    def __str__(self):
        return f"{self.key} ({self.locale.language_code})"
