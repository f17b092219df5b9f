"""Small abstract mixins that page types compose (rather than one giant base class)."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.fields import RichTextField

INTRO_FEATURES = ["bold", "italic", "link"]


class IntroMixin(models.Model):
    """A short lead paragraph (« chapô ») shown under the title and in listings."""

    intro = RichTextField(
        _("chapô"),
        features=INTRO_FEATURES,
        blank=True,
        help_text=_("Un court paragraphe d’introduction, affiché sous le titre de la page."),
    )

    class Meta:
        abstract = True
