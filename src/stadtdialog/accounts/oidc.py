"""Single sign-on for staff with OpenID Connect, on mozilla-django-oidc.

The settings' OIDC block configures it (see settings.py and the README). What this module adds to the library:

- The provider's endpoints come from its discovery document, fetched at the first sign-on and cached for an
  hour per process, unless they are set explicitly (OIDC_OP_*_ENDPOINT): the start needs no network, and a
  password login never talks to the provider.
- The ID token is checked for issuer and audience as well (the library checks signature, expiry and nonce).
- An account is found by the provider's subject ("sub") stored on it, else by the (verified) e-mail address,
  and then linked to the subject. A new account is made only when the groups give a role.
- With OIDC_ROLE_MAPPING, each sign-on replaces the roles that came from the provider (Role.source "oidc")
  with those the groups give now; roles given in the staff area stay. With OIDC_ROLES_FROM=staff_area the
  provider only authenticates. A sign-on that leaves the account without a role is refused: single sign-on is
  for staff; residents log in with their password.
- Every refusal ends on the login page with a German message, never with an error page.

These writes are the sign-on's own and run here, in one transaction with their audit entries, with the person
who signs on as the actor. No token is kept beyond the ID token in the session (the hint for ending the
provider's session at logout); no IP address is stored.
"""

import logging
import threading
import time
from urllib.parse import urlencode

import requests
from django.conf import settings
from django.contrib import messages
from django.contrib.auth.backends import ModelBackend
from django.core.exceptions import SuspiciousOperation
from django.db import IntegrityError, transaction
from django.http import Http404
from django.shortcuts import redirect, resolve_url
from django.utils.translation import gettext as _
from django.views.generic import View
from mozilla_django_oidc.auth import OIDCAuthenticationBackend
from mozilla_django_oidc.utils import import_from_settings
from mozilla_django_oidc.views import OIDCAuthenticationCallbackView, OIDCAuthenticationRequestView

from stadtdialog.core import audit
from stadtdialog.organisation.models import District, OrgUnit

from .models import Role, User

logger = logging.getLogger(__name__)

# settings name -> key of the discovery document (OpenID Connect Discovery 1.0, section 3)
DISCOVERED = {
    "OIDC_OP_AUTHORIZATION_ENDPOINT": "authorization_endpoint",
    "OIDC_OP_TOKEN_ENDPOINT": "token_endpoint",
    "OIDC_OP_USER_ENDPOINT": "userinfo_endpoint",
    "OIDC_OP_JWKS_ENDPOINT": "jwks_uri",
    "OIDC_OP_LOGOUT_ENDPOINT": "end_session_endpoint",
}
OPTIONAL = {"OIDC_OP_LOGOUT_ENDPOINT"}
DISCOVERY_MAX_AGE = 3600  # seconds

_discovery: dict[str, tuple[float, dict]] = {}
_discovery_lock = threading.Lock()


class ProviderUnavailable(Exception):
    """The provider's discovery document could not be read, or lacks what is needed."""


def is_staff_account(user) -> bool:
    """An account with a role (or a superuser): what single sign-on is for, and what STAFF_LOCAL_LOGIN=0 keeps
    away from the password login."""
    return bool(user.is_superuser or user.roles)


def provider_metadata() -> dict:
    """The provider's discovery document, read once an hour per process."""
    url = settings.OIDC_DISCOVERY_URL
    with _discovery_lock:
        cached = _discovery.get(url)
        if cached and time.monotonic() - cached[0] < DISCOVERY_MAX_AGE:
            return cached[1]
        try:
            response = requests.get(url, timeout=settings.OIDC_TIMEOUT)
            response.raise_for_status()
            data = response.json()
        except (requests.RequestException, ValueError) as error:
            logger.error("OpenID Connect: cannot read the discovery document %s: %s", url, error)
            raise ProviderUnavailable(url) from error
        if not isinstance(data, dict):
            logger.error("OpenID Connect: the discovery document %s is not a JSON object", url)
            raise ProviderUnavailable(url)
        issuer = str(data.get("issuer", "")).rstrip("/")
        if settings.OIDC_ISSUER and issuer != settings.OIDC_ISSUER:
            logger.error(
                "OpenID Connect: %s names the issuer %r, not OIDC_ISSUER %r", url, issuer, settings.OIDC_ISSUER
            )
            raise ProviderUnavailable(url)
        _discovery[url] = (time.monotonic(), data)
        return data


def expected_issuer() -> str:
    return settings.OIDC_ISSUER or str(provider_metadata().get("issuer", "")).rstrip("/")


