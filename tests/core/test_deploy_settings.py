"""Production settings: `check --deploy` is clean, a weak SECRET_KEY stops the start, and the CSP is strict.

The settings are read once per process, so each production case runs manage.py in a subprocess with
the environment a real installation would have.
"""

import json
import re
import subprocess
import sys
from pathlib import Path

import pytest
from django.test import Client
from django.urls import reverse

from tests.factories import PASSWORD, UserFactory

PROJECT = Path(__file__).resolve().parents[2]
RANDOM_KEY = "Jd8s-2kq_Lx9VbT4mZ0pRw7eY1uNcHf6gA3tKoQiS5vWyBnXlMjDr"


def production_env(tmp_path, **extra) -> dict:
    """Only what a production server sets (no variables of the test run leak in)."""
    env = {
        "PATH": "/usr/bin:/bin",
        "LANG": "C.UTF-8",
        "DJANGO_SETTINGS_MODULE": "stadtdialog.settings",
        "STADTDIALOG_VAR_DIR": str(tmp_path),
        "DEBUG": "0",
        "SECRET_KEY": RANDOM_KEY,
        "ALLOWED_HOSTS": "beteiligung.hannover.de",
        "DATABASE_URL": f"sqlite:///{tmp_path / 'deploy.sqlite3'}",
        "SITE_URL": "https://beteiligung.hannover.de",
    }
    env.update(extra)
    return {name: value for name, value in env.items() if value is not None}


def manage(env, *args) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, str(PROJECT / "manage.py"), *args],
        env=env,
        cwd=PROJECT,
        capture_output=True,
        text=True,
        timeout=120,
    )


def read_settings(env, *names) -> dict:
    """The values of some settings as the production process sees them."""
    code = (
        "import json, sys; sys.path.insert(0, 'src'); import django; django.setup();"
        "from django.conf import settings;"
        f"print(json.dumps({{n: getattr(settings, n) for n in {list(names)!r}}}))"
    )
    done = subprocess.run(
        [sys.executable, "-c", code], env=env, cwd=PROJECT, capture_output=True, text=True, timeout=120
    )
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout)


def test_check_deploy_reports_nothing_with_production_settings(tmp_path):
    done = manage(production_env(tmp_path, SECURE_HSTS_PRELOAD="1"), "check", "--deploy", "--fail-level", "WARNING")

    assert done.returncode == 0, done.stdout + done.stderr
    assert "System check identified no issues" in done.stdout


def test_check_deploy_without_preload_names_only_the_preload_list(tmp_path):
    # Justified: joining the browsers' HSTS preload list binds the whole registrable domain (hannover.de)
    # and cannot be undone quickly, so the city opts in with SECURE_HSTS_PRELOAD=1; Django reminds of it.
    done = manage(production_env(tmp_path), "check", "--deploy")

    assert done.returncode == 0, done.stderr
    warnings = sorted({line.split(")")[0].split("(")[1] for line in done.stderr.splitlines() if "(security." in line})
    assert warnings == ["security.W021"]


def test_production_is_https_only_with_hardened_cookies(tmp_path):
    values = read_settings(
        production_env(tmp_path),
        "SECURE_SSL_REDIRECT",
        "SECURE_HSTS_SECONDS",
        "SECURE_HSTS_INCLUDE_SUBDOMAINS",
        "SESSION_COOKIE_SECURE",
        "SESSION_COOKIE_HTTPONLY",
        "SESSION_COOKIE_SAMESITE",
        "SESSION_COOKIE_NAME",
        "CSRF_COOKIE_SECURE",
        "CSRF_COOKIE_HTTPONLY",
        "CSRF_COOKIE_NAME",
        "SECURE_CONTENT_TYPE_NOSNIFF",
        "SECURE_REFERRER_POLICY",
        "X_FRAME_OPTIONS",
        "SECURE_PROXY_SSL_HEADER",
    )
    assert values == {
        "SECURE_SSL_REDIRECT": True,
        "SECURE_HSTS_SECONDS": 31536000,
        "SECURE_HSTS_INCLUDE_SUBDOMAINS": True,
        "SESSION_COOKIE_SECURE": True,
        "SESSION_COOKIE_HTTPONLY": True,
        "SESSION_COOKIE_SAMESITE": "Lax",
        "SESSION_COOKIE_NAME": "__Host-sessionid",
        "CSRF_COOKIE_SECURE": True,
        "CSRF_COOKIE_HTTPONLY": True,
        "CSRF_COOKIE_NAME": "__Host-csrftoken",
        "SECURE_CONTENT_TYPE_NOSNIFF": True,
        "SECURE_REFERRER_POLICY": "same-origin",
        "X_FRAME_OPTIONS": "DENY",
        "SECURE_PROXY_SSL_HEADER": None,
    }


