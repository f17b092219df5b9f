"""Settings shared by every environment.

Everything that differs between a laptop and production comes from the environment:
DATABASE_URL, SECRET_KEY, ALLOWED_HOSTS, DEBUG, REDIS_URL.
"""

import os
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

from .storage import object_storage

BASE_DIR = Path(__file__).resolve().parent.parent.parent


def env_bool(name, default=False):
    value = os.environ.get(name)
    if value is None:
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_list(name, default=""):
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


DEBUG = env_bool("DEBUG", False)
SECRET_KEY = os.environ.get("SECRET_KEY", "")
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "localhost,127.0.0.1,[::1]")

INSTALLED_APPS = [
    "nec_cms",
    "blocks",
    "operations",
    "caching",
    "home",
    "editions",
    "ressources",
    "search",
    "agenda",
    "opendata",
    "wagtail_localize",
    "wagtail_localize.locales",
    "wagtail.contrib.settings",
    "wagtail.contrib.sitemaps",
    "wagtail.contrib.search_promotions",
    "wagtail.contrib.table_block",
    "wagtail.contrib.forms",
    "wagtail.contrib.routable_page",
    "wagtail.api.v2",
    "wagtail.contrib.redirects",
    "wagtail.embeds",
    "wagtail.sites",
    "wagtail.users",
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    "wagtail.admin",
    "wagtail",
    "modelcluster",
    "taggit",
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django.contrib.sitemaps",
    "django.contrib.postgres",
    "axes",  # login throttling (must stay after django.contrib.auth)
    # Staff's second factor (operations.twofactor): TOTP apps, and single-use recovery codes.
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_otp.plugins.otp_static",
    "django_tasks",
    "django_tasks_db",
    "quality",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # Outside the session, CSRF and auth middlewares: it sees the cookies they set.
    "caching.middleware.CacheControlMiddleware",
    "caching.memory.ContentVersionMiddleware",
    "operations.security.ContentSecurityPolicyMiddleware",
    "operations.security.SecurityHeadersMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    # request.user.is_verified(): whether this session passed the second factor.
    "django_otp.middleware.OTPMiddleware",
    # Staff who need a second factor reach the admin only once it is passed.
    "operations.twofactor.TwoFactorMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    # Inside the messages middleware: a refused publication becomes a message.
    "nec_cms.publishing.PublishRefusedMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
    # Turns a login lockout into the French lockout page; axes wants it last.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "nec_cms.urls"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "nec_cms" / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.debug",
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
            ],
        },
    },
]

WSGI_APPLICATION = "nec_cms.wsgi.application"

DATABASES = {
    "default": dj_database_url.config(
        default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}",
        conn_max_age=int(os.environ.get("CONN_MAX_AGE", "0")),
    )
}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 12},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "operations.passwords.FrenchCommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# Languages: French is the source language, served without prefix; English under /en/.
# Their names are those of the admin's language (« anglais » in the French admin: Wagtail and
# wagtail-localize show them in running text); the public switcher names each language in
# itself (nec_tags.language_versions).
LANGUAGE_CODE = "fr"
LANGUAGES = [
    ("fr", _("français")),
    ("en", _("anglais")),
]
WAGTAIL_I18N_ENABLED = True
WAGTAIL_CONTENT_LANGUAGES = LANGUAGES
WAGTAILADMIN_PERMITTED_LANGUAGES = LANGUAGES
# nec_cms/locale: our own strings (French msgids, English translations); makemessages writes
# into the first path, so it stays first. nec_cms/locale_overrides: French for upstream msgids
# that Wagtail's or wagtail-localize's catalogues lack or get wrong (docs/upstream-translations.md).
# Any catalogue under LOCALE_PATHS wins over the apps' own; the two never share a msgid.
LOCALE_PATHS = [BASE_DIR / "nec_cms" / "locale", BASE_DIR / "nec_cms" / "locale_overrides"]
TIME_ZONE = "Europe/Paris"
USE_I18N = True
USE_TZ = True
USE_THOUSAND_SEPARATOR = True

STATIC_URL = "/static/"
STATIC_ROOT = Path(os.environ.get("STATIC_ROOT", BASE_DIR / "staticfiles"))
STATICFILES_DIRS = [BASE_DIR / "static"]
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(os.environ.get("MEDIA_ROOT", BASE_DIR / "media"))

STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
# Media on S3-compatible object storage when a bucket is named (several app servers then
# share them); otherwise files under MEDIA_ROOT. Either way visitors ask this site for them
# (MEDIA_URL stays a path, operations/media.py reads the storage): no request leaves for
# another host, and nothing in the bucket needs to be public.
if os.environ.get("NEC_S3_BUCKET"):
    STORAGES["default"] = object_storage(os.environ)

# Anonymous visitors get no cookie: sessions only exist once someone logs in,
# and the CSRF token is only issued by forms that need it (the admin).
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_SAMESITE = "Lax"

CACHES = {
    "default": {
        "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
        "LOCATION": "nec",
    }
}
if os.environ.get("REDIS_URL"):
    # django-redis rather than Django's own Redis backend: that one raises when Redis is
    # away, and Wagtail reads its renditions and site paths from the cache on every page, so
    # a Redis restart was a 500 for every visitor. Here the cache misses instead (and says so
    # in the log) and pages are computed from the database.
    CACHES["default"] = {
        "BACKEND": "django_redis.cache.RedisCache",
        "LOCATION": os.environ["REDIS_URL"],
        "OPTIONS": {
            "SOCKET_CONNECT_TIMEOUT": 0.5,
            "SOCKET_TIMEOUT": 0.5,
            "IGNORE_EXCEPTIONS": True,
        },
    }
    DJANGO_REDIS_LOG_IGNORED_EXCEPTIONS = True

# A new translation is an unpublished draft, whatever the state of its source
# (wagtail-localize would publish it at once, untranslated, when the source is live): it goes
# public when a translator publishes it from the translation editor.
WAGTAILLOCALIZE_SYNC_LIVE_STATUS_ON_TRANSLATE = False

# Machine translation is offered to translators only when a DeepL key is configured.
if os.environ.get("DEEPL_API_KEY"):
    WAGTAILLOCALIZE_MACHINE_TRANSLATOR = {
        "CLASS": "wagtail_localize.machine_translators.deepl.DeepLTranslator",
        "OPTIONS": {"AUTH_KEY": os.environ["DEEPL_API_KEY"]},
    }

# Mail: Wagtail's moderation notifications (submitted, approved, changes requested) and
# error reports. SMTP settings come from the environment (docs/operations.md, « Courriels »);
# development prints mails to the console, tests keep them in memory.
EMAIL_BACKEND = os.environ.get("EMAIL_BACKEND", "django.core.mail.backends.smtp.EmailBackend")
EMAIL_HOST = os.environ.get("EMAIL_HOST", "localhost")
EMAIL_PORT = int(os.environ.get("EMAIL_PORT", "25"))
EMAIL_HOST_USER = os.environ.get("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = os.environ.get("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", False)
EMAIL_USE_SSL = env_bool("EMAIL_USE_SSL", False)
# A mail server that does not answer must not hold an editor's request for long.
EMAIL_TIMEOUT = int(os.environ.get("EMAIL_TIMEOUT", "10"))
DEFAULT_FROM_EMAIL = os.environ.get(
    "DEFAULT_FROM_EMAIL", '"Numérique en Commun[s]" <ne-pas-repondre@localhost>'
)
SERVER_EMAIL = os.environ.get("SERVER_EMAIL", DEFAULT_FROM_EMAIL)
WAGTAILADMIN_NOTIFICATION_FROM_EMAIL = DEFAULT_FROM_EMAIL

# Background tasks (django-tasks, which Wagtail 7 uses). "default" runs Wagtail's own tasks
# (reference index, image focal points) at once, as Wagtail does out of the box. Work that
# must not slow an editor's request, such as measuring a page after it is published
# (quality.tasks), goes to "background": run at once here, queued in the database in
# production and run by `manage.py db_worker --backend background` (docs/operations.md).
TASKS = {
    "default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"},
    "background": {
        "BACKEND": os.environ.get(
            "NEC_BACKGROUND_TASKS_BACKEND", "django_tasks.backends.immediate.ImmediateBackend"
        ),
    },
}

