"""The page that lists the site's open datasets (opendata.datasets)."""

from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.models import Page

from nec_cms.pages import IntroMixin, ViewRestrictionsMixin, rich_text_api_fields
from opendata.datasets import summaries
from opendata.dcat import DATASETS_LICENCE


class DatasetsPage(ViewRestrictionsMixin, IntroMixin, Page):
    """The datasets, each with its licence, size, last change and files, and the DCAT
    catalogue that lists them for data portals. The files are served beside the page, at
    addresses Wagtail cannot route (they hold a dot): opendata.dataset_urls."""

    parent_page_types = ["home.HomePage"]
    subpage_types = []
    max_count_per_parent = 1
    content_panels = Page.content_panels + [FieldPanel("intro")]
    api_fields = rich_text_api_fields("intro")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context.update(
            {
                "datasets": summaries(),
                "licence": DATASETS_LICENCE,
            }
        )
        return context

    class Meta:
        verbose_name = _("page des données ouvertes")
        verbose_name_plural = _("pages des données ouvertes")