def test_the_proxy_header_is_configurable(tmp_path):
    env = production_env(tmp_path, SECURE_PROXY_SSL_HEADER="X-Forwarded-Proto: https")
    assert read_settings(env, "SECURE_PROXY_SSL_HEADER") == {
        "SECURE_PROXY_SSL_HEADER": ["HTTP_X_FORWARDED_PROTO", "https"]
    }
    env = production_env(tmp_path, BEHIND_TLS_PROXY="1")
    assert read_settings(env, "SECURE_PROXY_SSL_HEADER") == {
        "SECURE_PROXY_SSL_HEADER": ["HTTP_X_FORWARDED_PROTO", "https"]
    }

    done = manage(production_env(tmp_path, SECURE_PROXY_SSL_HEADER="https"), "check")
    assert done.returncode != 0
    assert "X-Forwarded-Proto: https" in done.stderr


def test_development_stays_on_plain_http(tmp_path):
    env = production_env(tmp_path, DEBUG=None, SECRET_KEY=None, ALLOWED_HOSTS=None, SITE_URL=None)
    values = read_settings(
        env,
        "DEBUG",
        "SECURE_SSL_REDIRECT",
        "SECURE_HSTS_SECONDS",
        "SESSION_COOKIE_SECURE",
        "SESSION_COOKIE_NAME",
        "SITE_URL",
    )
    assert values == {
        "DEBUG": True,
        "SECURE_SSL_REDIRECT": False,
        "SECURE_HSTS_SECONDS": 0,
        "SESSION_COOKIE_SECURE": False,
        "SESSION_COOKIE_NAME": "sessionid",
        "SITE_URL": "http://127.0.0.1:8000",
    }


@pytest.mark.parametrize(
    ("key", "message"),
    [
        (None, "SECRET_KEY must be set"),
        ("", "SECRET_KEY must be set"),
        ("dev-only-insecure-key-change-me", "development default"),
        ("django-insecure-" + "x1y2z3" * 10, "development default"),
        ("kurz-und-schlecht", "at least 50 random characters"),
        ("a" * 60, "at least 50 random characters"),
    ],
)
def test_the_app_refuses_to_start_without_a_real_secret_key(tmp_path, key, message):
    done = manage(production_env(tmp_path, SECRET_KEY=key), "check")

    assert done.returncode != 0
    assert "ImproperlyConfigured" in done.stderr
    assert message in done.stderr


def test_map_tiles_are_allowed_from_the_configured_tile_server_only(tmp_path):
    env = production_env(tmp_path, MAP_TILE_URL="https://{s}.karten.hannover.example:8443/tiles/{z}/{x}/{y}.png")
    policy = read_settings(env, "CONTENT_SECURITY_POLICY")["CONTENT_SECURITY_POLICY"]["DIRECTIVES"]
    assert policy["img-src"] == ["'self'", "data:", "https://*.karten.hannover.example:8443"]

    local = production_env(tmp_path, MAP_TILE_URL="/kacheln/{z}/{x}/{y}.png")
    policy = read_settings(local, "CONTENT_SECURITY_POLICY")["CONTENT_SECURITY_POLICY"]["DIRECTIVES"]
    assert policy["img-src"] == ["'self'", "data:"]

    done = manage(production_env(tmp_path, MAP_TILE_URL="javascript:alert(1)"), "check")
    assert done.returncode != 0
    assert "MAP_TILE_URL" in done.stderr


