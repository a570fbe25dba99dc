"""Settings for Stadtdialog, read from environment variables.

Everything has a safe development default; production sets at least SECRET_KEY (50 or more random
characters), DEBUG=0, ALLOWED_HOSTS, DATABASE_URL and SITE_URL. With DEBUG off the site is HTTPS only:
secure cookies, a redirect from http to https, HSTS for a year. Behind a reverse proxy that ends TLS,
say which header tells the original scheme: SECURE_PROXY_SSL_HEADER="X-Forwarded-Proto: https" (the
proxy must set it and strip it from clients' requests). Fine tuning: SECURE_SSL_REDIRECT=0 (when the
proxy redirects itself), SECURE_HSTS_SECONDS, SECURE_HSTS_INCLUDE_SUBDOMAINS, SECURE_HSTS_PRELOAD.
"""

import os
import re
import urllib.parse
from pathlib import Path

import dj_database_url
from csp.constants import NONE, SELF
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent
PROJECT_DIR = BASE_DIR.parent.parent
VAR_DIR = Path(os.environ.get("STADTDIALOG_VAR_DIR", PROJECT_DIR / "var"))


def env_bool(name: str, default: bool) -> bool:
    value = os.environ.get(name)
    if value is None:
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_list(name: str, default: str) -> list[str]:
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


def env_int(name: str, default: int) -> int:
    value = os.environ.get(name, "").strip()
    if not value:
        return default
    try:
        return int(value)
    except ValueError:
        raise ImproperlyConfigured(f"{name} must be a whole number, not {value!r}.") from None


DEV_SECRET_KEY = "dev-only-insecure-key-change-me"


def production_secret_key(value: str) -> str:
    """The SECRET_KEY for DEBUG off: long and random (Django's own criteria), never the development key."""
    if not value:
        raise ImproperlyConfigured("SECRET_KEY must be set when DEBUG is off.")
    if value == DEV_SECRET_KEY or value.startswith("django-insecure"):
        raise ImproperlyConfigured("SECRET_KEY is the development default; set a random key when DEBUG is off.")
    if len(value) < 50 or len(set(value)) < 5:
        raise ImproperlyConfigured(
            "SECRET_KEY is too short or not random: use at least 50 random characters, e.g. from "
            "python -c 'import secrets; print(secrets.token_urlsafe(50))'."
        )
    return value


DEBUG = env_bool("DEBUG", True)
SECRET_KEY = (
    (os.environ.get("SECRET_KEY") or DEV_SECRET_KEY)
    if DEBUG
    else production_secret_key(os.environ.get("SECRET_KEY", ""))
)
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "127.0.0.1,localhost,[::1]")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS", "")

INSTALLED_APPS = [
    "stadtdialog.core",
    "stadtdialog.organisation",
    "stadtdialog.accounts",
    "stadtdialog.plans",
    "stadtdialog.processes",
    "stadtdialog.sortition",
    "stadtdialog.dialog",
    "stadtdialog.moderation",
    "stadtdialog.reports",
    "stadtdialog.events",
    "stadtdialog.initiatives",
    "stadtdialog.notifications",
    "stadtdialog.outcomes",
    "stadtdialog.evaluation",
    # demo data and its commands (seed_demo, demo_logins): on top of every app, nothing imports it
    "stadtdialog.demo",
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "rules.apps.AutodiscoverRulesConfig",
    "django_tasks",
    "django_tasks_db",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
]

ROOT_URLCONF = "stadtdialog.urls"
WSGI_APPLICATION = "stadtdialog.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "stadtdialog.core.context_processors.site",
            ],
        },
    },
    # The partials of long lists (<app>/jinja2/<app>/_*.html), rendered by Jinja2 for speed (see bench/README.md).
    {
        "BACKEND": "django.template.backends.jinja2.Jinja2",
        "DIRS": [],
        "APP_DIRS": True,
        "OPTIONS": {"environment": "stadtdialog.core.jinja_env.environment", "autoescape": True},
    },
]

# {{ form.x.as_field_group }} renders core/_field.html (see core/renderers.py)
FORM_RENDERER = "stadtdialog.core.renderers.FormRenderer"

