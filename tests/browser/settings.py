"""Settings of the server the browser suite starts: the test settings, DEBUG off, static
files collected, hashed and compressed as in production (whitenoise), media files served so
that image renditions load. Paths come from the environment set by tests/browser/server.py."""

import mimetypes
import os
from pathlib import Path

from nec_cms.settings.test import *  # noqa: F403
from nec_cms.settings.test import STORAGES

DEBUG = False
ALLOWED_HOSTS = ["127.0.0.1", "localhost"]
ROOT_URLCONF = "tests.browser.urls"
STATIC_ROOT = Path(os.environ["NEC_BROWSER_STATIC_ROOT"])
MEDIA_ROOT = Path(os.environ["MEDIA_ROOT"])
STORAGES = {
    **STORAGES,
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}
WHITENOISE_USE_FINDERS = False
WHITENOISE_AUTOREFRESH = False

# Python 3.11 does not know AVIF: serve it with its real type.
mimetypes.add_type("image/avif", ".avif")
