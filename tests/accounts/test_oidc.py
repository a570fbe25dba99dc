"""Single sign-on for staff against a real OpenID Connect provider on loopback (django-oauth-toolkit, see
tests/oidc_provider): the whole redirect flow, with a real token exchange, ID token signature (RS256, JWKS) and
userinfo request from our backend.

Each xdist worker starts its own provider on its own port (the fixture is per session, and a session is per
worker).
"""

import logging
import os
import re
import socket
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import parse_qs, urljoin, urlsplit

import pytest
import requests
from django.conf import settings
from django.contrib.auth import SESSION_KEY
from django.contrib.auth.tokens import default_token_generator
from django.core import mail
from django.shortcuts import resolve_url
from django.urls import reverse
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode

from stadtdialog.accounts.models import Role, User
from stadtdialog.core.antibot import valid_antibot_data
from stadtdialog.core.models import AuditEntry
from stadtdialog.organisation.models import District
from stadtdialog.settings import oidc_role_mapping
from tests.factories import PASSWORD, OrgUnitFactory, UserFactory, staff_user
from tests.oidc_provider import prepare

PROJECT = Path(__file__).resolve().parents[2]
CALLBACK = "http://testserver/oidc/callback/"
BACKEND = "stadtdialog.accounts.oidc.StaffOIDCBackend"
MAPPING = """{
    "stadtdialog-admin": {"role": "admin"},
    "fb61": {"role": "department", "unit": "FB 61"},
    "sbm-mitte": {"role": "district_manager", "district": 1},
    "fb99": [{"role": "department", "unit": "FB 99"}, {"role": "chef"}]
}"""


@dataclass
class Provider:
    url: str
    issuer: str