DATABASES = {
    "default": dj_database_url.parse(
        os.environ.get("DATABASE_URL", f"sqlite:///{VAR_DIR / 'stadtdialog.sqlite3'}"),
        conn_max_age=int(os.environ.get("CONN_MAX_AGE", "60")),
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    Path(DATABASES["default"]["NAME"]).parent.mkdir(parents=True, exist_ok=True)  # a fresh clone has no var/
    DATABASES["default"]["CONN_MAX_AGE"] = 0
    DATABASES["default"]["OPTIONS"] = {
        "transaction_mode": "IMMEDIATE",
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
    }
if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql" and os.environ.get("PG_PREPARE_THRESHOLD", "5"):
    # Server-side parameters and prepared statements: a persistent connection plans a repeated query
    # once (the measured effect on the process page is in bench/README.md). Behind
    # PgBouncer in transaction mode without prepared-statement support, set PG_PREPARE_THRESHOLD="".
    DATABASES["default"].setdefault("OPTIONS", {}).update(
        {"server_side_binding": True, "prepare_threshold": int(os.environ.get("PG_PREPARE_THRESHOLD", "5"))}
    )
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = [
    "rules.permissions.ObjectPermissionBackend",
    "django.contrib.auth.backends.ModelBackend",
]
PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 10}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "accounts:login"
LOGIN_REDIRECT_URL = "accounts:home"
LOGOUT_REDIRECT_URL = "plans:list"

# German first: the portal speaks German whatever the browser asks for (the content is German too).
# English exists as the message ids; a language switch can be added with django.views.i18n.set_language.
LANGUAGE_CODE = "de"
LANGUAGES = [("de", _("German")), ("en", _("English"))]
TIME_ZONE = "Europe/Berlin"
USE_I18N = True
# German translations: one catalogue per app, <app>/locale/de/LC_MESSAGES/django.po (found by
# Django through INSTALLED_APPS; the strings of this module are in core's). Built by make messages.
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = Path(os.environ.get("STATIC_ROOT", PROJECT_DIR / "staticfiles"))
STATICFILES_DIRS = [PROJECT_DIR / "static"]
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(os.environ.get("MEDIA_ROOT", VAR_DIR / "media"))
# Files with personal data (the sortition's invitation letters): outside MEDIA_ROOT, no URL serves
# them; staff download them through a view that checks their permission. In production this can be
# a private bucket.
PRIVATE_ROOT = Path(os.environ.get("PRIVATE_ROOT", VAR_DIR / "private"))
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "private": {"BACKEND": "django.core.files.storage.FileSystemStorage", "OPTIONS": {"location": PRIVATE_ROOT}},
    "staticfiles": {
        "BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"
        if not DEBUG
        else "django.contrib.staticfiles.storage.StaticFilesStorage"
    },
}
# Static files are served by WhiteNoise; in development straight from the source folders.
WHITENOISE_USE_FINDERS = DEBUG
WHITENOISE_AUTOREFRESH = DEBUG
FILE_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
DATA_UPLOAD_MAX_MEMORY_SIZE = 12 * 1024 * 1024
MAX_ATTACHMENT_BYTES = int(os.environ.get("MAX_ATTACHMENT_BYTES", 10 * 1024 * 1024))
# The sign-language page's video: an upload (MP4 or WebM) of at most this size, or an https address on the
# city's own media server; PAGE_VIDEO_HOSTS ("media.example.de,…") restricts the addresses to those hosts
# (and the content security policy's media-src to them; empty: any https address).
PAGE_VIDEO_MAX_BYTES = env_int("PAGE_VIDEO_MAX_BYTES", 200 * 1024 * 1024)
PAGE_VIDEO_HOSTS = env_list("PAGE_VIDEO_HOSTS", "")
# Barriers reported through the accessibility statement are answered within this many days (BITV 2.0 and
# the Lower Saxony rules ask for an answer within a month).
ACCESSIBILITY_ANSWER_DAYS = env_int("ACCESSIBILITY_ANSWER_DAYS", 30)

EMAIL_BACKEND = os.environ.get(
    "EMAIL_BACKEND",
    "django.core.mail.backends.console.EmailBackend" if DEBUG else "django.core.mail.backends.smtp.EmailBackend",
)
EMAIL_HOST = os.environ.get("EMAIL_HOST", "localhost")
EMAIL_PORT = int(os.environ.get("EMAIL_PORT", "25"))
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "beteiligung@stadtdialog.example")

# Background work (e-mail, digests) leaves the request through Django's tasks API; `manage.py db_worker`
# runs the queue. TASKS_BACKEND=immediate runs tasks in the request (tests, small set-ups).
TASKS = {
    "default": {
        "BACKEND": "django_tasks.backends.immediate.ImmediateBackend"
        if os.environ.get("TASKS_BACKEND") == "immediate"
        else "django_tasks_db.DatabaseBackend",
        "QUEUES": ["default"],
    }
}

