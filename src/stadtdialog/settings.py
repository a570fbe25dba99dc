"""Settings for Stadtdialog, read from environment variables.

Everything has a safe development default; production sets at least SECRET_KEY (50 or more random
characters), DEBUG=0, ALLOWED_HOSTS, DATABASE_URL and SITE_URL. With DEBUG off the site is HTTPS only:
secure cookies, a redirect from http to https, HSTS for a year. Behind a reverse proxy that ends TLS,
say which header tells the original scheme: SECURE_PROXY_SSL_HEADER="X-Forwarded-Proto: https" (the
proxy must set it and strip it from clients' requests). Fine tuning: SECURE_SSL_REDIRECT=0 (when the
proxy redirects itself), SECURE_HSTS_SECONDS, SECURE_HSTS_INCLUDE_SUBDOMAINS, SECURE_HSTS_PRELOAD.
"""

import json
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
    "stadtdialog.districts",
    "stadtdialog.office",
    "stadtdialog.api",
    "stadtdialog.reporting",
    "stadtdialog.search",
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
    "stadtdialog.core.middleware.RefuseBadCharactersMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "stadtdialog.core.middleware.ContentSecurityPolicyMiddleware",  # django-csp's, see there
    # innermost, so that the page it puts on an empty 405 answer gets the headers of the middleware above
    "stadtdialog.core.middleware.MethodNotAllowedPageMiddleware",
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
                "stadtdialog.organisation.context_processors.city",
                "stadtdialog.core.context_processors.pages",
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
    # the display name is public: a password like it is guessed first
    {
        "NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator",
        "OPTIONS": {"user_attributes": ("email", "display_name", "full_name")},
    },
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 10}},
    # Django's list of common passwords plus German ones (accounts/data/), also with digits around them
    {"NAME": "stadtdialog.accounts.passwords.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
# Wrong passwords per minute on the whole site after which password login pauses until the minute ends
# (accounts/throttle.py; 0: no such pause).
LOGIN_SITE_MAX_FAILURES = env_int("LOGIN_SITE_MAX_FAILURES", 300)
LOGIN_URL = "accounts:login"
LOGIN_REDIRECT_URL = "accounts:home"
LOGOUT_REDIRECT_URL = "plans:list"
# How many days the link in a staff invitation works.
STAFF_INVITATION_DAYS = env_int("STAFF_INVITATION_DAYS", 7)


def oidc_role_mapping(value: str) -> dict[str, list[dict]]:
    """OIDC_ROLE_MAPPING: a JSON object from group names to a role ({"role": "department", "unit": "FB 61"})
    or a list of roles; "unit" is a unit's short name, "district" a district's number. Returned as lists."""
    if not value.strip():
        return {}
    try:
        data = json.loads(value)
    except ValueError as error:
        raise ImproperlyConfigured(f"OIDC_ROLE_MAPPING is not valid JSON ({error}).") from None
    if not isinstance(data, dict):
        raise ImproperlyConfigured('OIDC_ROLE_MAPPING must be a JSON object: {"group": {"role": "admin"}, ...}.')
    mapping = {}
    for group, roles in data.items():
        roles = roles if isinstance(roles, list) else [roles]
        for role in roles:
            if (
                not isinstance(role, dict)
                or not isinstance(role.get("role"), str)
                or not set(role) <= {"role", "unit", "district"}
                or not isinstance(role.get("unit", ""), str)
                or isinstance(role.get("district", 0), bool)
                or not isinstance(role.get("district", 0), int)
            ):
                raise ImproperlyConfigured(
                    f"OIDC_ROLE_MAPPING: the entry of group {group!r} must look like "
                    '{"role": "department", "unit": "FB 61"} or {"role": "district_manager", "district": 1} '
                    f"(a unit's short name, a district's number), not {json.dumps(role)}."
                )
        mapping[str(group)] = roles
    return mapping


def http_url(name: str) -> str:
    value = os.environ.get(name, "").strip()
    if value and urllib.parse.urlsplit(value).scheme not in {"http", "https"}:
        raise ImproperlyConfigured(f"{name} must be an http(s) address, not {value!r}.")
    return value


# Single sign-on for staff with OpenID Connect (mozilla-django-oidc; our backend in accounts/oidc.py). Off unless
# OIDC_ISSUER or OIDC_DISCOVERY_URL is set. The provider's endpoints come from its discovery document, fetched
# at the first sign-on and cached (the start needs no network), or each explicitly (OIDC_OP_*_ENDPOINT).
# Roles come from the groups claim through OIDC_ROLE_MAPPING, or, with OIDC_ROLES_FROM=staff_area, from the
# staff area only (the provider only authenticates). STAFF_LOCAL_LOGIN=0 refuses password login to staff.
OIDC_ISSUER = http_url("OIDC_ISSUER").rstrip("/")
OIDC_DISCOVERY_URL = http_url("OIDC_DISCOVERY_URL") or (
    f"{OIDC_ISSUER}/.well-known/openid-configuration" if OIDC_ISSUER else ""
)
OIDC_ENABLED = bool(OIDC_DISCOVERY_URL)
OIDC_RP_CLIENT_ID = os.environ.get("OIDC_CLIENT_ID", "")
OIDC_RP_CLIENT_SECRET = os.environ.get("OIDC_CLIENT_SECRET", "")
OIDC_RP_SCOPES = os.environ.get("OIDC_SCOPES", "openid email profile")
OIDC_RP_SIGN_ALGO = os.environ.get("OIDC_SIGN_ALGO", "RS256")
OIDC_GROUPS_CLAIM = os.environ.get("OIDC_GROUPS_CLAIM", "groups")
OIDC_ROLES_FROM = os.environ.get("OIDC_ROLES_FROM", "provider").strip() or "provider"
OIDC_ROLE_MAPPING = oidc_role_mapping(os.environ.get("OIDC_ROLE_MAPPING", ""))
# Explicit endpoints win over the discovery document; empty: from discovery.
OIDC_OP_AUTHORIZATION_ENDPOINT = http_url("OIDC_OP_AUTHORIZATION_ENDPOINT")
OIDC_OP_TOKEN_ENDPOINT = http_url("OIDC_OP_TOKEN_ENDPOINT")
OIDC_OP_USER_ENDPOINT = http_url("OIDC_OP_USER_ENDPOINT")
OIDC_OP_JWKS_ENDPOINT = http_url("OIDC_OP_JWKS_ENDPOINT")
OIDC_OP_LOGOUT_ENDPOINT = http_url("OIDC_OP_LOGOUT_ENDPOINT")
OIDC_USE_PKCE = env_bool("OIDC_USE_PKCE", True)
OIDC_TIMEOUT = env_int("OIDC_TIMEOUT", 10)  # seconds for each request to the provider
# Logout ends the provider's session too when it has an end_session_endpoint; that needs the ID token as a hint,
# the only token kept (in the session).
OIDC_LOGOUT_AT_PROVIDER = env_bool("OIDC_LOGOUT_AT_PROVIDER", True)
OIDC_STORE_ID_TOKEN = OIDC_LOGOUT_AT_PROVIDER
OIDC_STORE_ACCESS_TOKEN = False
OIDC_AUTHENTICATE_CLASS = "stadtdialog.accounts.oidc.StaffAuthenticationRequestView"
OIDC_CALLBACK_CLASS = "stadtdialog.accounts.oidc.StaffAuthenticationCallbackView"
OIDC_OP_LOGOUT_URL_METHOD = "stadtdialog.accounts.oidc.provider_logout_url"
STAFF_LOCAL_LOGIN = env_bool("STAFF_LOCAL_LOGIN", True)
if OIDC_ROLES_FROM not in {"provider", "staff_area"}:
    raise ImproperlyConfigured(f"OIDC_ROLES_FROM must be 'provider' or 'staff_area', not {OIDC_ROLES_FROM!r}.")
if OIDC_ENABLED:
    if not OIDC_RP_CLIENT_ID or not OIDC_RP_CLIENT_SECRET:
        raise ImproperlyConfigured("Single sign-on needs OIDC_CLIENT_ID and OIDC_CLIENT_SECRET.")
    if OIDC_ROLES_FROM == "provider" and not OIDC_ROLE_MAPPING:
        raise ImproperlyConfigured(
            "Single sign-on needs OIDC_ROLE_MAPPING (groups to roles), or OIDC_ROLES_FROM=staff_area."
        )
    if OIDC_ROLES_FROM == "staff_area" and OIDC_ROLE_MAPPING:
        raise ImproperlyConfigured("OIDC_ROLE_MAPPING is not used with OIDC_ROLES_FROM=staff_area: set one of them.")
    AUTHENTICATION_BACKENDS.append("stadtdialog.accounts.oidc.StaffOIDCBackend")
elif not STAFF_LOCAL_LOGIN:
    raise ImproperlyConfigured(
        "STAFF_LOCAL_LOGIN=0 leaves staff no way to log in without single sign-on (OIDC_ISSUER or OIDC_DISCOVERY_URL)."
    )

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
# them; staff download them through a view that checks their permission.
PRIVATE_ROOT = Path(os.environ.get("PRIVATE_ROOT", VAR_DIR / "private"))


def s3_storages(env: dict) -> dict:
    """STORAGES["default"] and STORAGES["private"] on S3-compatible object storage, from the S3_* variables in
    `env`; {} without S3_BUCKET (then both stay folders on this server).

    Uploads go to S3_BUCKET. Their URLs are signed for S3_URL_EXPIRY seconds (default six hours), so the bucket
    needs no public policy; with S3_PUBLIC_READ=1 (the bucket, or the CDN of S3_CUSTOM_DOMAIN, is readable by
    everyone) the URLs are plain and stay the same. Private files go to S3_PRIVATE_BUCKET, a bucket of its own
    (never a folder of S3_BUCKET, whose policy may be public), with the ACL "private": no URL of ours points
    there, the download views read the object and stream it after the permission check.
    """
    bucket, private_bucket = env.get("S3_BUCKET", "").strip(), env.get("S3_PRIVATE_BUCKET", "").strip()
    if not bucket:
        if private_bucket:
            raise ImproperlyConfigured("S3_PRIVATE_BUCKET is set without S3_BUCKET: set both, or neither.")
        return {}
    if not private_bucket:
        raise ImproperlyConfigured(
            "S3_BUCKET is set: set S3_PRIVATE_BUCKET too, a bucket of its own for files with personal data."
        )
    if private_bucket == bucket:
        raise ImproperlyConfigured(
            "S3_PRIVATE_BUCKET must be another bucket than S3_BUCKET: a policy that makes the uploads public "
            "would make the personal files public too."
        )
    public_read = env.get("S3_PUBLIC_READ", "").strip().lower() in {"1", "true", "yes", "on"}
    custom_domain = env.get("S3_CUSTOM_DOMAIN", "").strip()
    if custom_domain and not public_read:
        raise ImproperlyConfigured(
            "S3_CUSTOM_DOMAIN serves the uploads without a signature: set S3_PUBLIC_READ=1 too, once the bucket "
            "or its CDN is readable by everyone."
        )
    endpoint = env.get("S3_ENDPOINT_URL", "").strip()
    common = {
        "endpoint_url": endpoint or None,
        "region_name": env.get("S3_REGION", "").strip() or None,
        # self-hosted servers (MinIO, Ceph) want https://host/bucket/key; AWS itself the bucket's own host name
        "addressing_style": env.get("S3_ADDRESSING_STYLE", "").strip() or ("path" if endpoint else None),
        "signature_version": "s3v4",
        "file_overwrite": False,  # as on the file system: a second file of the same name gets a new name
        "max_memory_size": FILE_UPLOAD_MAX_MEMORY_SIZE,  # a larger file being read spills to a temporary file
    }
    # without keys, boto3's own chain (AWS_* variables, the server's role) finds them
    if env.get("S3_ACCESS_KEY_ID", "").strip():
        common["access_key"] = env["S3_ACCESS_KEY_ID"].strip()
        common["secret_key"] = env.get("S3_SECRET_ACCESS_KEY", "").strip()
    expiry = env.get("S3_URL_EXPIRY", "").strip() or "21600"
    if not expiry.isdigit() or not 60 <= int(expiry) <= 7 * 24 * 3600:
        raise ImproperlyConfigured(f"S3_URL_EXPIRY must be seconds between 60 and 604800, not {expiry!r}.")
    backend = "storages.backends.s3.S3Storage"
    return {
        "default": {
            # each object stored with the type of its checked extension, a PDF as a download (core/storage.py)
            "BACKEND": "stadtdialog.core.storage.UploadStorage",
            "OPTIONS": {
                **common,
                "bucket_name": bucket,
                "default_acl": None,  # the bucket's own setting (and policy) decides who reads
                "querystring_auth": not public_read,
                "querystring_expire": int(expiry),
                "custom_domain": custom_domain or None,
            },
        },
        "private": {
            "BACKEND": backend,
            "OPTIONS": {
                **common,
                "bucket_name": private_bucket,
                "default_acl": "private",
                "querystring_auth": True,  # no code of ours asks for a URL; if one did, it would be signed
                "querystring_expire": 60,  # and short-lived
                "object_parameters": {"CacheControl": "private, no-store"},
            },
        },
    }


FILE_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "private": {"BACKEND": "django.core.files.storage.FileSystemStorage", "OPTIONS": {"location": PRIVATE_ROOT}},
    "staticfiles": {
        "BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"
        if not DEBUG
        else "django.contrib.staticfiles.storage.StaticFilesStorage"
    },
    **s3_storages(os.environ),
}