def after_logout() -> str:
    return "http://testserver" + resolve_url(settings.LOGOUT_REDIRECT_URL)


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.fixture(scope="session")
def provider(tmp_path_factory):
    folder = tmp_path_factory.mktemp("oidc_provider")
    port = _free_port()
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "tests.oidc_provider.settings",
        "OIDC_PROVIDER_DIR": str(folder),
        "OIDC_PROVIDER_PORT": str(port),
        "PYTHONPATH": str(PROJECT),
    }
    env.pop("DATABASE_URL", None)
    done = subprocess.run(
        [sys.executable, "-m", "tests.oidc_provider.prepare", CALLBACK, after_logout()],
        env=env,
        cwd=PROJECT,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr
    log = (folder / "server.log").open("w")
    server = subprocess.Popen(
        [sys.executable, "-m", "django", "runserver", f"127.0.0.1:{port}", "--noreload"],
        env=env,
        cwd=PROJECT,
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 60
        while True:
            assert server.poll() is None, (folder / "server.log").read_text()
            try:
                if requests.get(f"{url}/o/.well-known/openid-configuration", timeout=2).status_code == 200:
                    break
            except requests.ConnectionError:
                pass
            assert time.monotonic() < deadline, "the provider did not start"
            time.sleep(0.2)
        yield Provider(url=url, issuer=f"{url}/o")
    finally:
        server.terminate()
        try:
            server.wait(10)
        except subprocess.TimeoutExpired:
            server.kill()
        log.close()


@pytest.fixture
def sso(settings, provider):
    """Our site configured for the provider as the settings' OIDC block would configure it from the environment."""
    settings.OIDC_ENABLED = True
    settings.OIDC_ISSUER = provider.issuer
    settings.OIDC_DISCOVERY_URL = f"{provider.issuer}/.well-known/openid-configuration"
    settings.OIDC_RP_CLIENT_ID = prepare.CLIENT_ID
    settings.OIDC_RP_CLIENT_SECRET = prepare.CLIENT_SECRET
    settings.OIDC_ROLES_FROM = "provider"
    settings.OIDC_ROLE_MAPPING = oidc_role_mapping(MAPPING)
    settings.AUTHENTICATION_BACKENDS = [*settings.AUTHENTICATION_BACKENDS, BACKEND]
    OrgUnitFactory(short_name="FB 61", name="Fachbereich Planen und Stadtentwicklung")
    District.objects.get_or_create(number=1, defaults={"name": "Mitte", "slug": "mitte"})
    return provider


def sign_on(client, provider: Provider, username: str, next_url: str = ""):
    """Our button -> the provider's login form -> authorize -> our callback; returns our callback's response."""
    start = client.get(reverse("oidc_authentication_init") + (f"?next={next_url}" if next_url else ""))
    assert start.status_code == 302
    assert start["Location"].startswith(f"{provider.issuer}/authorize/?")
    assert parse_qs(urlsplit(start["Location"]).query)["code_challenge_method"] == ["S256"]

    browser = requests.Session()
    browser.trust_env = False
    form = browser.get(start["Location"], timeout=10)
    assert form.url.startswith(f"{provider.url}/login/")
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', form.text).group(1)
    answer = browser.post(
        form.url,
        data={"csrfmiddlewaretoken": token, "username": username, "password": prepare.PASSWORD},
        allow_redirects=False,
        timeout=10,
    )
    while not answer.headers["Location"].startswith(CALLBACK):
        assert answer.status_code == 302, answer.text
        answer = browser.get(urljoin(answer.url, answer.headers["Location"]), allow_redirects=False, timeout=10)
    back = urlsplit(answer.headers["Location"])
    assert set(parse_qs(back.query)) >= {"code", "state"}
    return client.get(f"{back.path}?{back.query}")


def roles_of(user: User) -> set[tuple]:
    return {
        (
            role.kind,
            role.org_unit.short_name if role.org_unit else None,
            role.district.number if role.district else None,
        )
        for role in user.role_set.select_related("org_unit", "district")
    }


def actions_about(user: User) -> list[str]:
    return list(AuditEntry.objects.filter(object_id=str(user.pk)).order_by("pk").values_list("action", flat=True))


def messages_of(response) -> list[str]:
    return [str(message) for message in response.context["messages"]] if response.context else []


pytestmark = pytest.mark.django_db


def test_the_login_page_offers_the_work_account_only_when_configured(client, settings, sso):
    assert "Mit dem Dienstkonto anmelden" in client.get(reverse("accounts:login")).content.decode()
    settings.OIDC_ENABLED = False
    assert "Mit dem Dienstkonto anmelden" not in client.get(reverse("accounts:login")).content.decode()
    assert client.get(reverse("oidc_authentication_init")).status_code == 404


def test_a_group_that_gives_a_role_signs_on_and_creates_the_staff_account(client, sso):
    response = sign_on(client, sso, "anna", next_url="/verwaltung/")

    assert response.status_code == 302
    assert response["Location"] == "/verwaltung/"
    user = User.objects.get(email="anna.admin@hannover-stadt.example")
    assert client.session[SESSION_KEY] == str(user.pk)
    assert user.full_name == "Anna Admin"
    assert user.email_verified
    assert user.oidc_subject
    assert not user.has_usable_password()
    assert roles_of(user) == {("admin", None, None)}
    assert set(user.role_set.values_list("source", flat=True)) == {"oidc"}
    assert actions_about(user) == ["accounts.oidc.login_created", "accounts.oidc.roles_synced"]
    # only the ID token is kept, as the hint for the logout at the provider; no access token
    assert "oidc_id_token" in client.session
    assert "oidc_access_token" not in client.session

    home = client.get(reverse("accounts:home"))
    assert home.status_code == 200

    # the second sign-on finds the account by its subject and changes nothing
    client.logout()
    sign_on(client, sso, "anna")
    assert client.session[SESSION_KEY] == str(user.pk)
    assert actions_about(user) == ["accounts.oidc.login_created", "accounts.oidc.roles_synced"]


def test_each_sign_on_replaces_the_providers_roles_and_keeps_those_from_the_staff_area(client, sso):
    kai = staff_user(Role.Kind.MODERATOR, email="kai.kuhn@hannover-stadt.example")
    Role.objects.create(user=kai, kind=Role.Kind.ADMIN, source=Role.Source.OIDC)  # a group he no longer has

    response = sign_on(client, sso, "kai")

    assert response.status_code == 302
    assert client.session[SESSION_KEY] == str(kai.pk)
    assert roles_of(kai) == {("moderator", None, None), ("department", "FB 61", None), ("district_manager", None, 1)}
    assert dict(kai.role_set.values_list("kind", "source")) == {
        "moderator": "local",
        "department": "oidc",
        "district_manager": "oidc",
    }
    entry = AuditEntry.objects.get(action="accounts.oidc.roles_synced", object_id=str(kai.pk))
    assert entry.actor == kai
    before, after = entry.changes["roles"]
    assert len(before) == 2
    assert len(after) == 3
    kai.refresh_from_db()
    assert kai.oidc_subject  # linked to the provider's subject by the e-mail address


def test_a_group_claim_that_gives_no_role_is_refused(client, sso):
    response = sign_on(client, sso, "rita")

    assert response.status_code == 302
    assert response["Location"] == reverse("accounts:login")
    assert SESSION_KEY not in client.session
    assert not User.objects.filter(email="rita.rest@example.org").exists()
    page = client.get(response["Location"])
    assert "ist für Mitarbeiter*innen der Stadt" in page.content.decode()


def test_unknown_units_and_roles_in_the_mapping_are_logged_and_left_out(client, sso, caplog):
    with caplog.at_level(logging.ERROR, logger="stadtdialog.accounts.oidc"):
        response = sign_on(client, sso, "uwe")

    assert response.status_code == 302
    assert response["Location"] == reverse("accounts:login")
    assert SESSION_KEY not in client.session
    assert not User.objects.filter(email="uwe.unbekannt@hannover-stadt.example").exists()
    logged = " ".join(record.getMessage() for record in caplog.records)
    assert "'FB 99'" in logged
    assert "'chef'" in logged


def test_a_resident_account_whose_groups_give_no_role_stays_a_resident(client, sso):
    rita = UserFactory(email="rita.rest@example.org")

    sign_on(client, sso, "rita")

    assert SESSION_KEY not in client.session
    rita.refresh_from_db()
    assert rita.has_usable_password()
    assert rita.role_set.count() == 0


def test_with_roles_from_the_staff_area_the_provider_only_authenticates(client, settings, sso):
    settings.OIDC_ROLES_FROM = "staff_area"
    settings.OIDC_ROLE_MAPPING = {}

    # no account: the groups claim would make Anna an admin, but roles come from the staff area only
    sign_on(client, sso, "anna")
    assert SESSION_KEY not in client.session
    assert not User.objects.filter(email="anna.admin@hannover-stadt.example").exists()

    # Kai's account has a role given in the staff area: he signs on with it, and his groups change nothing
    kai = staff_user(Role.Kind.MODERATOR, email="kai.kuhn@hannover-stadt.example")
    response = sign_on(client, sso, "kai")
    assert response.status_code == 302
    assert client.session[SESSION_KEY] == str(kai.pk)
    assert roles_of(kai) == {("moderator", None, None)}
    assert "accounts.oidc.roles_synced" not in actions_about(kai)


def test_an_unconfirmed_local_account_loses_its_password_when_the_provider_proves_the_address(client, sso):
    squatter = UserFactory(email="anna.admin@hannover-stadt.example", email_verified=False)

    sign_on(client, sso, "anna")

    squatter.refresh_from_db()
    assert client.session[SESSION_KEY] == str(squatter.pk)
    assert squatter.email_verified
    assert not squatter.has_usable_password()


def test_logout_ends_the_session_at_the_provider_too(client, sso):
    sign_on(client, sso, "anna")

    response = client.post(reverse("accounts:logout"))

    assert SESSION_KEY not in client.session
    location = urlsplit(response["Location"])
    assert f"{location.scheme}://{location.netloc}{location.path}" == f"{sso.issuer}/logout/"
    query = parse_qs(location.query)
    assert query["client_id"] == [prepare.CLIENT_ID]
    assert query["post_logout_redirect_uri"] == [after_logout()]
    at_provider = requests.get(response["Location"], allow_redirects=False, timeout=10)
    assert at_provider.status_code == 302
    assert at_provider.headers["Location"] == after_logout()


def test_an_unreachable_provider_gets_a_german_message_and_the_password_login_still_works(client, settings, sso):
    settings.OIDC_ISSUER = f"http://127.0.0.1:{_free_port()}/o"  # nothing listens there
    settings.OIDC_DISCOVERY_URL = f"{settings.OIDC_ISSUER}/.well-known/openid-configuration"
    resident = UserFactory(email="paula@example.org")

    response = client.get(reverse("oidc_authentication_init"), follow=True)
    assert "gerade nicht möglich" in " ".join(messages_of(response))

    done = client.post(reverse("accounts:login"), {"username": "paula@example.org", "password": PASSWORD})
    assert done.status_code == 302
    assert client.session[SESSION_KEY] == str(resident.pk)


def test_without_local_login_for_staff_a_staff_password_is_refused_and_residents_log_in(client, settings, sso):
    settings.STAFF_LOCAL_LOGIN = False
    staff_user(Role.Kind.DEPARTMENT, email="erika@hannover-stadt.example")
    resident = UserFactory(email="paula@example.org")

    refused = client.post(reverse("accounts:login"), {"username": "erika@hannover-stadt.example", "password": PASSWORD})
    assert refused.status_code == 200
    assert SESSION_KEY not in client.session
    html = refused.content.decode()
    assert "Mitarbeiter*innen der Stadt melden sich mit ihrem Dienstkonto an" in html
    assert "Mit dem Dienstkonto anmelden" in html

    done = client.post(reverse("accounts:login"), {"username": "paula@example.org", "password": PASSWORD})
    assert done.status_code == 302
    assert client.session[SESSION_KEY] == str(resident.pk)


def test_without_local_login_for_staff_the_password_reset_does_not_work_around_it(client, settings, sso):
    settings.STAFF_LOCAL_LOGIN = False
    erika = staff_user(Role.Kind.DEPARTMENT, email="erika@hannover-stadt.example")
    UserFactory(email="paula@example.org")

    for email in ("erika@hannover-stadt.example", "paula@example.org"):
        client.post(reverse("accounts:password_reset"), {"email": email, **valid_antibot_data()})
    assert [message.to for message in mail.outbox] == [["paula@example.org"]]

    # a link mailed before the switch no longer sets a password
    link = reverse(
        "accounts:password_reset_confirm",
        kwargs={
            "uidb64": urlsafe_base64_encode(force_bytes(erika.pk)),
            "token": default_token_generator.make_token(erika),
        },
    )
    form_page = client.get(link, follow=True)
    new = "Ein-neues-Passwort-2026"
    response = client.post(form_page.redirect_chain[-1][0], {"new_password1": new, "new_password2": new})
    assert response.status_code == 200
    assert "Dienstkonto" in response.content.decode()
    erika.refresh_from_db()
    assert erika.check_password(PASSWORD)