def oidc_setting(name: str, *default):
    """A setting as mozilla-django-oidc asks for it; the provider's endpoints from discovery unless set."""
    if name not in DISCOVERED:
        return import_from_settings(name, *default)
    value = getattr(settings, name, "") or provider_metadata().get(DISCOVERED[name], "")
    if not value and name not in OPTIONAL:
        logger.error("OpenID Connect: the provider names no %s; set %s", DISCOVERED[name], name)
        raise ProviderUnavailable(name)
    return value


def _refuse(request, message: str) -> None:
    """Remember why the sign-on is refused; the callback view shows it on the login page."""
    request.oidc_refusal = message


def _unavailable_message() -> str:
    return _("The sign-on with your work account is not available at the moment. Please try again later.")


class StaffOIDCBackend(OIDCAuthenticationBackend):
    """Authenticates staff at the callback of the code flow (the library's flow, our accounts and roles)."""

    def __init__(self, *args, **kwargs):
        # Not the library's __init__: it reads the endpoints, and the backend is made for every password login
        # and every request of a signed-on person. The endpoints are read when a sign-on needs them.
        ModelBackend.__init__(self, *args, **kwargs)
        self.UserModel = User

    get_settings = staticmethod(oidc_setting)
    OIDC_OP_TOKEN_ENDPOINT = property(lambda self: oidc_setting("OIDC_OP_TOKEN_ENDPOINT"))
    OIDC_OP_USER_ENDPOINT = property(lambda self: oidc_setting("OIDC_OP_USER_ENDPOINT"))
    OIDC_OP_JWKS_ENDPOINT = property(lambda self: oidc_setting("OIDC_OP_JWKS_ENDPOINT"))
    OIDC_RP_CLIENT_ID = property(lambda self: settings.OIDC_RP_CLIENT_ID)
    OIDC_RP_CLIENT_SECRET = property(lambda self: settings.OIDC_RP_CLIENT_SECRET)
    OIDC_RP_SIGN_ALGO = property(lambda self: settings.OIDC_RP_SIGN_ALGO)
    OIDC_RP_IDP_SIGN_KEY = None

    def authenticate(self, request, **kwargs):
        if request is None or "nonce" not in kwargs:  # not the callback of a sign-on (e.g. a password login)
            return None
        try:
            return super().authenticate(request, **kwargs)
        except ProviderUnavailable:
            _refuse(request, _unavailable_message())
        except requests.RequestException as error:
            logger.error("OpenID Connect: the provider did not answer as expected: %s", error)
            _refuse(request, _unavailable_message())
        except SuspiciousOperation as error:
            logger.warning("OpenID Connect: sign-on refused: %s", error)
        return None

    def get_user(self, user_id):
        return ModelBackend.get_user(self, user_id)  # a deactivated account's session ends at its next request

    def verify_token(self, token, **kwargs):
        payload = super().verify_token(token, **kwargs)
        if str(payload.get("iss", "")).rstrip("/") != expected_issuer():
            raise SuspiciousOperation(f"ID token from the issuer {payload.get('iss')!r}")
        audience = payload.get("aud")
        audience = audience if isinstance(audience, list) else [audience]
        if settings.OIDC_RP_CLIENT_ID not in audience:
            raise SuspiciousOperation(f"ID token for the audience {audience!r}")
        if len(audience) > 1 and payload.get("azp") != settings.OIDC_RP_CLIENT_ID:
            raise SuspiciousOperation("ID token for several audiences without our azp")
        return payload

    def get_userinfo(self, access_token, id_token, payload):
        """The ID token's claims with the userinfo endpoint's (some providers put the groups into one only)."""
        userinfo = super().get_userinfo(access_token, id_token, payload)
        if str(userinfo.get("sub")) != str(payload.get("sub")):
            raise SuspiciousOperation("The userinfo is about another subject than the ID token")
        protocol = {"iss", "aud", "exp", "iat", "nbf", "nonce", "at_hash", "c_hash", "azp", "auth_time", "jti", "sid"}
        return {**{k: v for k, v in payload.items() if k not in protocol}, **userinfo}

    def verify_claims(self, claims):
        return bool(claims.get("sub"))

    def get_or_create_user(self, access_token, id_token, payload):
        claims = self.get_userinfo(access_token, id_token, payload)
        if not self.verify_claims(claims):
            raise SuspiciousOperation("No subject in the claims")
        try:
            user = self._sign_on(claims)
        except IntegrityError:  # the same person signed on twice at once: the other sign-on made the account
            logger.warning("OpenID Connect: concurrent first sign-on of subject %s", claims["sub"])
            _refuse(self.request, _("Please try again."))
            return None
        if user is not None and not is_staff_account(user):
            logger.info("OpenID Connect: subject %s has no role; refused", claims["sub"])
            _refuse(self.request, _no_role_message())
            return None
        return user

    @transaction.atomic
    def _sign_on(self, claims: dict) -> User | None:
        sub = str(claims["sub"])
        email = str(claims.get("email") or "").strip().lower()
        trusted_email = email if email and claims.get("email_verified", True) not in (False, "false") else ""
        user = User.objects.filter(oidc_subject=sub).first()
        if user is None and trusted_email:
            user = User.objects.filter(email__iexact=trusted_email).first()
            if user is not None and user.oidc_subject:
                logger.warning("OpenID Connect: %s is linked to another subject than %s; refused", user.pk, sub)
                _refuse(
                    self.request,
                    _("This account is linked to another work account. Please contact the administrators."),
                )
                return None
        roles = None if settings.OIDC_ROLES_FROM == "staff_area" else roles_from_groups(claims)
        if user is None:
            if not roles or not trusted_email:
                _refuse(self.request, _no_role_message())
                return None
            user = _create_account(sub, trusted_email, claims)
        elif not user.oidc_subject:
            _link_account(user, sub)
        if roles is not None:
            sync_roles(user, roles)
        return user


