"""Django settings, read from environment variables; with no setup it runs the demo on SQLite.

THAIKPI_ENV=demo (default) or production. Production needs SECRET_KEY and ALLOWED_HOSTS and
turns on secure cookies and HSTS. DATABASE_URL=postgres://... switches to PostgreSQL.
"""

from __future__ import annotations

from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

from thaikpi.web.env import env_bool, env_choice, env_int, env_list, env_str

PACKAGE_DIR = Path(__file__).resolve().parent.parent
ENV = env_choice("THAIKPI_ENV", ("demo", "production"), "demo")
PRODUCTION = ENV == "production"
DATA_DIR = Path(env_str("THAIKPI_DATA_DIR", "./data")).resolve()
EVIDENCE_DIR = DATA_DIR / "evidence"

SECRET_KEY = env_str("SECRET_KEY")
if PRODUCTION and not SECRET_KEY:
    raise ImproperlyConfigured("SECRET_KEY must be set when THAIKPI_ENV=production")
if not SECRET_KEY:
    SECRET_KEY = "demo-only-not-secret-" + "x" * 40  # demo mode only; production refuses above

# Off in the demo too: it runs like production (Thai error pages, no URL list on a 404).
# DEBUG=1 turns it on for development only; production refuses it.
DEBUG = env_bool("DEBUG", default=False)
if PRODUCTION and DEBUG:
    raise ImproperlyConfigured("DEBUG must be off when THAIKPI_ENV=production")

ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", [] if PRODUCTION else ["127.0.0.1", "localhost"])
if PRODUCTION and not ALLOWED_HOSTS:
    raise ImproperlyConfigured("ALLOWED_HOSTS must be set when THAIKPI_ENV=production")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "axes",
    "thaikpi.agencies",
    "thaikpi.accounts",
    "thaikpi.scorecards",
    "thaikpi.results",
    "thaikpi.changelog",
    "thaikpi.deadlines",
    "thaikpi.discussions",
    "thaikpi.joint",
    "thaikpi.front",
    "rest_framework",
    "rest_framework.authtoken",
    "drf_spectacular",
    "drf_spectacular_sidecar",  # Swagger UI files for /api/v1/docs/, served locally
    "thaikpi.api",
]
# The API's views set their own auth, errors and pagination (thaikpi.api.base); the schema
# class must be global because drf-spectacular's decorators read it when they are applied.
REST_FRAMEWORK = {"DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema"}

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "thaikpi.web.middleware.ContentSecurityPolicyMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "thaikpi.web.middleware.PrivateResponsesMiddleware",  # after WhiteNoise: static stays cacheable
    "django.contrib.sessions.middleware.SessionMiddleware",
    "thaikpi.web.middleware.ThaiFirstLocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "thaikpi.front.middleware.NotFoundMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "thaikpi.web.urls"
WSGI_APPLICATION = "thaikpi.web.wsgi.application"

CONTEXT_PROCESSORS = [
    "django.template.context_processors.request",
    "django.template.context_processors.i18n",
    "django.contrib.auth.context_processors.auth",
    "django.contrib.messages.context_processors.messages",
    "thaikpi.front.context.site",
]
TEMPLATES = [
    {  # the pages (front/jinja2/): fast on the hot path
        "BACKEND": "django.template.backends.jinja2.Jinja2",
        "DIRS": [],
        "APP_DIRS": True,
        "OPTIONS": {
            "environment": "thaikpi.front.jinja.environment",
            "context_processors": [*CONTEXT_PROCESSORS, "thaikpi.front.context.csrf_field"],
        },
    },
    {  # the admin, the API's pages, the PDF report and form widgets
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [],
        "APP_DIRS": True,
        "OPTIONS": {"context_processors": CONTEXT_PROCESSORS},
    },
]


def _database() -> dict[str, object]:
    """PostgreSQL from DATABASE_URL, else SQLite in WAL mode in the data folder."""
    url = env_str("DATABASE_URL")
    if url:
        try:
            return dj_database_url.parse(url, conn_max_age=env_int("DB_CONN_MAX_AGE", 60))
        except ValueError as exc:
            raise ImproperlyConfigured(f"DATABASE_URL is not a database URL: {exc}") from None
    DATA_DIR.mkdir(parents=True, exist_ok=True)
    return {
        "ENGINE": "django.db.backends.sqlite3",
        "NAME": str(DATA_DIR / "thaikpi.sqlite3"),
        # Keep each worker's connection open between requests: opening one (and running the
        # PRAGMAs below) costs about as much as the queries of a whole page.
        "CONN_MAX_AGE": env_int("DB_CONN_MAX_AGE", 600),
        # WAL lets readers run while one writer writes; IMMEDIATE avoids upgrade deadlocks.
        "OPTIONS": {
            "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
            "transaction_mode": "IMMEDIATE",
            "timeout": 20,
        },
    }


