"""Quartierwerk settings: one module, configured by environment variables with working defaults."""

from pathlib import Path

import environ

from quartierwerk.core.client import parse_networks
from quartierwerk.core.places import tiles
from quartierwerk.core.production import refuse_unsafe_start, web_concurrency

BASE_DIR = Path(__file__).resolve().parent
PROJECT_DIR = BASE_DIR.parent

env = environ.Env()
environ.Env.read_env(PROJECT_DIR / ".env", overwrite=False)

DEBUG = env.bool("DEBUG", default=False)
# The fallback key is for development (DEBUG) only; without DEBUG a missing SECRET_KEY refuses to start.
SECRET_KEY = env.str("SECRET_KEY", default="") or (
    "django-insecure-quartierwerk-development-key-change-me" if DEBUG else ""
)

ALLOWED_HOSTS = env.list("ALLOWED_HOSTS", default=["127.0.0.1", "localhost", "[::1]"])
CSRF_TRUSTED_ORIGINS = env.list("CSRF_TRUSTED_ORIGINS", default=[])
# Reverse proxies (addresses or CIDR networks) whose X-Forwarded-For is believed (core.client).
TRUSTED_PROXIES = env.list("TRUSTED_PROXIES", default=[])
parse_networks(TRUSTED_PROXIES)
# Application processes (gunicorn workers); more than one needs the shared cache (core.production).
WEB_CONCURRENCY = web_concurrency()

# Our apps come first: for a text that Django's own catalogues also translate ("All", "Save"), the app listed
# first wins, and our wording is the one residents meet elsewhere on the site. No template, static file or
# command of ours shares a name with those of the apps below.
INSTALLED_APPS = [
    "quartierwerk.core",
    "quartierwerk.core.places",
    "quartierwerk.core.explain",
    "quartierwerk.actors",
    "quartierwerk.events",
    "quartierwerk.reports",
    "quartierwerk.fund",
    "quartierwerk.participation",
    "quartierwerk.resources",
    "quartierwerk.news",
    "quartierwerk.insights",
    "quartierwerk.council",
    "quartierwerk.planning",
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "axes",
    "csp",
    "ninja",
    "django_tasks",
    "django_tasks_db",
]

MIDDLEWARE = [
    "quartierwerk.core.request_size.RequestSizeMiddleware",
    "quartierwerk.core.pagecache.PageCacheMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "quartierwerk.core.interface_languages.CityLanguageMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "quartierwerk.core.middleware.IdleTimeoutMiddleware",
    "quartierwerk.core.middleware.SecondFactorMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
    "axes.middleware.AxesMiddleware",
]

if env.bool("QW_COUNT_QUERIES", default=False):
    # The benchmark reads the number of SQL queries of each request from a response header.
    MIDDLEWARE.insert(0, "quartierwerk.core.middleware.QueryCountMiddleware")

ROOT_URLCONF = "quartierwerk.urls"
WSGI_APPLICATION = "quartierwerk.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "csp.context_processors.nonce",
                "quartierwerk.core.context_processors.site",
            ],
            # `|label`, `{% status_badge %}`, `|localized` and the KERN components (`{% alert %}`…) are on nearly
            # every page.
            "builtins": [
                "quartierwerk.core.templatetags.labels",
                "quartierwerk.core.templatetags.multilingual",
                "quartierwerk.core.templatetags.kern",
            ],
        },
    }
]

# Database: SQLite (WAL) by default, PostgreSQL through DATABASE_URL.
DATABASES = {"default": env.db("DATABASE_URL", default=f"sqlite:///{PROJECT_DIR / 'db.sqlite3'}")}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    DATABASES["default"].setdefault("OPTIONS", {}).update(
        {
            "transaction_mode": "IMMEDIATE",
            "timeout": 20,
            "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA foreign_keys=ON;",
        }
    )
else:
    DATABASES["default"].setdefault("CONN_MAX_AGE", env.int("CONN_MAX_AGE", default=60))
    DATABASES["default"].setdefault("CONN_HEALTH_CHECKS", True)
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# Cache (and optionally sessions) in Redis when REDIS_URL is set.
REDIS_URL = env.str("REDIS_URL", default="")
CACHE_KEY_PREFIX = env.str("CACHE_KEY_PREFIX", default="")
# "fragments" holds rendered pieces under a hash of everything they are made from (never stale), kept apart
# so that it cannot push rate-limit counters out of the default cache.
if REDIS_URL:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": CACHE_KEY_PREFIX,
        },
        "fragments": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": f"{CACHE_KEY_PREFIX}fragments",
        },
    }
    SESSION_ENGINE = "django.contrib.sessions.backends.cache"
