"""Small abstract mixins that page types compose (rather than one giant base class)."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.api import APIField
from wagtail.fields import RichTextField
from wagtail.models import PageViewRestriction

from caching.memory import shell
from nec_cms.api import PublicRichTextField, PublicStreamField

INTRO_FEATURES = ["bold", "italic", "link"]


def stream_api_fields(*names):
    """API fields for StreamFields, their rich text as public HTML (nec_cms.api)."""
    return [APIField(name, serializer=PublicStreamField()) for name in names]


def rich_text_api_fields(*names):
    """API fields for RichTextFields, as public HTML (nec_cms.api)."""
    return [APIField(name, serializer=PublicRichTextField()) for name in names]


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


def any_view_restriction():
    """Whether the site restricts any page, remembered per content version."""
    return shell.get("any-view-restriction", PageViewRestriction.objects.exists)


def restricted_paths():
    """The tree paths of the restricted pages (their subtrees are not public), remembered
    per content version."""
    return shell.get(
        "restricted-paths",
        lambda: tuple(PageViewRestriction.objects.values_list("page__path", flat=True)),
    )


def public_only(pages):
    """`pages.public()`, without its query for restrictions when the site has none."""
    return pages.public() if any_view_restriction() else pages


def localized(pages, locale_id):
    """`pages` in the language `locale_id`: each replaced by its live, public translation
    when it has one, kept otherwise (a template then marks its language); one query, none
    when all are in that language. A translated page keeps the source's links to pages
    (wagtail-localize copies them), which is why pages chosen in a StreamField go through
    this before they are shown."""
    foreign = [page for page in pages if page.locale_id != locale_id]
    if not foreign:
        return list(pages)
    translations = public_only(
        type(foreign[0])
        .objects.live()
        .filter(locale_id=locale_id, translation_key__in={page.translation_key for page in foreign})
    )
    by_key = {page.translation_key: page for page in translations}
    return [
        page if page.locale_id == locale_id else by_key.get(page.translation_key, page)
        for page in pages
    ]


class ViewRestrictionsMixin:
    """Wagtail looks up a page's view restrictions (its own and its ancestors', two queries)
    before serving it. A public site rarely has any: whether the site has one at all is
    remembered per content version (caching.memory), which every change to a restriction
    renews; only then are this page's restrictions looked up."""

    def get_view_restrictions(self):
        if not any_view_restriction():
            return PageViewRestriction.objects.none()
        return super().get_view_restrictions()