def _no_role_message() -> str:
    return _(
        "Your work account gives you no role in the staff area. The sign-on with the work account is for staff of "
        "the city; residents log in with their e-mail address and password. If you work for the city, please "
        "ask the administrators for a role."
    )


def _create_account(sub: str, email: str, claims: dict) -> User:
    full_name = str(claims.get("name") or " ".join(filter(None, [claims.get("given_name"), claims.get("family_name")])))
    display_name = (full_name or str(claims.get("preferred_username") or "") or email.split("@")[0])[:60]
    user = User(
        email=email,
        display_name=display_name,
        full_name=full_name[:120],
        email_verified=True,
        oidc_subject=sub,
    )
    user.set_unusable_password()
    user.save()
    audit.record(
        user, "accounts.oidc.login_created", user, {"email": [None, email], "display_name": [None, display_name]}
    )
    return user


def _link_account(user: User, sub: str) -> None:
    """Link an existing account to the provider's subject. An address that was never confirmed may have been
    registered by someone else: its password goes, the provider has now proved the address."""
    fields = ["oidc_subject"]
    user.oidc_subject = sub
    if not user.email_verified:
        user.email_verified = True
        user.set_unusable_password()
        fields += ["email_verified", "password"]
    user.save(update_fields=fields)
    audit.record(user, "accounts.oidc.linked", user, {"single_sign_on": [False, True]})


RoleKey = tuple[str, int | None, int | None]  # kind, org_unit_id, district_id


def roles_from_groups(claims: dict) -> set[RoleKey]:
    """The roles that OIDC_ROLE_MAPPING gives for the groups claim. A group may come as a path ("/fb61").
    An unknown role, unit or district is a configuration error: logged, and that entry is left out."""
    groups = claims.get(settings.OIDC_GROUPS_CLAIM) or []
    groups = [groups] if isinstance(groups, str) else groups if isinstance(groups, list) else []
    names = {str(group) for group in groups} | {str(group).lstrip("/") for group in groups}
    roles: set[RoleKey] = set()
    for group, entries in settings.OIDC_ROLE_MAPPING.items():
        if group not in names:
            continue
        for entry in entries:
            key = _role_key(group, entry)
            if key is not None:
                roles.add(key)
    return roles


def _role_key(group: str, entry: dict) -> RoleKey | None:
    kind = entry["role"]
    if kind not in Role.Kind.values:
        logger.error("OIDC_ROLE_MAPPING: group %r names the unknown role %r; left out", group, kind)
        return None
    unit_id = district_id = None
    if "unit" in entry:
        unit = OrgUnit.objects.filter(short_name=entry["unit"], dissolved_at__isnull=True).first()
        if unit is None or kind not in Role.UNIT_KINDS:
            logger.error(
                "OIDC_ROLE_MAPPING: group %r: no unit %r for the role %r; left out", group, entry["unit"], kind
            )
            return None
        unit_id = unit.pk
    if "district" in entry:
        district = District.objects.filter(number=entry["district"]).first()
        if district is None or kind not in (*Role.DISTRICT_KINDS, Role.Kind.COUNCIL_MEMBER):
            logger.error(
                "OIDC_ROLE_MAPPING: group %r: no district %r for the role %r; left out", group, entry["district"], kind
            )
            return None
        district_id = district.pk
    if (kind in Role.UNIT_KINDS and unit_id is None) or (kind in Role.DISTRICT_KINDS and district_id is None):
        logger.error("OIDC_ROLE_MAPPING: group %r: the role %r needs a unit or a district; left out", group, kind)
        return None
    return kind, unit_id, district_id


