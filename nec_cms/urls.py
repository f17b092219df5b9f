from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.contrib.staticfiles.urls import staticfiles_urlpatterns
from django.urls import include, path
from django.utils.translation import gettext_lazy as _
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.contrib.sitemaps.views import sitemap
from wagtail.documents import urls as wagtaildocs_urls

from nec_cms import moderation, views
from nec_cms.sitemaps import MultilingualSitemap
from operations.media import media_urlpatterns

urlpatterns = [
    # Wagtail's workflow action, saying what happened (nec_cms.moderation); before the admin.
    path(settings.NEC_ADMIN_PATH + moderation.WORKFLOW_ACTION_ROUTE, moderation.workflow_action),
    # The admin path comes from NEC_ADMIN_PATH (default "admin/").
    path(settings.NEC_ADMIN_PATH, include(wagtailadmin_urls)),
    path("documents/", include(wagtaildocs_urls)),
    path("sitemap.xml", sitemap, {"sitemaps": {"pages": MultilingualSitemap}}, name="sitemap"),
    path("robots.txt", views.robots_txt, name="robots_txt"),
    path("", include("operations.urls")),
    # The public read-only API (Wagtail API v2), the same in every language.
    path("", include("opendata.urls")),
    # Uploaded images, in every environment; documents only through /documents/.
    *media_urlpatterns(),
]

if settings.DEBUG:
    urlpatterns += staticfiles_urlpatterns()

# French is served at the root, English under /en/.
urlpatterns += i18n_patterns(
    path(_("recherche/"), include("search.urls")),
    path(_("propositions/"), include("agenda.urls")),
    path(_("donnees/"), include("opendata.dataset_urls")),
    path("", include(wagtail_urls)),
    prefix_default_language=False,
)

handler404 = "nec_cms.views.page_not_found"
handler500 = "nec_cms.views.server_error"
