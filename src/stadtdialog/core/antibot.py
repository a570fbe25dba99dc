"""Protection of anonymous and sign-up forms against bots, without third-party services.

Mix `AntiBotMixin` into a form, before the Django base class::

    class FlagForm(AntiBotMixin, forms.Form):
        ...

    form = FlagForm(request.POST or None, antibot=not request.user.is_authenticated)

The mixin adds three fields that `core/_form_fields.html` renders among the hidden fields:

- ``homepage``: a honeypot. A text field that people never see (visually hidden, hidden from
  screen readers, not reachable with the keyboard, no autofill). Bots that fill every field fill
  it too; the form is then refused with a clear message and nothing is saved.
- ``antibot_token``: a signed timestamp of the moment the form was rendered. Checked on every
  submission: not older than two hours (``ANTIBOT_MAX_AGE``).
- ``altcha``: an ALTCHA proof-of-work challenge (``altcha`` package, HMAC key derived from
  SECRET_KEY). The vendored web component (static/vendor/altcha/) solves it in the browser and
  posts the solution under the same name; the server verifies it, once per solution.

Without JavaScript there is no solution. Such submissions are accepted when the honeypot is empty
and the form was rendered at least ``ANTIBOT_MIN_SECONDS`` (3) seconds earlier, so that people
without JavaScript are never locked out. The trade-off: a bot that leaves out the solution and
waits a few seconds gets through this check; it still meets the per-account rate limits
(core/ratelimit.py), the e-mail verification for accounts and the moderators. A wrong or reused
solution is always refused. The signed timestamp itself can be reused within its two hours.

No IP addresses or other personal data are stored; used solutions are remembered in the cache
only by their signature.
"""

import base64
import json
from datetime import timedelta

import altcha
from django import forms
from django.conf import settings
from django.core import signing
from django.core.cache import cache
from django.utils import timezone
from django.utils.crypto import salted_hmac
from django.utils.translation import gettext_lazy as _

HONEYPOT_FIELD = "homepage"
TOKEN_FIELD = "antibot_token"
ALTCHA_FIELD = "altcha"
_SALT = "stadtdialog.core.antibot"

MESSAGES = {
    "honeypot": _(
        "The form was not sent because a field that must stay empty was filled in. "
        "Please reload the page and send the form again."
    ),
    "too_fast": _("That was very quick. Please check your input and send the form again."),
    "expired": _("The form was open for a long time. Please check your input and send it again."),
    "token": _("The form could not be checked. Please reload the page and send the form again."),
    "altcha": _("The automatic check against spam failed. Please reload the page and send the form again."),
}


def min_seconds() -> int:
    return getattr(settings, "ANTIBOT_MIN_SECONDS", 3)


def max_age() -> int:
    return getattr(settings, "ANTIBOT_MAX_AGE", 2 * 60 * 60)


def altcha_key() -> str:
    """The HMAC key for ALTCHA challenges, derived from SECRET_KEY (never the key itself)."""
    return salted_hmac(_SALT, "altcha-hmac-key").hexdigest()


# -- the signed timestamp ---------------------------------------------------------------------


def make_token(now=None) -> str:
    """A signed token holding the moment a form was rendered."""
    moment = now or timezone.now()
    return signing.dumps({"t": moment.timestamp()}, salt=_SALT, compress=False)


def token_age(token: str, now=None) -> float | None:
    """Seconds since the token was made, or None if it is not one of ours."""
    try:
        made = float(signing.loads(token, salt=_SALT)["t"])
    except (signing.BadSignature, KeyError, TypeError, ValueError):
        return None
    return (now or timezone.now()).timestamp() - made


# -- ALTCHA -----------------------------------------------------------------------------------


def make_challenge() -> dict:
    """A fresh proof-of-work challenge as the dict the web component expects (challengejson)."""
    challenge = altcha.create_challenge_v1(
        hmac_key=altcha_key(),
        max_number=getattr(settings, "ALTCHA_MAX_NUMBER", 50_000),
        expires=timezone.now() + timedelta(seconds=max_age()),
    )
    return challenge.to_dict()