def sync_roles(user: User, wanted: set[RoleKey]) -> None:
    """Replace the roles that came from the provider with the wanted ones; roles from the staff area stay."""

    def key(role: Role) -> RoleKey:
        return role.kind, role.org_unit_id, role.district_id

    current = list(Role.objects.filter(user=user).select_related("org_unit", "district"))
    from_provider = {key(role): role for role in current if role.source == Role.Source.OIDC}
    local = {key(role) for role in current if role.source == Role.Source.LOCAL}
    gone = [role for k, role in from_provider.items() if k not in wanted]
    new = [k for k in wanted if k not in from_provider and k not in local]
    if not gone and not new:
        return
    before = sorted(str(role) for role in current)
    Role.objects.filter(pk__in=[role.pk for role in gone]).delete()
    Role.objects.bulk_create(
        Role(user=user, kind=kind, org_unit_id=unit_id, district_id=district_id, source=Role.Source.OIDC)
        for kind, unit_id, district_id in sorted(new, key=str)
    )
    user.__dict__.pop("roles", None)  # the cached roles of this request
    after = sorted(str(role) for role in Role.objects.filter(user=user).select_related("org_unit", "district"))
    audit.record(user, "accounts.oidc.roles_synced", user, {"roles": [before, after]})


# -- views (routed by mozilla_django_oidc.urls through OIDC_AUTHENTICATE_CLASS and OIDC_CALLBACK_CLASS) ------------


class StaffAuthenticationRequestView(OIDCAuthenticationRequestView):
    """ "Log in with your work account": to the provider's authorisation endpoint."""

    def __init__(self, *args, **kwargs):
        View.__init__(self, *args, **kwargs)  # the endpoint is looked up when the button is used

    get_settings = staticmethod(oidc_setting)

    def get(self, request):
        if not settings.OIDC_ENABLED:
            raise Http404
        try:
            self.OIDC_OP_AUTH_ENDPOINT = oidc_setting("OIDC_OP_AUTHORIZATION_ENDPOINT")
        except ProviderUnavailable:
            messages.error(request, _unavailable_message())
            return redirect("accounts:login")
        self.OIDC_RP_CLIENT_ID = settings.OIDC_RP_CLIENT_ID
        return super().get(request)


class StaffAuthenticationCallbackView(OIDCAuthenticationCallbackView):
    """The provider sends the person back here with a code; a refusal ends on the login page with its reason."""

    get_settings = staticmethod(oidc_setting)

    def get(self, request):
        if not settings.OIDC_ENABLED:
            raise Http404
        try:
            return super().get(request)
        except SuspiciousOperation as error:  # an unknown state: an old or foreign link
            logger.warning("OpenID Connect: callback refused: %s", error)
            messages.error(request, _("This sign-on link has expired. Please log in again."))
            return redirect("accounts:login")

    def login_failure(self):
        user = getattr(self, "user", None)
        if user is not None and not user.is_active:
            message = _("This account is blocked.")
        else:
            message = getattr(self.request, "oidc_refusal", None) or _(
                "The sign-on with your work account did not succeed. Please try again."
            )
        messages.error(self.request, message)
        return redirect("accounts:login")


def provider_logout_url(request) -> str:
    """Where logout leads: to the provider's end_session_endpoint (which comes back to us) when the person signed
    on with the work account and the provider has one, else to LOGOUT_REDIRECT_URL. Call before the logout."""
    back = resolve_url(settings.LOGOUT_REDIRECT_URL)
    id_token = request.session.get("oidc_id_token")
    if not (settings.OIDC_ENABLED and settings.OIDC_LOGOUT_AT_PROVIDER and id_token):
        return back
    try:
        endpoint = oidc_setting("OIDC_OP_LOGOUT_ENDPOINT")
    except ProviderUnavailable:
        return back
    if not endpoint:
        return back
    query = urlencode(
        {
            "id_token_hint": id_token,
            "client_id": settings.OIDC_RP_CLIENT_ID,
            "post_logout_redirect_uri": request.build_absolute_uri(back),
        }
    )
    return f"{endpoint}{'&' if '?' in endpoint else '?'}{query}"