# `load_nec_content --demo N` loads example resources: development and tests only.
NEC_EXAMPLE_CONTENT_ALLOWED = False

# Wagtail
WAGTAIL_SITE_NAME = "Numérique en Commun[s]"
WAGTAILADMIN_BASE_URL = os.environ.get("WAGTAILADMIN_BASE_URL", "http://127.0.0.1:8000")
WAGTAIL_MODERATION_ENABLED = True
WAGTAIL_WORKFLOW_ENABLED = True
WAGTAILDOCS_EXTENSIONS = [
    "pdf",
    "odt",
    "ods",
    "odp",
    "docx",
    "xlsx",
    "pptx",
    "csv",
    "txt",
    "epub",
    "zip",
    "mp4",
    "webm",
    "mp3",
    "ogg",
    "vtt",
]
WAGTAILIMAGES_EXTENSIONS = ["gif", "jpg", "jpeg", "png", "webp", "avif"]
# Documents are always served by Wagtail's view, which checks their collection's privacy,
# never from MEDIA_URL (operations.media serves images only), whatever the storage.
WAGTAILDOCS_SERVE_METHOD = "serve_view"
# The public search (site search, library, suggestions) uses its own French index
# (search/). Wagtail's backend serves the admin; on PostgreSQL it shares the French,
# accent-insensitive text search configuration created by search's migrations.
WAGTAILSEARCH_BACKENDS = {
    "default": {"BACKEND": "wagtail.search.backends.database"},
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
    WAGTAILSEARCH_BACKENDS["default"]["SEARCH_CONFIG"] = "french_unaccent"
    # A database that does not answer must not hold a worker for long: give up connecting
    # after a few seconds, and notice a peer gone without a word (keepalives).
    DATABASES["default"].setdefault("OPTIONS", {}).update(
        {
            "connect_timeout": int(os.environ.get("NEC_DB_CONNECT_TIMEOUT", "5")),
            "keepalives": 1,
            "keepalives_idle": 30,
            "keepalives_interval": 10,
            "keepalives_count": 3,
        }
    )
    # A statement kept waiting (a table locked by a long migration, a query gone wrong) is
    # cancelled after this many seconds: the request ends with the 503 page instead of
    # holding a worker until gunicorn kills it and Varnish asks another. Set for the web
    # processes only (nec_cms/wsgi.py): commands, migrations and backups take what they need.
    if os.environ.get("NEC_DB_STATEMENT_TIMEOUT"):
        _statement_ms = int(float(os.environ["NEC_DB_STATEMENT_TIMEOUT"]) * 1000)
        DATABASES["default"]["OPTIONS"]["options"] = f"-c statement_timeout={_statement_ms}"
# A streaming read replica of PostgreSQL (docs/operations.md, « Réplique PostgreSQL »):
# anonymous visitors' pages and search read it, everything else uses the primary
# (nec_cms.db_router). Without DATABASE_REPLICA_URL, nothing of it is set up.
if os.environ.get("DATABASE_REPLICA_URL"):
    DATABASES["replica"] = dj_database_url.parse(
        os.environ["DATABASE_REPLICA_URL"],
        # Kept between requests like production's primary connection. No health check: the
        # first query of each public request (the content version) finds a dead connection,
        # and that request reads the primary.
        conn_max_age=int(os.environ.get("CONN_MAX_AGE", "60")),
        test_options={"MIRROR": "default"},  # tests: the replica is the primary's copy
    )
    if {DATABASES[alias]["ENGINE"] for alias in ("default", "replica")} != {
        "django.db.backends.postgresql"
    }:
        raise ImproperlyConfigured("DATABASE_REPLICA_URL needs PostgreSQL, as DATABASE_URL.")
    DATABASES["replica"]["OPTIONS"] = {
        **DATABASES["default"]["OPTIONS"],
        # A replica that does not answer costs the request that finds it this long; reads
        # then go to the primary for NEC_DB_REPLICA_RETRY_SECONDS.
        "connect_timeout": int(os.environ.get("NEC_DB_REPLICA_CONNECT_TIMEOUT", "2")),
    }
    DATABASE_ROUTERS = ["nec_cms.db_router.ReplicaRouter"]
    # Before every middleware that queries the database: the content version is read first.
    MIDDLEWARE.insert(
        MIDDLEWARE.index("caching.memory.ContentVersionMiddleware"),
        "nec_cms.db_router.ReplicaMiddleware",
    )
NEC_DB_REPLICA_RETRY_SECONDS = int(os.environ.get("NEC_DB_REPLICA_RETRY_SECONDS", "30"))
# Embeds make requests to other hosts: only hosts listed here are embedded in an iframe;
# anything else is shown as a link (charter n°5, no third-party request by default).
NEC_EMBED_ALLOWED_HOSTS = env_list("NEC_EMBED_ALLOWED_HOSTS", "")

WAGTAILEMBEDS_RESPONSIVE_HTML = True
WAGTAIL_ALLOW_UNICODE_SLUGS = False
WAGTAILIMAGES_IMAGE_MODEL = "wagtailimages.Image"

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {
        "require_debug_false": {"()": "django.utils.log.RequireDebugFalse"},
        # A 503 (the database away) is told to visitors and to the probe; a mail per
        # request would bury the team under copies of one fact.
        "not_unavailable": {
            "()": "django.utils.log.CallbackFilter",
            "callback": "ext://nec_cms.logs.not_unavailable",
        },
    },
    "handlers": {
        "console": {"class": "logging.StreamHandler"},
        # Server errors are mailed to ADMINS (production: NEC_ADMINS), as the 500 page says.
        "mail_admins": {
            "level": "ERROR",
            "class": "django.utils.log.AdminEmailHandler",
            "filters": ["require_debug_false", "not_unavailable"],
        },
    },
    "loggers": {
        # Replaces Django's own mail handler, which has no such filter.
        "django": {"handlers": [], "level": "INFO", "propagate": True},
        "django.request": {"handlers": ["mail_admins"], "level": "ERROR", "propagate": True},
    },
    "root": {"handlers": ["console"], "level": "WARNING"},
}