else:
    CACHES = {
        "default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"},
        "fragments": {
            "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
            "LOCATION": "fragments",
            "OPTIONS": {"MAX_ENTRIES": 20000},
        },
    }

# Longest life of a whole public page in the cache; writes through the services replace pages at once, this
# bounds what a write outside them (the Django admin, a shell) may leave behind. 0 turns the page cache off.
PAGE_CACHE_SECONDS = env.int("PAGE_CACHE_SECONDS", default=600)

AUTH_USER_MODEL = "core.User"
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 10}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "core:login"
LOGIN_REDIRECT_URL = "core:home"
LOGOUT_REDIRECT_URL = "core:home"

# Sessions: HttpOnly, SameSite, secure in production; idle timeout in minutes.
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
SESSION_COOKIE_AGE = env.int("SESSION_COOKIE_AGE", default=8 * 3600)
SESSION_IDLE_TIMEOUT = env.int("SESSION_IDLE_TIMEOUT", default=30 * 60)
CSRF_COOKIE_HTTPONLY = True
CSRF_COOKIE_SAMESITE = "Lax"
LANGUAGE_COOKIE_SAMESITE = "Lax"
LANGUAGE_COOKIE_HTTPONLY = True

SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
if not DEBUG:
    SESSION_COOKIE_SECURE = env.bool("SESSION_COOKIE_SECURE", default=True)
    CSRF_COOKIE_SECURE = env.bool("CSRF_COOKIE_SECURE", default=True)
    LANGUAGE_COOKIE_SECURE = env.bool("LANGUAGE_COOKIE_SECURE", default=True)
    SECURE_SSL_REDIRECT = env.bool("SECURE_SSL_REDIRECT", default=True)
    SECURE_HSTS_SECONDS = env.int("SECURE_HSTS_SECONDS", default=31536000)
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = env.bool("SECURE_HSTS_PRELOAD", default=True)
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SECURE_REDIRECT_EXEMPT = [r"^healthz$"]

# Map tiles are fetched only when MAP_TILE_URL names a server (e.g. the city's own).
MAP_TILE_URL = env.str("MAP_TILE_URL", default="")
MAP_TILE_ATTRIBUTION = env.str("MAP_TILE_ATTRIBUTION", default="")
# Or a preset: MAP_TILES=basemap.de or osm (a third-party host: the map loads tiles only after a click).
MAP_TILE_URL, MAP_TILE_ATTRIBUTION = tiles.resolve(
    env.str("MAP_TILES", default=""), MAP_TILE_URL, MAP_TILE_ATTRIBUTION
)
# Where a place outside every quarter should be reported instead (e.g. the city's own defect reporter).
CITY_CHANNEL = env.str("CITY_CHANNEL", default="")


def _origin(url: str) -> str:
    from urllib.parse import urlsplit

    parts = urlsplit(url.replace("{s}", "a"))
    return f"{parts.scheme}://{parts.netloc}" if parts.netloc else ""


_tile_origin = _origin(MAP_TILE_URL) if MAP_TILE_URL else ""
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:", "blob:"] + ([_tile_origin] if _tile_origin else []),
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        "frame-ancestors": ["'none'"],
        "form-action": ["'self'"],
        "base-uri": ["'self'"],
        "object-src": ["'none'"],
    }
}

# Login throttling: five failed attempts are answered normally; the sixth is refused (and so is every
# attempt after it until the cool-off period ends).
AXES_FAILURE_LIMIT = env.int("AXES_FAILURE_LIMIT", default=6)
AXES_COOLOFF_TIME = env.float("AXES_COOLOFF_HOURS", default=0.25)
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_USERNAME_FORM_FIELD = "username"
AXES_LOCKOUT_TEMPLATE = "core/lockout.html"
AXES_RESET_ON_SUCCESS = True
AXES_VERBOSE = False
# One client address for axes and every throttle (behind TRUSTED_PROXIES), one spelling of each address.
AXES_CLIENT_IP_CALLABLE = "quartierwerk.core.client.client_address"
AXES_USERNAME_CALLABLE = "quartierwerk.core.identity.axes_username"

