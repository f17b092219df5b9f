"""Tests: fast hashing, in-memory files where possible, no debug."""

import tempfile
from pathlib import Path

from .base import *  # noqa: F403

DEBUG = False
SECRET_KEY = "test-only-not-secret"  # noqa: S105
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
WAGTAILADMIN_BASE_URL = "http://testserver"
ALLOWED_HOSTS = ["testserver", "localhost", "127.0.0.1"]
# Serve static files from the finders: no collectstatic needed to run the tests.
WHITENOISE_AUTOREFRESH = True
WHITENOISE_USE_FINDERS = True
NEC_EXAMPLE_CONTENT_ALLOWED = True  # `load_nec_content --demo N`

# Uploaded files and renditions go to a throwaway folder, never into the repository.
MEDIA_ROOT = Path(tempfile.mkdtemp(prefix="nec-test-media-"))

# The tests log staff in with force_login, which passes no second factor: the admin tests
# would all meet the two-factor page. tests/operations/test_two_factor.py turns it on.
NEC_2FA_REQUIRED = False
