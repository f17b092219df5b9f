"""The site's URLs: uploaded images are served by the site itself (operations.media), as in
production."""

from nec_cms.urls import handler404, handler500, urlpatterns  # noqa: F401