@pytest.mark.django_db
def test_every_page_sends_the_strict_content_security_policy(client, settings):
    response = client.get(reverse("core:page", args=["impressum"]))

    directives = {part.split()[0]: part.split()[1:] for part in response.headers["Content-Security-Policy"].split("; ")}
    assert directives == {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:", "https://tile.openstreetmap.org"],
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        "worker-src": ["'self'"],
        "media-src": ["'self'", "https:"],  # the sign-language video; PAGE_VIDEO_HOSTS narrows it
        "frame-src": ["'none'"],
        "object-src": ["'none'"],
        "base-uri": ["'none'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
    }
    assert settings.MAP_TILE_URL.startswith("https://tile.openstreetmap.org/")
    assert response.headers["X-Frame-Options"] == "DENY"
    assert response.headers["X-Content-Type-Options"] == "nosniff"
    assert response.headers["Referrer-Policy"] == "same-origin"


@pytest.mark.django_db
def test_logging_in_works_with_the_production_values_behind_a_tls_proxy(tmp_path, settings):
    """The production cookie names (__Host-), flags and redirects, applied here, still let a person log in."""
    production = read_settings(
        production_env(tmp_path, SECURE_PROXY_SSL_HEADER="X-Forwarded-Proto: https"),
        "SECURE_SSL_REDIRECT",
        "SECURE_HSTS_SECONDS",
        "SECURE_HSTS_INCLUDE_SUBDOMAINS",
        "SECURE_PROXY_SSL_HEADER",
        "SESSION_COOKIE_SECURE",
        "SESSION_COOKIE_NAME",
        "CSRF_COOKIE_SECURE",
        "CSRF_COOKIE_NAME",
        "CSRF_COOKIE_HTTPONLY",
    )
    production["SECURE_PROXY_SSL_HEADER"] = tuple(production["SECURE_PROXY_SSL_HEADER"])
    for name, value in production.items():
        setattr(settings, name, value)
    UserFactory(email="anna@example.org")
    client = Client()
    proxied = {"HTTP_X_FORWARDED_PROTO": "https"}

    plain = client.get(reverse("accounts:login"))
    assert plain.status_code == 301
    assert plain["Location"] == "https://testserver" + reverse("accounts:login")

    page = client.get(reverse("accounts:login"), **proxied)
    assert page.status_code == 200
    assert page["Strict-Transport-Security"] == "max-age=31536000; includeSubDomains"
    csrf = page.cookies["__Host-csrftoken"]
    assert csrf["secure"]
    assert csrf["httponly"]
    assert csrf["samesite"] == "Lax"
    assert csrf["path"] == "/"
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page.content.decode()).group(1)

    done = client.post(
        reverse("accounts:login"),
        {"csrfmiddlewaretoken": token, "username": "anna@example.org", "password": PASSWORD},
        HTTP_REFERER="https://testserver" + reverse("accounts:login"),
        **proxied,
    )
    assert done.status_code == 302
    assert done["Location"] == reverse("accounts:home")
    session = done.cookies["__Host-sessionid"]
    assert session["secure"]
    assert session["httponly"]
    assert session["samesite"] == "Lax"
    assert not session["domain"]


# -- single sign-on (accounts/oidc.py): the OIDC block of the settings ------------------------------------------

OIDC_ENV = {
    "OIDC_ISSUER": "https://login.hannover-stadt.example/realms/stadt/",
    "OIDC_CLIENT_ID": "stadtdialog",
    "OIDC_CLIENT_SECRET": "s3cr3t",
    "OIDC_ROLE_MAPPING": '{"stadtdialog-admin": {"role": "admin"}, "fb61": {"role": "department", "unit": "FB 61"}}',
}


def test_single_sign_on_is_off_without_an_issuer(tmp_path):
    values = read_settings(production_env(tmp_path), "OIDC_ENABLED", "AUTHENTICATION_BACKENDS", "STAFF_LOCAL_LOGIN")
    assert values == {
        "OIDC_ENABLED": False,
        "AUTHENTICATION_BACKENDS": [
            "rules.permissions.ObjectPermissionBackend",
            "django.contrib.auth.backends.ModelBackend",
        ],
        "STAFF_LOCAL_LOGIN": True,
    }


