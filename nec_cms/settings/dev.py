"""Development: debug on, a throwaway secret key, SQLite unless DATABASE_URL says otherwise."""

import os

from .base import *  # noqa: F403
from .base import env_bool

DEBUG = env_bool("DEBUG", True)
SECRET_KEY = SECRET_KEY or "dev-only-not-secret-5b7c1e0f4a9d4c7e8f1a2b3c"  # noqa: F405
# Mails (moderation notifications) are printed in the terminal unless EMAIL_BACKEND says.
EMAIL_BACKEND = os.environ.get("EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend")
WHITENOISE_AUTOREFRESH = True
WHITENOISE_USE_FINDERS = True
NEC_EXAMPLE_CONTENT_ALLOWED = True  # `load_nec_content --demo N`
