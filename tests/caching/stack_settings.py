"""Settings of the app server behind Varnish in tests/caching/test_varnish.py: production's
(secret key, ALLOWED_HOSTS, HTTPS behind the proxy, NEC_VARNISH_URLS from the environment),
except that static files come from the finders, so that no collectstatic is needed."""

from nec_cms.settings.production import *  # noqa: F403
from nec_cms.settings.production import STORAGES

STORAGES = {
    **STORAGES,
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
WHITENOISE_USE_FINDERS = True