def test_the_oidc_block_reads_its_variables_and_starts_without_the_network(tmp_path):
    env = production_env(
        tmp_path,
        **OIDC_ENV,
        OIDC_SCOPES="openid email profile roles",
        OIDC_GROUPS_CLAIM="memberOf",
        OIDC_OP_LOGOUT_ENDPOINT="https://login.hannover-stadt.example/logout",
        STAFF_LOCAL_LOGIN="0",
    )
    values = read_settings(
        env,
        "OIDC_ENABLED",
        "OIDC_ISSUER",
        "OIDC_DISCOVERY_URL",
        "OIDC_RP_CLIENT_ID",
        "OIDC_RP_CLIENT_SECRET",
        "OIDC_RP_SCOPES",
        "OIDC_RP_SIGN_ALGO",
        "OIDC_GROUPS_CLAIM",
        "OIDC_ROLES_FROM",
        "OIDC_ROLE_MAPPING",
        "OIDC_OP_AUTHORIZATION_ENDPOINT",
        "OIDC_OP_LOGOUT_ENDPOINT",
        "OIDC_USE_PKCE",
        "STAFF_LOCAL_LOGIN",
        "AUTHENTICATION_BACKENDS",
    )
    assert values == {
        "OIDC_ENABLED": True,
        "OIDC_ISSUER": "https://login.hannover-stadt.example/realms/stadt",
        "OIDC_DISCOVERY_URL": "https://login.hannover-stadt.example/realms/stadt/.well-known/openid-configuration",
        "OIDC_RP_CLIENT_ID": "stadtdialog",
        "OIDC_RP_CLIENT_SECRET": "s3cr3t",
        "OIDC_RP_SCOPES": "openid email profile roles",
        "OIDC_RP_SIGN_ALGO": "RS256",
        "OIDC_GROUPS_CLAIM": "memberOf",
        "OIDC_ROLES_FROM": "provider",
        "OIDC_ROLE_MAPPING": {
            "stadtdialog-admin": [{"role": "admin"}],
            "fb61": [{"role": "department", "unit": "FB 61"}],
        },
        "OIDC_OP_AUTHORIZATION_ENDPOINT": "",  # from the discovery document, at the first sign-on
        "OIDC_OP_LOGOUT_ENDPOINT": "https://login.hannover-stadt.example/logout",
        "OIDC_USE_PKCE": True,
        "STAFF_LOCAL_LOGIN": False,
        "AUTHENTICATION_BACKENDS": [
            "rules.permissions.ObjectPermissionBackend",
            "django.contrib.auth.backends.ModelBackend",
            "stadtdialog.accounts.oidc.StaffOIDCBackend",
        ],
    }
    # the issuer's host does not exist: the checks pass all the same, nothing is fetched at the start
    done = manage(env, "check", "--deploy", "--fail-level", "ERROR")
    assert done.returncode == 0, done.stderr


def test_roles_from_the_staff_area_need_no_mapping(tmp_path):
    env = production_env(tmp_path, **{**OIDC_ENV, "OIDC_ROLE_MAPPING": None}, OIDC_ROLES_FROM="staff_area")
    assert read_settings(env, "OIDC_ROLES_FROM", "OIDC_ROLE_MAPPING") == {
        "OIDC_ROLES_FROM": "staff_area",
        "OIDC_ROLE_MAPPING": {},
    }


@pytest.mark.parametrize(
    ("extra", "message"),
    [
        (
            {"OIDC_ROLE_MAPPING": '{"fb61": {"role": "department", "unit": "FB 61"'},
            "OIDC_ROLE_MAPPING is not valid JSON",
        ),
        ({"OIDC_ROLE_MAPPING": '["admin"]'}, "OIDC_ROLE_MAPPING must be a JSON object"),
        ({"OIDC_ROLE_MAPPING": '{"sbm": {"role": "district_manager", "district": "Mitte"}}'}, "a district's number"),
        ({"OIDC_ROLE_MAPPING": '{"fb61": {"rolle": "department"}}'}, "the entry of group 'fb61'"),
        ({"OIDC_ROLE_MAPPING": None}, "OIDC_ROLE_MAPPING (groups to roles), or OIDC_ROLES_FROM=staff_area"),
        ({"OIDC_ROLES_FROM": "staff_area"}, "OIDC_ROLE_MAPPING is not used with OIDC_ROLES_FROM=staff_area"),
        ({"OIDC_ROLES_FROM": "ldap"}, "OIDC_ROLES_FROM must be"),
        ({"OIDC_CLIENT_SECRET": None}, "OIDC_CLIENT_ID and OIDC_CLIENT_SECRET"),
        ({"OIDC_ISSUER": "login.hannover-stadt.example"}, "OIDC_ISSUER must be an http(s) address"),
        ({"OIDC_ISSUER": None, "STAFF_LOCAL_LOGIN": "0"}, "STAFF_LOCAL_LOGIN=0 leaves staff no way to log in"),
    ],
)
def test_a_bad_oidc_configuration_stops_the_start_with_a_clear_message(tmp_path, extra, message):
    done = manage(production_env(tmp_path, **{**OIDC_ENV, **extra}), "check")

    assert done.returncode != 0
    assert "ImproperlyConfigured" in done.stderr
    assert message in done.stderr