# --- Security -------------------------------------------------------------------------------
# See docs/operations.md. Headers apply everywhere; HSTS, SSL redirect and secure cookies are
# in production.py only.

# The admin lives under NEC_ADMIN_PATH (default "admin/"), e.g. "gestion-8f3a/".
NEC_ADMIN_PATH = os.environ.get("NEC_ADMIN_PATH", "admin/").strip().strip("/") + "/"
if NEC_ADMIN_PATH == "/":
    NEC_ADMIN_PATH = "admin/"

SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "strict-origin-when-cross-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
NEC_PERMISSIONS_POLICY = (
    "accelerometer=(), autoplay=(), browsing-topics=(), camera=(), display-capture=(), "
    "geolocation=(), gyroscope=(), hid=(), magnetometer=(), microphone=(), midi=(), "
    "payment=(), serial=(), usb=()"
)

# Content-Security-Policy (django-csp 4). Public site: nothing inline, nothing from another
# host except the iframes of NEC_EMBED_ALLOWED_HOSTS.
_EMBED_FRAME_SOURCES = [f"https://{host}" for host in NEC_EMBED_ALLOWED_HOSTS]
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'none'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:"],
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        "media-src": ["'self'"],
        "manifest-src": ["'self'"],
        "frame-src": _EMBED_FRAME_SOURCES or ["'none'"],
        "object-src": ["'none'"],
        "base-uri": ["'self'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
    },
}
# The Wagtail admin (and the block previews it frames) needs inline scripts and styles; it
# never needs eval. Used only for URLs under NEC_ADMIN_PATH (operations.security).
NEC_ADMIN_CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'", "'unsafe-inline'"],
        "style-src": ["'self'", "'unsafe-inline'"],
        "img-src": ["'self'", "data:", "blob:"],
        "font-src": ["'self'", "data:"],
        "connect-src": ["'self'"],
        "media-src": ["'self'", "blob:"],
        "frame-src": ["'self'", *_EMBED_FRAME_SOURCES],
        "worker-src": ["'self'", "blob:"],
        "object-src": ["'none'"],
        "base-uri": ["'self'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
    },
}

# The admin's login form, with its labels in French (operations.forms).
WAGTAILADMIN_USER_LOGIN_FORM = "operations.forms.LoginForm"