CACHES = {
    "default": (
        {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": os.environ["REDIS_URL"]}
        if os.environ.get("REDIS_URL")
        else {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}
    )
}


def proxy_ssl_header(value: str) -> tuple[str, str] | None:
    """ "X-Forwarded-Proto: https" -> ("HTTP_X_FORWARDED_PROTO", "https"), the form Django reads."""
    if not value.strip():
        return None
    name, _sep, expected = value.partition(":")
    if not re.fullmatch(r"[A-Za-z0-9-]+", name.strip()) or not expected.strip():
        raise ImproperlyConfigured(f"SECURE_PROXY_SSL_HEADER must look like 'X-Forwarded-Proto: https', not {value!r}.")
    return "HTTP_" + name.strip().upper().replace("-", "_"), expected.strip()


# Cookies: never readable by scripts, not sent along with cross-site posts, HTTPS only in production.
# With HTTPS the names carry the __Host- prefix, so the browser refuses them from a subdomain or over http.
SESSION_COOKIE_HTTPONLY = True
CSRF_COOKIE_HTTPONLY = True  # no script reads the token; forms carry it in a hidden field
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_SAMESITE = "Lax"
SESSION_COOKIE_SECURE = not DEBUG
CSRF_COOKIE_SECURE = not DEBUG
if SESSION_COOKIE_SECURE:
    SESSION_COOKIE_NAME = "__Host-sessionid"
    CSRF_COOKIE_NAME = "__Host-csrftoken"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
# HTTPS only in production. BEHIND_TLS_PROXY=1 is short for SECURE_PROXY_SSL_HEADER="X-Forwarded-Proto: https".
SECURE_PROXY_SSL_HEADER = proxy_ssl_header(
    os.environ.get("SECURE_PROXY_SSL_HEADER", "X-Forwarded-Proto: https" if env_bool("BEHIND_TLS_PROXY", False) else "")
)
SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", not DEBUG)
SECURE_HSTS_SECONDS = env_int("SECURE_HSTS_SECONDS", 0 if DEBUG else 365 * 24 * 3600)
SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("SECURE_HSTS_INCLUDE_SUBDOMAINS", True)
# The preload list is a commitment for the whole registrable domain (e.g. hannover.de): the city decides.
SECURE_HSTS_PRELOAD = env_bool("SECURE_HSTS_PRELOAD", False)


def csp_source(url: str) -> str | None:
    """The CSP source for the server of a URL template ("https://{s}.tile.example.org/{z}/{x}/{y}.png"
    -> "https://*.tile.example.org"); None for a relative URL or none (the site itself, 'self')."""
    parts = urllib.parse.urlsplit(url.strip())
    if not parts.scheme and not parts.netloc:
        return None
    host = parts.netloc.rpartition("@")[2]
    first, dot, rest = host.partition(".")
    if re.fullmatch(r"\{[a-z]+\}", first) and dot:
        host = "*." + rest  # Leaflet's subdomain placeholder
    if parts.scheme not in {"http", "https"} or not re.fullmatch(r"(\*\.)?[A-Za-z0-9.-]+(:[0-9]+)?", host):
        raise ImproperlyConfigured(f"MAP_TILE_URL must be an http(s) address or a path on this site, not {url!r}.")
    return f"{parts.scheme}://{host}"


# Strict content security policy: no inline scripts or styles, no plugins, no frames, forms only to
# this site, map tiles only from the configured tile server.
MAP_TILE_URL = os.environ.get("MAP_TILE_URL", "https://tile.openstreetmap.org/{z}/{x}/{y}.png")
MAP_TILE_ATTRIBUTION = os.environ.get("MAP_TILE_ATTRIBUTION", "© OpenStreetMap-Mitwirkende")
_tile_source = csp_source(MAP_TILE_URL)
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF],
        "img-src": [SELF, "data:", *([_tile_source] if _tile_source else [])],  # data: for the CSS's icons
        "font-src": [SELF],
        # videos: uploaded ones from the site itself, others from the city's media server (PAGE_VIDEO_HOSTS)
        "media-src": [SELF, *([f"https://{host}" for host in PAGE_VIDEO_HOSTS] or ["https:"])],
        "connect-src": [SELF],
        "worker-src": [SELF],  # the ALTCHA proof of work
        "frame-src": [NONE],
        "object-src": [NONE],
        "base-uri": [NONE],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
    }
}

# The city this installation serves.
CITY_NAME = os.environ.get("CITY_NAME", "Landeshauptstadt Hannover")
SITE_NAME = os.environ.get("SITE_NAME", "Stadtdialog Hannover")
# Public address of the portal, for links in e-mails and letters made outside a request.
SITE_URL = os.environ.get("SITE_URL", "http://127.0.0.1:8000" if DEBUG else "")
# Bounding box of the city (south, west, north, east) for map points and the map's start view.
CITY_BOUNDS = tuple(float(x) for x in env_list("CITY_BOUNDS", "52.30,9.60,52.46,9.92"))
# OParl 1.1 endpoint of the council information system (a "system" or "body" URL); empty: not used.
OPARL_URL = os.environ.get("OPARL_URL", "")
# Further origins ("https://host:port") the OParl client may read from, when the system's objects live
# on several hosts; every other URL in the OParl JSON is refused (no requests to internal addresses).
OPARL_ALLOWED_HOSTS = env_list("OPARL_ALLOWED_HOSTS", "")
COUNCIL_PAPER_URL = os.environ.get(
    "COUNCIL_PAPER_URL", "https://e-government.hannover-stadt.de/lhhsimwebre.nsf/DS?OpenView&Search={number}"
)

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "WARNING")},
}