def verify_altcha(payload: str) -> bool:
    """True if the payload solves one of our challenges and has not been used before."""
    try:
        ok, _error = altcha.verify_solution_v1(payload, altcha_key(), check_expires=True)
    except Exception:  # a malformed payload from a client is just a wrong answer
        return False
    if not ok:
        return False
    try:
        signature = json.loads(base64.b64decode(payload).decode())["signature"]
    except (ValueError, KeyError, TypeError):
        return False
    # Each solution counts once: remember its signature until the challenge has expired anyway.
    return cache.add(f"antibot:altcha:{signature}", 1, timeout=max_age())


def solve_for_tests(challenge: dict) -> str:
    """Solve a challenge the way the browser does; for tests and scripted clients (slow for big numbers)."""
    challenge_obj = altcha.ChallengeV1(
        challenge["algorithm"],
        challenge["challenge"],
        challenge["maxNumber"],
        challenge["salt"],
        challenge["signature"],
    )
    solution = altcha.solve_challenge_v1(challenge_obj)
    if solution is None:
        raise ValueError("challenge has no solution")
    payload = altcha.PayloadV1(
        challenge["algorithm"], challenge["challenge"], solution.number, challenge["salt"], challenge["signature"]
    )
    return payload.to_base64()


# -- widgets and fields -----------------------------------------------------------------------


class _HiddenRendered(forms.Widget):
    """A widget that the form templates put among the hidden fields (no label wrapper)."""

    @property
    def is_hidden(self):
        return True


class HoneypotWidget(_HiddenRendered, forms.TextInput):
    template_name = "core/antibot/_honeypot.html"

    def __init__(self):
        super().__init__(attrs={"tabindex": "-1", "autocomplete": "off"})

    def format_value(self, value):
        return ""  # never echo what a bot typed

    def get_context(self, name, value, attrs):
        context = super().get_context(name, value, attrs)
        context["label"] = _("Leave this field empty")
        return context


class TokenWidget(forms.HiddenInput):
    """Always renders a fresh token: the clock starts whenever the form is shown."""

    def format_value(self, value):
        return make_token()


class AltchaWidget(_HiddenRendered, forms.Widget):
    """The ALTCHA web component with a fresh challenge; it posts its solution under the field's name."""

    template_name = "core/antibot/_altcha.html"

    def get_context(self, name, value, attrs):
        context = super().get_context(name, value, attrs)
        context["challenge_json"] = json.dumps(make_challenge())
        return context

    def value_from_datadict(self, data, files, name):
        return data.get(name, "")


class AntiBotMixin:
    """Honeypot, signed timestamp and ALTCHA proof of work for a Django form (see the module docs).

    Pass ``antibot=False`` to switch the protection off, e.g. for logged-in accounts.
    """

    def __init__(self, *args, antibot: bool = True, **kwargs):
        super().__init__(*args, **kwargs)
        self.antibot = antibot
        if not antibot:
            return
        self.fields[HONEYPOT_FIELD] = forms.CharField(
            label=_("Leave this field empty"), required=False, widget=HoneypotWidget()
        )
        self.fields[TOKEN_FIELD] = forms.CharField(required=False, widget=TokenWidget())
        self.fields[ALTCHA_FIELD] = forms.CharField(required=False, widget=AltchaWidget())

    def full_clean(self):
        super().full_clean()
        if self.antibot and self.is_bound and hasattr(self, "cleaned_data"):
            error = self.antibot_error()
            if error:
                self.add_error(None, forms.ValidationError(MESSAGES[error], code=f"antibot_{error}"))

    def antibot_error(self) -> str | None:
        """The key of the first failed check (see MESSAGES), or None if the submission looks human."""

        def raw(name):
            return self.data.get(self.add_prefix(name), "") or ""

        if raw(HONEYPOT_FIELD).strip():
            return "honeypot"
        age = token_age(raw(TOKEN_FIELD))
        if age is None:
            return "token"
        if age > max_age():
            return "expired"
        solution = raw(ALTCHA_FIELD)
        if solution:
            return None if verify_altcha(solution) else "altcha"
        if age < min_seconds():
            return "too_fast"
        return None


def valid_antibot_data(prefix: str | None = None, seconds_ago: int = 60) -> dict:
    """POST data that passes the checks on the no-JavaScript path; for other apps' tests."""

    def name(field):
        return f"{prefix}-{field}" if prefix else field

    return {name(HONEYPOT_FIELD): "", name(TOKEN_FIELD): make_token(timezone.now() - timedelta(seconds=seconds_ago))}