# The admin makes no request to another host either: no update check, no Gravatar.
WAGTAIL_ENABLE_UPDATE_CHECK = False
WAGTAIL_GRAVATAR_PROVIDER_URL = None

# Sessions only exist for editors: 8 hours at most, and gone when the browser closes.
SESSION_COOKIE_AGE = 8 * 60 * 60
SESSION_EXPIRE_AT_BROWSER_CLOSE = True

# Login throttling (django-axes): 5 failures for one account from one address lock that pair
# out for 30 minutes, with a French page (HTTP 429). `manage.py axes_reset` unlocks.
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AXES_FAILURE_LIMIT = int(os.environ.get("NEC_LOGIN_FAILURE_LIMIT", "5"))
AXES_COOLOFF_TIME = 0.5  # hours
# Each with its own limit (operations.login_limits): one account from one address, one
# address over any account, one account from any address.
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"], "ip_address", "username"]
AXES_HANDLER = "operations.login_limits.ScopedLimitsHandler"
NEC_LOGIN_ADDRESS_LIMIT = int(os.environ.get("NEC_LOGIN_ADDRESS_LIMIT", "20"))
NEC_LOGIN_ACCOUNT_LIMIT = int(os.environ.get("NEC_LOGIN_ACCOUNT_LIMIT", "10"))
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_TEMPLATE = "operations/lockout.html"
AXES_LOCKOUT_CALLABLE = "operations.security.lockout_response"
AXES_HTTP_RESPONSE_CODE = 429
AXES_CLIENT_IP_CALLABLE = "operations.security.client_ip"
AXES_VERBOSE = False
# Reverse proxies in front of the app that append to X-Forwarded-For (0: none, trust REMOTE_ADDR).
NEC_TRUSTED_PROXY_COUNT = int(os.environ.get("NEC_TRUSTED_PROXY_COUNT", "0"))

# Two-factor login for staff (operations.twofactor, docs/operations.md « Double
# authentification »): required in the admin for Modérateurs and administrators, and for anyone
# who enrolled. NEC_2FA_REQUIRED=0 turns enforcement off (development only).
NEC_2FA_REQUIRED = env_bool("NEC_2FA_REQUIRED", True)
OTP_TOTP_ISSUER = "Numérique en Commun[s]"

# Uploads: what the admin accepts (operations.uploads checks that content matches the extension).
WAGTAILIMAGES_MAX_UPLOAD_SIZE = 10 * 1024 * 1024
WAGTAILIMAGES_MAX_IMAGE_PIXELS = 40_000_000
WAGTAILIMAGES_IMAGE_FORM_BASE = "operations.uploads.ImageForm"
WAGTAILDOCS_MAX_UPLOAD_SIZE = int(os.environ.get("NEC_DOCUMENT_MAX_UPLOAD_SIZE", 100 * 1024 * 1024))

# The call for organisers' form (agenda.proposals): submissions per address and per hour,
# and how long proposals are kept (the form's consent wording says a year).
NEC_PROPOSAL_LIMIT = int(os.environ.get("NEC_PROPOSAL_LIMIT", "5"))
NEC_PROPOSAL_RETENTION_DAYS = int(os.environ.get("NEC_PROPOSAL_RETENTION_DAYS", "365"))
WAGTAILDOCS_DOCUMENT_FORM_BASE = "operations.uploads.DocumentForm"

# HTTP caching (caching/): how long the proxy (s-maxage) and browsers (max-age) may keep a
# public page; Varnish is purged on every visible change (caching.purge).
NEC_PAGE_CACHE_SECONDS = int(os.environ.get("NEC_PAGE_CACHE_SECONDS", "300"))
NEC_BROWSER_CACHE_SECONDS = int(os.environ.get("NEC_BROWSER_CACHE_SECONDS", "60"))
# Varnish instances to purge, e.g. "http://127.0.0.1:6081" (comma-separated).
WAGTAILFRONTENDCACHE = {
    f"varnish-{number}": {"BACKEND": "caching.backends.VarnishBackend", "LOCATION": location}
    for number, location in enumerate(env_list("NEC_VARNISH_URLS"), start=1)
}

# The public API (opendata.api): a page of results holds at most this many items.
WAGTAILAPI_LIMIT_MAX = 50