def media_origin(storage: dict) -> str | None:
    """The origin ("https://host") the pages load uploaded images and videos from, for the content security
    policy; None when the site serves them itself (under MEDIA_URL)."""
    options = storage.get("OPTIONS", {})
    if "bucket_name" not in options:
        return None
    if options.get("custom_domain"):
        return f"https://{options['custom_domain']}"
    bucket, region = options["bucket_name"], options.get("region_name")
    if not options.get("endpoint_url"):
        return f"https://{bucket}.s3.{region}.amazonaws.com" if region else f"https://{bucket}.s3.amazonaws.com"
    parts = urllib.parse.urlsplit(options["endpoint_url"])
    if options.get("addressing_style") == "virtual":
        return f"{parts.scheme}://{bucket}.{parts.netloc}"
    return f"{parts.scheme}://{parts.netloc}"


MEDIA_ORIGIN = media_origin(STORAGES["default"])
# Static files are served by WhiteNoise; in development straight from the source folders.
WHITENOISE_USE_FINDERS = DEBUG
WHITENOISE_AUTOREFRESH = DEBUG
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

# In development every e-mail lands as a file in var/mail/ (one file per sending run), so that the console keeps
# the server's and the demo's output readable; production sends through SMTP.
EMAIL_BACKEND = os.environ.get(
    "EMAIL_BACKEND",
    "django.core.mail.backends.filebased.EmailBackend" if DEBUG else "django.core.mail.backends.smtp.EmailBackend",
)
EMAIL_FILE_PATH = Path(os.environ.get("EMAIL_FILE_PATH", VAR_DIR / "mail"))
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

