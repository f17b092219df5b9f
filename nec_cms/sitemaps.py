"""sitemap.xml with every language: Wagtail's lists only the tree under the site's root
page, which leaves out the translated trees (their home pages are siblings of it)."""

from functools import reduce
from operator import or_

from django.db.models import Q
from wagtail.contrib.sitemaps import Sitemap
from wagtail.models import Page


class MultilingualSitemap(Sitemap):
    def items(self):
        homes = self.get_wagtail_site().root_page.get_translations(inclusive=True)
        trees = reduce(or_, [Q(path__startswith=home.path) for home in homes])
        return (
            Page.objects.filter(trees)
            .live()
            .public()
            .order_by("path")
            .defer_streamfields()
            .specific()
        )
