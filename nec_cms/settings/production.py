"""Production: refuses to start without a secret key, serves static files through
whitenoise with compressed, hashed file names."""

import os
from email.utils import parseaddr

from django.core.exceptions import ImproperlyConfigured
from django.core.mail.message import sanitize_address

from .base import *  # noqa: F403
from .base import env_bool, env_list

DEBUG = env_bool("DEBUG", False)
SECRET_KEY = os.environ.get("SECRET_KEY", "")
if len(SECRET_KEY) < 32 or SECRET_KEY.startswith(("dev-", "test-")):
    raise ImproperlyConfigured(
        "SECRET_KEY must be set to a random value of at least 32 characters in production."
    )
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS")
if not ALLOWED_HOSTS:
    raise ImproperlyConfigured("ALLOWED_HOSTS must list the site's host names in production.")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")
# Moderators and administrators read personal data and publish: a second factor is not a
# switch production may turn off (operations.twofactor).
if not NEC_2FA_REQUIRED:  # noqa: F405
    raise ImproperlyConfigured("NEC_2FA_REQUIRED cannot be turned off in production.")

STORAGES = {
    **STORAGES,  # noqa: F405 - media: local files or object storage, as base.py chose
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}

SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", True)
SECURE_HSTS_SECONDS = int(os.environ.get("SECURE_HSTS_SECONDS", "31536000"))
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
SECURE_HSTS_PRELOAD = True
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "strict-origin-when-cross-origin"
SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True
X_FRAME_OPTIONS = "DENY"
WAGTAILADMIN_BASE_URL = os.environ.get("WAGTAILADMIN_BASE_URL", f"https://{ALLOWED_HOSTS[0]}")

# Mail comes from the site's own domain unless DEFAULT_FROM_EMAIL says otherwise.
DEFAULT_FROM_EMAIL = os.environ.get(
    "DEFAULT_FROM_EMAIL",
    f'"Numérique en Commun[s]" <ne-pas-repondre@{ALLOWED_HOSTS[0].lstrip(".")}>',
)
SERVER_EMAIL = os.environ.get("SERVER_EMAIL", DEFAULT_FROM_EMAIL)
WAGTAILADMIN_NOTIFICATION_FROM_EMAIL = DEFAULT_FROM_EMAIL
# Server errors are mailed to the team, as the 500 page tells visitors: NEC_ADMINS holds
# their addresses separated by « ; », such as
# '"Équipe technique, NEC" <tech@example.org>; veille@example.org' (quote a name holding a
# comma).
ADMINS = [parseaddr(item) for item in os.environ.get("NEC_ADMINS", "").split(";") if item.strip()]
for _name, _address in ADMINS:
    if "@" not in _address:
        raise ImproperlyConfigured(f"NEC_ADMINS holds an address that is not one: {_address!r}.")
# Page measurements after publishing wait in the database for `manage.py db_worker`.
TASKS["background"]["BACKEND"] = os.environ.get(  # noqa: F405
    "NEC_BACKGROUND_TASKS_BACKEND", "django_tasks_db.DatabaseBackend"
)

if EMAIL_USE_TLS and EMAIL_USE_SSL:  # noqa: F405
    raise ImproperlyConfigured("EMAIL_USE_TLS and EMAIL_USE_SSL cannot both be set.")
for _name, _address in (("DEFAULT_FROM_EMAIL", DEFAULT_FROM_EMAIL), ("SERVER_EMAIL", SERVER_EMAIL)):
    # Django only finds out when a mail is sent, and every notification is then lost.
    try:
        sanitize_address(_address, "utf-8")
    except ValueError as _error:
        raise ImproperlyConfigured(
            f"{_name} is not a valid sender: {_error} (quote a name holding [ ] or , )."
        ) from _error

# `manage.py check --deploy` is clean (tests/operations/test_production_settings.py).
SECURE_REDIRECT_EXEMPT = [r"^healthz$"]  # probes may speak plain HTTP on the private network
SESSION_COOKIE_HTTPONLY = True
CSRF_COOKIE_HTTPONLY = True  # the admin reads its token from the page, never from the cookie
# One database connection per worker, kept between requests, checked before reuse.
DATABASES["default"]["CONN_MAX_AGE"] = int(os.environ.get("CONN_MAX_AGE", "60"))  # noqa: F405
DATABASES["default"]["CONN_HEALTH_CHECKS"] = True  # noqa: F405
