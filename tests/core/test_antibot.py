"""Bot protection of anonymous forms: honeypot, signed timestamp (no JavaScript) and ALTCHA proof of work."""

import json
import re
from datetime import timedelta
from unittest import mock

import pytest
from django import forms
from django.core.cache import cache
from django.template.loader import render_to_string
from django.utils import timezone

from stadtdialog.core import antibot
from stadtdialog.core.antibot import AntiBotMixin, valid_antibot_data


class MessageForm(AntiBotMixin, forms.Form):
    text = forms.CharField(label="Text", max_length=100)


@pytest.fixture(autouse=True)
def _small_challenges(settings):
    settings.ALTCHA_MAX_NUMBER = 2000
    cache.clear()


def rendered(form):
    return render_to_string("core/_form_fields.html", {"form": form})


def test_rendered_form_has_hidden_honeypot_token_and_challenge():
    html = rendered(MessageForm())
    honeypot = re.search(r'<div class="visually-hidden" aria-hidden="true">.*?</div>', html, re.S).group(0)
    assert "Dieses Feld bitte leer lassen" in honeypot
    assert 'tabindex="-1"' in honeypot
    assert 'autocomplete="off"' in honeypot
    assert 'name="antibot_token"' in html
    challenge = json.loads(re.search(r'challengejson="([^"]+)"', html).group(1).replace("&quot;", '"'))
    assert challenge["algorithm"] == "SHA-256"
    assert challenge["maxNumber"] == 2000
    assert "vendor/altcha/altcha.js" in html
    assert "style=" not in html


def test_human_without_javascript_passes_after_a_few_seconds():
    form = MessageForm({"text": "Hallo", **valid_antibot_data(seconds_ago=10)})
    assert form.is_valid(), form.errors


def test_no_javascript_submission_that_is_too_fast_is_refused():
    form = MessageForm({"text": "Hallo", **valid_antibot_data(seconds_ago=1)})
    assert not form.is_valid()
    assert "Das ging sehr schnell" in str(form.non_field_errors())
    # The typed text is kept for the second try.
    assert 'value="Hallo"' in rendered(form)


def test_filled_honeypot_is_refused_with_a_clear_message():
    form = MessageForm({"text": "Hallo", **valid_antibot_data(), "homepage": "http://spam.example"})
    assert not form.is_valid()
    assert "ein Feld ausgefüllt wurde, das leer bleiben muss" in str(form.non_field_errors())
    assert "spam.example" not in rendered(form)


def test_missing_or_forged_token_is_refused():
    assert "antibot_token" not in MessageForm({"text": "Hallo"}).data
    assert not MessageForm({"text": "Hallo"}).is_valid()
    forged = MessageForm({"text": "Hallo", "homepage": "", "antibot_token": "1700000000"})
    assert not forged.is_valid()


def test_old_form_is_refused_and_rendered_with_a_fresh_token():
    real_now = timezone.now()
    data = {"text": "Hallo", **valid_antibot_data(seconds_ago=3 * 60 * 60)}
    form = MessageForm(data)
    assert not form.is_valid()
    assert "lange geöffnet" in str(form.non_field_errors())
    token = re.search(r'name="antibot_token" value="([^"]+)"', rendered(form)).group(1)
    assert antibot.token_age(token, now=real_now + timedelta(seconds=5)) < 60


def test_clock_moved_forward_expires_the_token():
    data = {"text": "Hallo", **valid_antibot_data(seconds_ago=10)}
    later = timezone.now() + timedelta(hours=3)
    with mock.patch("django.utils.timezone.now", return_value=later):
        assert not MessageForm(data).is_valid()


def test_altcha_solution_is_verified_once():
    payload = antibot.solve_for_tests(antibot.make_challenge())
    # A solved challenge may be sent at once, without the waiting time of the no-JS path.
    data = {"text": "Hallo", **valid_antibot_data(seconds_ago=0), "altcha": payload}
    assert MessageForm(data).is_valid()
    replay = MessageForm(data)
    assert not replay.is_valid()
    assert "automatische Prüfung" in str(replay.non_field_errors())


def test_wrong_altcha_solution_is_refused():
    challenge = antibot.make_challenge()
    payload = json.loads(__import__("base64").b64decode(antibot.solve_for_tests(challenge)))
    payload["number"] += 1
    forged = __import__("base64").b64encode(json.dumps(payload).encode()).decode()
    for bad in (forged, "not base64 at all", "e30="):
        form = MessageForm({"text": "Hallo", **valid_antibot_data(), "altcha": bad})
        assert not form.is_valid()


def test_challenge_signed_with_another_key_is_refused(settings):
    payload = antibot.solve_for_tests(antibot.make_challenge())
    settings.SECRET_KEY = "another-secret-key-for-this-test-only"
    assert not antibot.verify_altcha(payload)


def test_protection_can_be_switched_off_for_accounts():
    form = MessageForm({"text": "Hallo"}, antibot=False)
    assert form.is_valid()
    assert "homepage" not in form.fields


def test_prefixed_forms_work():
    form = MessageForm({"f-text": "Hallo", **valid_antibot_data(prefix="f")}, prefix="f")
    assert form.is_valid(), form.errors