# Internationalisation: German first, English complete, Arabic for right-to-left layout, Ukrainian and Turkish.
LANGUAGE_CODE = "de"
LANGUAGES = [("de", "Deutsch"), ("en", "English"), ("ar", "العربية"), ("uk", "Українська"), ("tr", "Türkçe")]
LOCALE_PATHS = [BASE_DIR / "locale"]
FORMAT_MODULE_PATH = ["quartierwerk.formats"]
TIME_ZONE = "Europe/Berlin"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = env.path("STATIC_ROOT", default=str(PROJECT_DIR / "var" / "static"))
STATICFILES_DIRS = [BASE_DIR / "static"]
MEDIA_URL = "/media/"
MEDIA_ROOT = env.path("MEDIA_ROOT", default=str(PROJECT_DIR / "var" / "media"))
STORAGES = {
    "default": {"BACKEND": env.str("MEDIA_STORAGE", default="django.core.files.storage.FileSystemStorage")},
    "staticfiles": {
        "BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"
        if not DEBUG
        else "django.contrib.staticfiles.storage.StaticFilesStorage"
    },
    # Data exports and other files only their owner may download: never below MEDIA_ROOT's public URL.
    "private": {
        "BACKEND": "django.core.files.storage.FileSystemStorage",
        "OPTIONS": {"location": env.str("PRIVATE_MEDIA_ROOT", default=str(PROJECT_DIR / "var" / "private"))},
    },
}
# Upload limits (bytes) for the file service; per-use limits may be smaller.
UPLOAD_MAX_BYTES = env.int("UPLOAD_MAX_BYTES", default=10 * 1024 * 1024)
# The sign-language video (BITV 2.0 § 4): a few minutes of MP4 or WebM, below the request size limit.
SIGN_VIDEO_MAX_BYTES = env.int("SIGN_VIDEO_MAX_BYTES", default=50 * 1024 * 1024)
DATA_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
FILE_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
# The largest request body taken at all (413 above it, before it is read): a report with five 10 MB photos
# fits. Keep nginx's client_max_body_size at the same value (docs/operations.md, "Request size").
QW_MAX_REQUEST_BYTES = env.int("QW_MAX_REQUEST_BYTES", default=60 * 1024 * 1024)

# E-mail: every message goes through the outbox (core.mail) and the task queue.
vars().update(env.email_url("EMAIL_URL", default="consolemail://"))
DEFAULT_FROM_EMAIL = env.str("DEFAULT_FROM_EMAIL", default="Quartierwerk <noreply@quartierwerk.example>")
SERVER_EMAIL = DEFAULT_FROM_EMAIL
MAIL_MAX_ATTEMPTS = env.int("MAIL_MAX_ATTEMPTS", default=10)
# A sent e-mail's body and attachments are kept this many days, then deleted by the scheduled job.
OUTBOX_KEEP_DAYS = env.int("OUTBOX_KEEP_DAYS", default=30)

# Background work: django-tasks with the database backend.
TASKS = {"default": {"BACKEND": env.str("TASKS_BACKEND", default="django_tasks_db.DatabaseBackend")}}

SITE_NAME = env.str("SITE_NAME", default="Quartierwerk")
SITE_URL = env.str("SITE_URL", default="http://127.0.0.1:8000").rstrip("/")
# Pins "today" for the demo data (screenshots, tests), as YYYY-MM-DD; empty: the real date.
QW_TODAY = env.str("QW_TODAY", default="")
CITY_NAME = env.str("CITY_NAME", default="")

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    # Private-link secrets never reach a log line (quartierwerk/core/logmask.py).
    "filters": {"mask_secrets": {"()": "quartierwerk.core.logmask.MaskSecretsFilter"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "filters": ["mask_secrets"]}},
    "root": {"handlers": ["console"], "level": env.str("LOG_LEVEL", default="WARNING")},
    # runserver's request lines, through the masking handler instead of Django's own.
    "loggers": {"django.server": {"handlers": ["console"], "level": "INFO", "propagate": False}},
}

refuse_unsafe_start(debug=DEBUG, secret_key=SECRET_KEY, caches=CACHES, workers=WEB_CONCURRENCY)