# One cache for every process (web servers, task workers): the login lock after wrong passwords, the ALTCHA
# replay guard and the plan list's counts and filter choices must hold across them. Redis with REDIS_URL;
# otherwise a table of the database, made by `manage.py createcachetable` (`make migrate` runs it).
# A cache read there is one indexed query (the plan list: see README.md, "Running it in production").
CACHE_TABLE = "stadtdialog_cache"
CACHES = {
    "default": (
        {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": os.environ["REDIS_URL"]}
        if os.environ.get("REDIS_URL")
        else {
            "BACKEND": "django.core.cache.backends.db.DatabaseCache",
            "LOCATION": CACHE_TABLE,
            # the counts keep one entry per filter state: room for many before a cull deletes a third
            "OPTIONS": {"MAX_ENTRIES": 10_000},
        }
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
CSRF_FAILURE_VIEW = "stadtdialog.core.views.csrf_failure"  # a German page; the text of known forms is kept
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
if MEDIA_ORIGIN:  # uploads on the object storage: images and videos load from there
    CONTENT_SECURITY_POLICY["DIRECTIVES"]["img-src"].append(MEDIA_ORIGIN)
    CONTENT_SECURITY_POLICY["DIRECTIVES"]["media-src"] = [SELF, MEDIA_ORIGIN]

# The city this installation serves is the City row that `manage.py load_city NAME` fills (names, bounds, logo).
# These three are only the fallback until then (a fresh database): neutral names and the bounds of Germany.
CITY_NAME = os.environ.get("CITY_NAME", "")
SITE_NAME = os.environ.get("SITE_NAME", "Stadtdialog")
# Public address of the portal, for links in e-mails and letters made outside a request.
SITE_URL = os.environ.get("SITE_URL", "http://127.0.0.1:8000" if DEBUG else "")
# Fallback bounding box (south, west, north, east) for map points and the map's start view: Germany.
CITY_BOUNDS = tuple(float(x) for x in env_list("CITY_BOUNDS", "47.27,5.87,55.06,15.04"))
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

# Residents' concerns (districts): personal data is deleted this many months after a concern is closed
# (`manage.py purge_concerns`, daily); an anonymous Open311 concern whose address is not confirmed after
# CONCERN_UNCONFIRMED_DAYS days is deleted too.
CONCERN_PURGE_MONTHS = int(os.environ.get("CONCERN_PURGE_MONTHS", "6"))
CONCERN_UNCONFIRMED_DAYS = int(os.environ.get("CONCERN_UNCONFIRMED_DAYS", "7"))
# Open data (api/): requests per minute and client without an API key (0: no limit; counted under an HMAC of the
# address, never the address), the licence of the data (a URI of the DCAT-AP.de licence vocabulary), and the contact
# point and publisher of the DCAT-AP.de catalogue (empty: the coordination office's unit, else the city).
API_RATE_LIMIT = int(os.environ.get("API_RATE_LIMIT", "300"))
OPEN_DATA_LICENSE = os.environ.get("OPEN_DATA_LICENSE", "http://dcat-ap.de/def/licenses/dl-zero-de/2.0")
OPEN_DATA_CONTACT_EMAIL = os.environ.get("OPEN_DATA_CONTACT_EMAIL", "")
OPEN_DATA_CONTRIBUTOR_ID = os.environ.get("OPEN_DATA_CONTRIBUTOR_ID", "")
