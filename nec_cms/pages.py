"""Small abstract mixins that page types compose (rather than one giant base class)."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.fields import RichTextField
from wagtail.models import PageViewRestriction

from nec_cms import memo

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


class ViewRestrictionsMixin:
    """Wagtail checks a page's view restrictions (its own and its ancestors') before serving
    it: two queries per page view. A public site rarely has any; whether it has one at all
    is remembered until the next purge (which every change to a restriction makes), and
    only then are the pages' own restrictions looked up."""

    def get_view_restrictions(self):
        if not memo.remembered("view-restrictions:any", PageViewRestriction.objects.exists):
            return PageViewRestriction.objects.none()
        return super().get_view_restrictions()