DATABASES = {"default": _database()}


# Django's default cache, each process its own memory. Pages are made fresh and sessions read
# from the database (below); it keeps the agencies' comparison scores (services.lists), each
# keyed on when its scorecard's content last changed, so a stale one is never read. Room for
# two rounds of 150 agencies × 10 years with space to spare (Django's default: 300 entries).
CACHES = {
    "default": {
        "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
        "OPTIONS": {"MAX_ENTRIES": 20_000},
    }
}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "front:login"
LOGIN_REDIRECT_URL = "front:dashboard"  # the landing page of each role
LOGOUT_REDIRECT_URL = "front:home"

AXES_FAILURE_LIMIT = env_int("AXES_FAILURE_LIMIT", 5)
AXES_COOLOFF_TIME = 1  # hours
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
# Locked out: a Thai/English page, JSON for the API. The lock-out guards the password against
# guessing only; API tokens already issued keep working (see docs/web.md).
AXES_LOCKOUT_CALLABLE = "thaikpi.web.errors.locked_out"

LANGUAGE_CODE = "th"
LANGUAGES = [("th", _("Thai")), ("en", _("English"))]
LOCALE_PATHS = [PACKAGE_DIR / "locale"]
USE_I18N = True
TIME_ZONE = "Asia/Bangkok"
USE_TZ = True

STATIC_URL = "/static/"
# The Sarabun font files the PDF report embeds, served to the pages too: Thai reads the same on
# every machine, with or without Thai fonts installed, and nothing is fetched from elsewhere.
STATICFILES_DIRS = [("thaikpi/fonts", PACKAGE_DIR / "reports" / "fonts")]
STATIC_ROOT = Path(env_str("STATIC_ROOT", str(DATA_DIR / "static")))
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"
        if PRODUCTION
        else "django.contrib.staticfiles.storage.StaticFilesStorage"
    },
}

EVIDENCE_MAX_BYTES = env_int("THAIKPI_EVIDENCE_MAX_MB", 10) * 1024 * 1024
DATA_UPLOAD_MAX_MEMORY_SIZE = 2_621_440
FILE_UPLOAD_MAX_MEMORY_SIZE = 2_621_440
TEMPLATE_MAX_BYTES = 2 * 1024 * 1024

# Database sessions, not cached_db: with the default cache each worker would keep its own copy,
# and a log-out in one worker would leave the session alive in the others.
SESSION_ENGINE = "django.contrib.sessions.backends.db"
SESSION_COOKIE_HTTPONLY = True
CSRF_COOKIE_HTTPONLY = False  # the preview script reads the CSRF token from the form field
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
if PRODUCTION:
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    SECURE_HSTS_SECONDS = env_int("SECURE_HSTS_SECONDS", 31_536_000)
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", True)
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")

# E-mail for reminders (python -m django thaikpi_remind): SMTP once EMAIL_HOST is set, else the
# console, so the demo prints the messages instead of sending them.
EMAIL_HOST = env_str("EMAIL_HOST")
EMAIL_BACKEND = (
    "django.core.mail.backends.smtp.EmailBackend"
    if EMAIL_HOST
    else "django.core.mail.backends.console.EmailBackend"
)
EMAIL_PORT = env_int("EMAIL_PORT", 587)
EMAIL_HOST_USER = env_str("EMAIL_HOST_USER")
EMAIL_HOST_PASSWORD = env_str("EMAIL_HOST_PASSWORD")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", True)
EMAIL_TIMEOUT = env_int("EMAIL_TIMEOUT", 30)
DEFAULT_FROM_EMAIL = env_str("DEFAULT_FROM_EMAIL", "ThaiKPI <thaikpi@localhost>")
# The address people open the site at: links in e-mails and calendar events are absolute.
THAIKPI_SITE_URL = env_str("THAIKPI_SITE_URL", "http://127.0.0.1:8000").rstrip("/")
# Reminders go out this many days before a due date (and once more when it has passed).
THAIKPI_REMIND_DAYS = env_int("THAIKPI_REMIND_DAYS", 7)

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env_str("LOG_LEVEL", "WARNING")},
}
