"""The site's URLs, plus media files (served by the front server in production)."""

from django.conf import settings
from django.urls import re_path
from django.views.static import serve

from nec_cms.urls import handler404, handler500  # noqa: F401
from nec_cms.urls import urlpatterns as site_urlpatterns

urlpatterns = [
    re_path(r"^media/(?P<path>.*)$", serve, {"document_root": settings.MEDIA_ROOT}),
    *site_urlpatterns,
]
